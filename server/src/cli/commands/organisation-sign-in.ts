import fs from "node:fs/promises";
import path from "node:path";
import type { OrganisationSignInInput } from "@kb/shared";
import type { Backend } from "../../app.js";
import type { AppConfig } from "../../config/index.js";
import { configureOrganisationSignIn, DIRECTORY_CALLBACK_PATH, OrganisationSignIn } from "../../directory-sign-in/index.js";
import { organisationByCode } from "../../organisations/index.js";

export interface SignInOptions {
  issuer?: string;
  clientId?: string;
  clientSecretFile?: string;
  scopes?: string;
  emailClaim?: string;
  nameClaim?: string;
  departmentCodeClaim?: string;
  localPasswords?: string;
  enabled?: string;
}

const yesNo = (value: string | undefined, option: string): boolean | undefined => {
  if (value === undefined) return undefined;
  if (value === "yes" || value === "no") return value === "yes";
  throw new UsageError(`${option} は yes か no で指定してください`);
};

export class UsageError extends Error {}

/** The secret: from --client-secret-file (a path, or - for standard input), else KB_OIDC_CLIENT_SECRET; never from the command line itself. */
async function secretOf(values: SignInOptions, config: AppConfig): Promise<string | undefined> {
  if (values.clientSecretFile === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8").trim() || undefined;
  }
  if (values.clientSecretFile) return (await fs.readFile(path.resolve(config.invocationDir, values.clientSecretFile), "utf8")).trim() || undefined;
  return config.oidcClientSecret;
}

/**
 * `kb organisation sign-in <団体コード>`: shows the organisation's directory sign-in, or with --issuer
 * and --client-id sets it (what is not given takes the default, or for the secret stays as it was).
 */
export async function organisationSignIn(backend: Backend, code: string | undefined, values: SignInOptions, config: AppConfig): Promise<string> {
  if (!code) throw new UsageError("団体コードを指定してください: organisation sign-in <団体コード> --issuer <URL> --client-id <ID> --client-secret-file <ファイル>");
  const em = backend.orm.em.fork();
  const setting = values.issuer !== undefined || values.clientId !== undefined;
  if (!setting) {
    const organisation = await organisationByCode(em, code);
    const found = await em.findOne(OrganisationSignIn, { organisation });
    return found ? describe(found, organisation.name) : `${organisation.name}: ディレクトリによるログインは設定されていません。\n`;
  }
  const input: OrganisationSignInInput = {
    issuer: values.issuer ?? "",
    clientId: values.clientId ?? "",
    ...withDefined({
      clientSecret: await secretOf(values, config),
      scopes: values.scopes,
      emailClaim: values.emailClaim,
      nameClaim: values.nameClaim,
      departmentCodeClaim: values.departmentCodeClaim,
      allowLocalPasswords: yesNo(values.localPasswords, "--local-passwords"),
      enabled: yesNo(values.enabled, "--enabled"),
    }),
  };
  const saved = await configureOrganisationSignIn(em, code, input, null);
  const organisation = await organisationByCode(em, code);
  return `設定しました:\n${describe(saved, organisation.name)}`;
}

const withDefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function describe(s: OrganisationSignIn, name: string): string {
  return [
    `${name}: ディレクトリによるログイン ${s.enabled ? "有効" : "無効"}`,
    `  発行者 (issuer)      ${s.issuer}`,
    `  クライアントID       ${s.clientId}`,
    `  クライアントシークレット （保存済み・表示しません）`,
    `  スコープ             ${s.scopes}`,
    `  クレーム             メール=${s.emailClaim} 氏名=${s.nameClaim} 所属コード=${s.departmentCodeClaim}`,
    `  パスワードでのログイン ${s.allowLocalPasswords ? "可" : "不可"}`,
    `  プロバイダーに登録するリダイレクトURI: <この設置のURL>${DIRECTORY_CALLBACK_PATH}（ログアウト後の戻り先: <この設置のURL>/）`,
    "",
  ].join("\n");
}

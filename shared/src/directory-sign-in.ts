import { z } from "zod";
import { text } from "./text.js";

/**
 * Directory sign-in (OpenID Connect, issue 15): what an installation operator sets per organisation,
 * from the CLI (`kb organisation sign-in`) or GraphQL (`setOrganisationSignIn`). The client secret is
 * write-only: it is never read back through GraphQL.
 */
const claimName = (fallback: string) =>
  text()
    .trim()
    .regex(/^[A-Za-z0-9_:.\-/]{1,100}$/, { error: "クレーム名は英数字と _ : . - / で100文字以内にしてください" })
    .default(fallback);

export const organisationSignInInputSchema = z.strictObject({
  /** The OpenID provider's issuer; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: z
    .url({ error: "発行者（issuer）は URL で入力してください" })
    .max(500)
    .refine((u) => u.startsWith("https://") || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(u), {
      error: "発行者（issuer）は https:// で始まる URL にしてください（http はこのマシン上の試験用プロバイダーだけ）",
    }),
  clientId: text().trim().min(1, { error: "クライアントIDを入力してください" }).max(500),
  /** Absent on an update: the stored secret stays. Required when the organisation has none yet (the service checks). */
  clientSecret: text().min(1, { error: "クライアントシークレットを入力してください" }).max(2000).optional(),
  scopes: text()
    .trim()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, { error: "スコープは空白で区切った英数字で入力してください" })
    .refine((s) => s.split(" ").includes("openid"), { error: "スコープには openid を含めてください" })
    .default("openid email profile"),
  emailClaim: claimName("email"),
  nameClaim: claimName("name"),
  departmentCodeClaim: claimName("department_code"),
  /** Whether this organisation's people may still sign in with a local password. */
  allowLocalPasswords: z.boolean().default(true),
  enabled: z.boolean().default(true),
});
export type OrganisationSignInInput = z.input<typeof organisationSignInInputSchema>;
export type OrganisationSignInData = z.output<typeof organisationSignInInputSchema>;

/**
 * Why a directory sign-in was refused: the callback sends the browser to `/login?signInError=<code>`
 * and the login page shows the sentence. Never a stack trace or a provider's raw message.
 */
export const DIRECTORY_SIGN_IN_ERRORS = {
  STATE_MISMATCH: "ログインの手続きを確認できませんでした（別の画面から始めたか、時間が経ちすぎています）。もう一度ログインしてください。",
  CODE_REJECTED: "ディレクトリからの応答を確認できませんでした（期限切れか、使用済みです）。もう一度ログインしてください。",
  PROVIDER_UNAVAILABLE: "組織のディレクトリ（ログインサービス）に接続できませんでした。しばらくしてからもう一度お試しください。",
  NOT_CONFIGURED: "この団体のディレクトリによるログインは設定されていません。",
  WRONG_ORGANISATION: "このアカウントは別の団体のものです。所属する団体のボタンからログインしてください。",
  EMAIL_TAKEN: "このメールアドレスは別の団体の利用者が使用しています。管理者にお問い合わせください。",
  NO_EMAIL: "ディレクトリからメールアドレスが届きませんでした。管理者にお問い合わせください。",
  UNKNOWN_DEPARTMENT: "ディレクトリの所属コードに当たる課がこの団体に登録されていません。管理者に所属コードの登録を依頼してください。",
  DEACTIVATED: "このアカウントは利用停止中です。管理者にお問い合わせください。",
  CANCELLED: "ログインは取り消されました。",
  FAILED: "ログインを完了できませんでした。もう一度お試しください。",
  RATE_LIMITED: "ログインの操作が続いたため、一時的に受け付けていません。しばらく待ってからもう一度お試しください。",
} as const;
export type DirectorySignInError = keyof typeof DIRECTORY_SIGN_IN_ERRORS;

/** The path a sign-in may return to: same-origin absolute paths only ("/x", never "//host" or "/\\host"). */
export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length > 2000) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || [...raw].some((ch) => ch.charCodeAt(0) < 0x20)) return "/";
  return raw;
}

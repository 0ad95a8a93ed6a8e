import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS, type OrganisationData } from "@kb/shared";
import { AppError } from "../../kernel/index.js";
import { createOrganisation, homeOrganisation, listOrganisations, updateHomeOrganisation, type Organisation } from "../../organisations/index.js";
import type { KbCommand } from "../command.js";
import { organisationSignIn, UsageError, type SignInOptions } from "./organisation-sign-in.js";

interface OrganisationOptions extends SignInOptions {
  name?: string;
  kana?: string;
  prefecture?: string;
  kind?: string;
  code?: string;
  population?: string;
  populationAsOf?: string;
  publicReading?: string;
}

const ACTIONS = ["show", "list", "set", "create", "sign-in"] as const;

/**
 * `kb organisation`: the installation's own organisation (show, set) and the others (list, create).
 * The name and code of the installation's own come from KB_ORGANISATION_NAME / KB_ORGANISATION_CODE
 * at the first start after the migration, or from `set` at any time.
 */
export const organisationCommand: KbCommand<OrganisationOptions> = {
  name: "organisation",
  usage: `  organisation show|list|set|create [--name <団体名>] [--kana <かな>] [--code <団体コード>] [--kind <種類>]
               [--prefecture <都道府県>] [--population <人口> --population-as-of <YYYY-MM-DD>] [--public-reading yes|no]
                                         団体（自治体）を表示・登録します。show はこの設置の団体、list は全団体、
                                         set はこの設置の団体の名前・団体コードなどを設定、create は団体を追加します。
                                         種類: ${ORGANISATION_KINDS.map((k) => `${k}（${ORGANISATION_KIND_LABELS[k]}）`).join(" ")}
  organisation sign-in <団体コード> [--issuer <URL> --client-id <ID> --client-secret-file <ファイル|->]
               [--scopes "openid email profile"] [--email-claim email] [--name-claim name]
               [--department-code-claim department_code] [--local-passwords yes|no] [--enabled yes|no]
                                         団体のディレクトリ（OpenID Connect）によるログインを表示・設定します。
                                         シークレットはファイル（- は標準入力）か KB_OIDC_CLIENT_SECRET から読みます。`,
  define: (command) =>
    command
      .argument("[action]")
      .argument("[code]")
      .option("--name <団体名>")
      .option("--kana <かな>")
      .option("--prefecture <都道府県>")
      .option("--kind <種類>")
      .option("--code <団体コード>")
      .option("--population <人口>")
      .option("--population-as-of <YYYY-MM-DD>")
      .option("--public-reading <yes|no>")
      .option("--issuer <URL>")
      .option("--client-id <ID>")
      .option("--client-secret-file <ファイル>")
      .option("--scopes <スコープ>")
      .option("--email-claim <クレーム>")
      .option("--name-claim <クレーム>")
      .option("--department-code-claim <クレーム>")
      .option("--local-passwords <yes|no>")
      .option("--enabled <yes|no>"),
  async run(operands, values, { withBackend, config }) {
    const action = (operands[0] ?? "show") as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action)) {
      process.stderr.write(`show / list / set / create / sign-in のいずれかを指定してください: ${action}\n`);
      return 2;
    }
    if (values.publicReading !== undefined && !["yes", "no"].includes(values.publicReading)) {
      process.stderr.write("--public-reading は yes か no で指定してください\n");
      return 2;
    }
    const given = settingsOf(values);
    try {
      return await withBackend(async (backend) => {
        const em = backend.orm.em.fork();
        if (action === "sign-in") {
          process.stdout.write(await organisationSignIn(backend, operands[1], values, config));
        } else if (action === "show") {
          process.stdout.write(describe(await homeOrganisation(em)));
        } else if (action === "list") {
          for (const o of await listOrganisations(em)) process.stdout.write(describe(o));
        } else if (action === "set") {
          process.stdout.write(`設定しました:\n${describe(await updateHomeOrganisation(em, given))}`);
        } else {
          process.stdout.write(`登録しました:\n${describe(await createOrganisation(em, given, null))}`);
        }
        return 0;
      });
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n`);
        return 2;
      }
      if (error instanceof AppError) {
        const details = error.fields.map((f) => `  ${f.path}: ${f.message}`).join("\n");
        process.stderr.write(`${error.message}\n${details}${details ? "\n" : ""}`);
        return 1;
      }
      throw error;
    }
  },
};

/** What was given on the command line, as the shared schema's fields (a number stays a string until it is checked). */
function settingsOf(values: OrganisationOptions): Partial<OrganisationData> {
  const out: Record<string, unknown> = {};
  for (const key of ["name", "kana", "prefecture", "kind", "code"] as const) if (values[key] !== undefined) out[key] = values[key];
  if (values.population !== undefined) out.population = /^\d+$/.test(values.population) ? Number(values.population) : values.population;
  if (values.populationAsOf !== undefined) out.populationAsOf = values.populationAsOf;
  if (values.publicReading !== undefined) out.publicReading = values.publicReading === "yes";
  return out as Partial<OrganisationData>;
}

function describe(o: Organisation): string {
  const population = o.population != null ? `人口 ${o.population.toLocaleString("ja-JP")}人（${o.populationAsOf ?? "基準日なし"}）` : "人口 未設定";
  return `${o.code ?? "（団体コード未設定）"}  ${o.name}（${o.kana}） ${o.prefecture} ${ORGANISATION_KIND_LABELS[o.kind]}  ${population}  ${
    o.publicReading ? "ログインなしで閲覧可" : "ログインが必要"
  }${o.home ? "  ← この設置の団体" : ""}\n`;
}

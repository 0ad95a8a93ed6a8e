import fs from "node:fs/promises";
import path from "node:path";
import { IMPORT_STATUSES } from "@kb/shared";
import { executeKintoneImport, planKintoneImport, fetchKintoneApp, KintoneImportError, type KintoneConnection, formatImportReport, MappingError, parseMappingText } from "../../importer/index.js";
import type { KbCommand } from "../command.js";
import { checkChoice, importOrganisation, makeSearchable, progressBar, writeImport } from "./import-table.command.js";
import { readSecret } from "../prompt.js";

interface ImportKintoneOptions {
  baseUrl?: string;
  app?: string;
  mapping?: string;
  guestSpace?: string;
  query?: string;
  dryRun?: boolean;
  status: string;
  skipInvalid?: boolean;
  updateStatus?: boolean;
  /** false with --no-attachments. */
  attachments: boolean;
  organisation?: string;
}

export const importKintoneCommand: KbCommand<ImportKintoneOptions> = {
  name: "import-kintone",
  usage: `  import-kintone --base-url <https://….cybozu.com> --app <アプリID> --mapping <mapping.json>
               [--guest-space <ID>] [--query <kintoneのクエリ>] [--dry-run] [--status DRAFT|PUBLISHED] [--update-status]
               [--skip-invalid] [--no-attachments] [--organisation <団体コード>]
                                         kintone アプリのレコードを REST API で取り込みます（添付ファイルも）。
                                         APIトークンは環境変数 KB_KINTONE_API_TOKEN か、入力を求められたときに渡します。`,
  define: (command) =>
    command
      .option("--base-url <url>")
      .option("--app <id>")
      .option("--mapping <mapping.json>")
      .option("--guest-space <id>")
      .option("--query <query>")
      .option("--dry-run")
      .option("--status <status>", undefined, "DRAFT")
      .option("--skip-invalid")
      .option("--update-status")
      .option("--no-attachments")
      .option("--organisation <団体コード>"),
  async run(_operands, values, { config, logger, withBackend }) {
    const missing = ([["--base-url", values.baseUrl], ["--app", values.app], ["--mapping", values.mapping]] as const).filter(([, v]) => !v);
    if (missing.length) {
      process.stderr.write(`次の指定が必要です: ${missing.map(([flag]) => flag).join(" ")}\n`);
      return 2;
    }
    if (!/^\d+$/.test(values.app!)) {
      process.stderr.write("--app にはアプリID（数字）を指定してください\n");
      return 2;
    }
    const status = checkChoice("--status", values.status.toUpperCase(), IMPORT_STATUSES);
    if (!status) return 2;
    let mapping;
    try {
      mapping = parseMappingText(await fs.readFile(path.resolve(config.invocationDir, values.mapping!), "utf8"));
    } catch (error) {
      process.stderr.write(error instanceof MappingError ? `${error.message}\n` : `対応付けファイルを読めません: ${values.mapping}\n`);
      return 1;
    }

    const apiToken = config.kintoneApiToken ?? (await askToken());
    if (!apiToken) {
      process.stderr.write("kintone の APIトークンがありません。環境変数 KB_KINTONE_API_TOKEN に設定するか、端末で入力してください。\n");
      return 2;
    }
    const connection: KintoneConnection = { baseUrl: values.baseUrl!, app: values.app!, apiToken, guestSpaceId: values.guestSpace };
    const skipInvalid = values.skipInvalid ?? false;
    const updateStatus = values.updateStatus ?? false;
    const progress = progressBar();
    try {
      // Read kintone first: a wrong URL or token is reported before any local service starts.
      const data = await fetchKintoneApp(connection, { query: values.query, onProgress: progress.update });
      progress.stop();
      const report = await withBackend(async (backend) => {
        const plan = await planKintoneImport(backend.orm.em.fork(), data, mapping, {
          status,
          updateStatus,
          attachments: values.attachments,
          organisationId: await importOrganisation(backend, values.organisation),
        });
        if (values.dryRun) return plan.report;
        const result = await writeImport(
          () => executeKintoneImport(backend.orm, connection, plan, { skipInvalid, actorId: null, onProgress: progress.update }),
          (error) => error instanceof KintoneImportError,
        ).finally(progress.stop);
        if (result.imported && (result.created + result.updated > 0 || (result.attachments?.stored ?? 0) > 0)) {
          await makeSearchable(backend, logger);
        }
        return result;
      });
      process.stdout.write(formatImportReport(report, { skipInvalid, updateStatus }));
      return report.dryRun ? (report.fileErrors.length ? 1 : 0) : report.imported ? 0 : 1;
    } catch (error) {
      progress.stop();
      // Only our own, token-free message: never the client's error object (it carries the headers).
      if (error instanceof KintoneImportError) {
        process.stderr.write(`エラー: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};

/** Asks for the token without echoing it on a terminal; reads one line from a pipe. */
async function askToken(): Promise<string | null> {
  return (await readSecret("kintone の APIトークン: ")).trim() || null;
}

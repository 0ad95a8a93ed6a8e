import fs from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { IMPORT_ENCODINGS, IMPORT_STATUSES } from "@kb/shared";
import type { Backend } from "../../app.js";
import { formatImportReport, executePlan, MappingError, parseMappingText, planTableFile, type ImportProgress } from "../../importer/index.js";
import type { Logger } from "../../logger.js";
import { SearchOutboxWorker } from "../../search/index.js";
import type { KbCommand } from "../command.js";
import { organisationByCode } from "../../organisations/index.js";

interface ImportTableOptions {
  mapping?: string;
  dryRun?: boolean;
  encoding: string;
  sheet?: string;
  status: string;
  skipInvalid?: boolean;
  updateStatus?: boolean;
  organisation?: string;
}

export const importTableCommand: KbCommand<ImportTableOptions> = {
  name: "import-table",
  usage: `  import-table <file.csv|file.xlsx> --mapping <mapping.json> [--dry-run] [--encoding auto|utf-8|shift_jis]
               [--sheet <名前|番号>] [--status DRAFT|PUBLISHED] [--skip-invalid] [--update-status] [--organisation <団体コード>]
                                         CSV（UTF-8・Shift_JIS、kintone の書き出しを含む）や Excel の一覧を、
                                         対応付けファイルに従って取り込みます。--dry-run は行ごとの結果を表示するだけです。
                                         --status は新しく作る好事例の状態です。すでにある好事例の状態は
                                         --update-status のときだけ、ワークフローで認められる変更に限って変えます。
                                         --organisation を省くとこの設置の団体の好事例として取り込みます。`,
  define: (command) =>
    command
      .argument("[file]")
      .allowExcessArguments()
      .option("--mapping <mapping.json>")
      .option("--dry-run")
      .option("--encoding <encoding>", undefined, "auto")
      .option("--sheet <sheet>")
      .option("--status <status>", undefined, "DRAFT")
      .option("--skip-invalid")
      .option("--update-status")
      .option("--organisation <団体コード>"),
  async run([file], values, { config, logger, withBackend }) {
    if (!file || !values.mapping) {
      process.stderr.write("ファイルと対応付けを指定してください: npm run kb -- import-table <file> --mapping <mapping.json>\n");
      return 2;
    }
    const encoding = checkChoice("--encoding", values.encoding, IMPORT_ENCODINGS);
    const status = checkChoice("--status", values.status.toUpperCase(), IMPORT_STATUSES);
    if (!encoding || !status) return 2;

    const absolute = path.resolve(config.invocationDir, file);
    let bytes: Buffer;
    let mapping;
    try {
      bytes = await fs.readFile(absolute);
      mapping = parseMappingText(await fs.readFile(path.resolve(config.invocationDir, values.mapping), "utf8"));
    } catch (error) {
      if (error instanceof MappingError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      process.stderr.write(`ファイルを読めません: ${(error as NodeJS.ErrnoException).path ?? ""} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
      return 1;
    }
    const skipInvalid = values.skipInvalid ?? false;
    const updateStatus = values.updateStatus ?? false;
    const report = await withBackend(async (backend) => {
      const plan = await planTableFile(backend.orm.em.fork(), { fileName: path.basename(absolute), bytes }, mapping, {
        status,
        updateStatus,
        encoding,
        sheet: values.sheet,
        organisationId: await importOrganisation(backend, values.organisation),
      });
      if (values.dryRun) return plan.report;
      const progress = progressBar();
      const result = await writeImport(() =>
        executePlan(backend.orm, plan, { skipInvalid, actorId: null, sourceKind: "table", onProgress: progress.update }),
      ).finally(progress.stop);
      if (result.imported && result.created + result.updated > 0) await makeSearchable(backend, logger);
      return result;
    });
    process.stdout.write(formatImportReport(report, { skipInvalid, updateStatus }));
    return report.dryRun ? (report.fileErrors.length ? 1 : 0) : report.imported ? 0 : 1;
  },
};

export function checkChoice<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | null {
  const v = (value ?? "").toLowerCase().replace(/^sjis$|^cp932$|^windows-31j$|^shift-jis$/, "shift_jis").replace(/^utf8$/, "utf-8");
  const found = choices.find((c) => c.toLowerCase() === v);
  if (!found) process.stderr.write(`${flag} には ${choices.join(" / ")} のどれかを指定してください（指定: ${value ?? ""}）\n`);
  return found ?? null;
}

/** A progress bar on a terminal (stderr), nothing otherwise. */
export function progressBar(): { update: (p: ImportProgress | { phase: string; done: number; total: number }) => void; stop: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  const bar = new cliProgress.SingleBar(
    { format: " {phase} [{bar}] {value}/{total} 件", hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const labels: Record<string, string> = { write: "取り込み中", fetch: "kintone から取得中", attachments: "添付ファイル取得中" };
  let current: string | null = null;
  return {
    update({ phase, done, total }) {
      if (!tty || !labels[phase] || total <= 0) return;
      if (current !== phase) {
        if (current) bar.stop();
        bar.start(total, 0, { phase: labels[phase] });
        current = phase;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (current) bar.stop();
      current = null;
    },
  };
}

/**
 * The writing of an import failed (the database went away, a constraint, a bug): its one
 * transaction rolled back, so nothing was imported, and the command must say so and exit non-zero.
 */
export class ImportWriteError extends Error {
  override name = "ImportWriteError";
  constructor(cause: unknown) {
    super(
      "取り込みに失敗しました。何も取り込んでいません（取り込みは1つのトランザクションで書き込むため、途中まで書いた分も取り消されています）。" +
        `データベースが動いているか確認して、もう一度実行してください。（原因: ${cause instanceof Error ? cause.message : String(cause)}）`,
      { cause },
    );
  }
}

/** Runs an import's write step; any failure becomes an ImportWriteError (kb prints it, exit 1). */
export async function writeImport<T>(write: () => Promise<T>, passThrough: (error: unknown) => boolean = () => false): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (passThrough(error)) throw error;
    throw new ImportWriteError(error);
  }
}

/** Makes the import searchable before the command exits (a running server's worker would too). */
export async function makeSearchable(backend: Backend, logger: Logger): Promise<void> {
  if (process.stderr.isTTY) process.stderr.write(" 検索インデックスに反映しています…\n");
  for (const index of backend.searchNodes) {
    const primary = index === backend.index;
    // A second node gets its index settings first if it has none yet (it may have been down at start).
    const worker = new SearchOutboxWorker(backend.orm, index, backend.services.databaseUrl, logger, { ensureIndex: !primary });
    if (primary) await worker.drainUntilEmpty();
    else {
      // The second node being down fails no import: its rows wait for the server's worker.
      await worker.drainUntilEmpty().catch((error: unknown) => logger.warn({ err: error, node: index.node }, "the second search node is not up to date yet; the server's search sync will bring it"));
    }
  }
}


/**
 * `--organisation <団体コード>`: the organisation an import writes into (externalIds are per
 * organisation); the installation's own when omitted. An unknown code stops the command (kb prints it, exit 1).
 */
export async function importOrganisation(backend: Backend, code: string | undefined): Promise<string | undefined> {
  return code === undefined ? undefined : (await organisationByCode(backend.orm.em.fork(), code)).id;
}

import path from "node:path";
import cliProgress from "cli-progress";
import { describeStatusChange, summarizeStatusChanges } from "@kb/shared";
import { importInterchangeFile, type ImportReport } from "../../importer/index.js";
import type { KbCommand } from "../command.js";
import { importOrganisation, makeSearchable, writeImport } from "./import-table.command.js";

export const importCommand: KbCommand<{ skipInvalid?: boolean; updateStatus?: boolean; organisation?: string }> = {
  name: "import",
  usage: `  import <file.jsonl> [--skip-invalid] [--update-status] [--organisation <団体コード>]
                                         交換形式 (JSON Lines) の好事例を取り込みます。
                                         不正な行が1行でもあれば何も取り込みません（--skip-invalid で有効な行だけ取り込み）。
                                         行の status は新しく作る好事例に使います。すでにある好事例の状態は
                                         --update-status のときだけ、ワークフローで認められる変更に限って変えます。
                                         行の organisation（団体コード）がある行はその団体に取り込みます（登録済みの団体のみ）。
                                         ない行は --organisation の団体、省けばこの設置の団体に取り込みます。`,
  define: (command) =>
    command.argument("[file]").allowExcessArguments().option("--skip-invalid").option("--update-status").option("--organisation <団体コード>"),
  async run([file], options, { config, logger, withBackend }) {
    if (!file) {
      process.stderr.write("取り込むファイルを指定してください: npm run kb -- import <file.jsonl>\n");
      return 2;
    }
    const absolute = path.resolve(config.invocationDir, file);
    const tty = Boolean(process.stderr.isTTY);
    const bar = new cliProgress.SingleBar(
      { format: " {phase} [{bar}] {value}/{total} 件", hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let barStarted = false;

    const report = await withBackend(async (backend) => {
      const organisationId = await importOrganisation(backend, options.organisation);
      const result = await writeImport(() => importInterchangeFile(backend.orm, absolute, {
        organisationId,
        skipInvalid: options.skipInvalid ?? false,
        updateStatus: options.updateStatus ?? false,
        onProgress: ({ phase, done, total }) => {
          if (!tty || phase !== "write") return;
          if (!barStarted) {
            bar.start(total, 0, { phase: "取り込み中" });
            barStarted = true;
          }
          bar.update(done);
        },
      })).finally(() => {
        if (barStarted) bar.stop();
      });
      if (result.imported && result.created + result.updated > 0) {
        // Make the import searchable before we exit (a running server's worker would do it too).
        await makeSearchable(backend, logger);
      }
      return result;
    });
    printImportReport(report);
    return report.imported ? 0 : 1;
  },
};

function printImportReport(report: ImportReport): void {
  const out = process.stdout;
  for (const error of report.errors) {
    const id = error.externalId ? ` (${error.externalId})` : "";
    for (const message of error.messages) out.write(`${error.line}行目${id}: ${message}\n`);
  }
  if (!report.imported) {
    out.write(
      `\n${report.errors.length}行に誤りがあるため、何も取り込みませんでした（全${report.lines}行）。` +
        "誤りを直すか、--skip-invalid で有効な行だけ取り込んでください。\n",
    );
    return;
  }
  for (const { line, externalId, change } of report.statusChanges) out.write(`${line}行目 (${externalId}): ${describeStatusChange(change)}\n`);
  const changed = report.statusChanges.filter((c) => c.change.outcome === "APPLIED").length;
  const kept = report.statusChanges.length - changed;
  const status = summarizeStatusChanges({ statusChanged: changed, statusKept: kept });
  out.write(
    `\n取り込み完了: 新規 ${report.created}件 / 更新 ${report.updated}件 / 変更なし ${report.unchanged}件` +
      (status ? ` / ${status}` : "") +
      (report.skipped ? ` / 誤りのためスキップ ${report.skipped}件` : "") +
      `（全${report.lines}行）\n`,
  );
  if (report.statusChanges.some((c) => c.change.outcome === "NOT_REQUESTED")) {
    out.write("すでにある好事例の状態を行の status に合わせるには --update-status を付けてください。\n");
  }
}

import { describeStatusChange, IMPORT_ROW_ACTION_LABELS, summarizeImport, summarizeStatusChanges, type TableImportReport } from "@kb/shared";

/**
 * The CLI's text for a table import report. A dry run lists every record with what would happen to
 * it; a real run lists the rejected records; both end with the one-line summary.
 */
export function formatImportReport(report: TableImportReport, options: { skipInvalid: boolean; updateStatus?: boolean }): string {
  const lines: string[] = [];
  const s = report.source;
  const what =
    s.format === "kintone-api"
      ? `kintone ${s.fileName}`
      : `${s.fileName}（${s.format === "xlsx" ? `Excel${s.sheet ? `、シート「${s.sheet}」` : ""}` : `CSV、${s.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"}`}）`;
  for (const error of report.fileErrors) lines.push(`エラー: ${error}`);
  if (report.fileErrors.length) {
    lines.push("", `${what} は取り込めません。何も取り込みませんでした。`);
    return `${lines.join("\n")}\n`;
  }
  if (report.dryRun) lines.push(`確認のみ（--dry-run）: ${what}、${report.records}件。何も書き込みません。`, "");
  for (const row of report.rows) {
    // A real run lists what needs attention: the rejected rows and every status change or kept status.
    if (!report.dryRun && row.action !== "REJECT" && !row.statusChange) continue;
    const id = row.externalId ? ` (${row.externalId})` : "";
    if (row.action === "REJECT") {
      for (const message of row.messages) lines.push(`${row.where}${id}: ${message}`);
      continue;
    }
    const status = row.statusChange ? `  ［${describeStatusChange(row.statusChange)}］` : "";
    lines.push(`${row.where}${id}: ${IMPORT_ROW_ACTION_LABELS[row.action]}  ${row.title ?? ""}${status}`);
  }
  for (const warning of report.warnings) lines.push(`注意: ${warning}`);
  lines.push("");
  const statusSummary = summarizeStatusChanges(report);
  const summary = `${summarizeImport(report)}${statusSummary ? ` / ${statusSummary}` : ""}`;
  const attachments = report.attachments
    ? ` / 添付ファイル 保存 ${report.attachments.stored}件・既存 ${report.attachments.present}件・対象外 ${report.attachments.skipped}件`
    : "";
  if (report.dryRun) {
    lines.push(`取り込むと: ${summary}${attachments}（全${report.records}件）`);
    if (report.rejected && !options.skipInvalid) {
      lines.push("誤りのある行があるため、このままでは何も取り込めません。誤りを直すか、--skip-invalid で有効な行だけ取り込んでください。");
    }
  } else if (report.imported) {
    lines.push(`取り込み完了: ${summary}${attachments}（全${report.records}件、新しく作った好事例の状態: ${report.status === "PUBLISHED" ? "公開" : "下書き"}）`);
  } else {
    lines.push(
      `${report.rejected}件に誤りがあるため、何も取り込みませんでした（全${report.records}件）。` +
        "誤りを直すか、--skip-invalid で有効な行だけ取り込んでください。",
    );
  }
  if (!report.fileErrors.length && report.rows.some((r) => r.statusChange?.outcome === "NOT_REQUESTED") && !options.updateStatus) {
    lines.push("すでにある好事例の状態も --status に合わせるには --update-status を付けてください（ワークフローで認められる変更だけ行います）。");
  }
  return `${lines.join("\n")}\n`;
}

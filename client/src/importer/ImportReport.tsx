import { IMPORT_PHASE_LABELS, IMPORT_ROW_ACTION_LABELS, summarizeImport, type ImportRunView, type TableImportReport } from "@kb/shared";
import { StatusChangeSummary } from "./StatusChanges";
import { useId } from "react";
import { messages as m } from "../messages";

const t = m.importAdmin;
const MAX_ROWS_SHOWN = 1000;

/** Every rejected row, then the others in file order, up to MAX_ROWS_SHOWN (a 100k-row list stays usable). */
function shownRows(report: TableImportReport) {
  if (report.rows.length <= MAX_ROWS_SHOWN) return report.rows;
  // Every rejected row and every status change first, then the others in file order.
  const first = (r: TableImportReport["rows"][number]) => r.action === "REJECT" || !!r.statusChange;
  let others = MAX_ROWS_SHOWN - report.rows.filter(first).length;
  return report.rows.filter((r) => first(r) || others-- > 0);
}

/** The dry run: what the import would do, row by row, or why this file cannot be imported. */
export function PlanReport({ report, updateStatus }: { report: TableImportReport; updateStatus: boolean }) {
  const s = report.source;
  const what = `${s.fileName}（${s.format === "xlsx" ? t.formatXlsx(s.sheet) : t.formatCsv(s.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8")}）`;
  if (report.fileErrors.length) {
    return (
      <div role="alert" className="space-y-2 text-error-1">
        <p className="text-dns-16B-130">{t.fileErrors}</p>
        <ul className="list-disc space-y-1 pl-6">
          {report.fileErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
        <p className="text-solid-gray-800">{t.cannotHint}</p>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p className="break-words">{t.source(what, report.records)}</p>
      <p className="text-std-17B-170">{t.summary(summarizeImport(report))}</p>
      <StatusChangeSummary report={report} updateStatus={updateStatus} />
      {report.warnings.length > 0 && (
        <ul aria-label={t.warnings} className="list-disc pl-6">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-dns-16N-130">
          <caption className="text-left text-std-17B-170">{t.rowsCaption}</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="px-2 py-2">{t.colWhere}</th>
              <th scope="col" className="px-2 py-2">{t.colAction}</th>
              <th scope="col" className="px-2 py-2">{t.colId}</th>
              <th scope="col" className="px-2 py-2">{t.colTitle}</th>
              <th scope="col" className="px-2 py-2">{t.colMessages}</th>
            </tr>
          </thead>
          <tbody>
            {shownRows(report).map((row, i) => (
              <tr key={`${row.where}-${i}`} className={`border-b border-solid-gray-200 align-top ${row.action === "REJECT" ? "bg-red-50" : ""}`}>
                <th scope="row" className="whitespace-nowrap px-2 py-2 font-normal">
                  {row.where}
                </th>
                <td className={`whitespace-nowrap px-2 py-2 ${row.action === "REJECT" ? "font-bold text-error-1" : ""}`}>{IMPORT_ROW_ACTION_LABELS[row.action]}</td>
                <td className="px-2 py-2">{row.externalId ?? ""}</td>
                <td className="px-2 py-2">{row.title ?? ""}</td>
                <td className="px-2 py-2">
                  {row.messages.length > 0 && (
                    <ul className="space-y-1">
                      {row.messages.map((msg) => (
                        <li key={msg}>{msg}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.rows.length > MAX_ROWS_SHOWN && <p>{t.moreRows(report.rows.length - MAX_ROWS_SHOWN)}</p>}
    </div>
  );
}

/** The import under way, its progress bar, and how it ended. */
export function RunProgress({ run }: { run: ImportRunView }) {
  const id = useId();
  const report = run.report;
  const total = Math.max(run.total, 1);
  const done = run.state === "SUCCEEDED" ? total : Math.min(run.done, total);
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <label htmlFor={`${id}-progress`} className="block text-std-17B-170">
          {t.progress}
        </label>
        <progress id={`${id}-progress`} value={done} max={total} className="h-4 w-full" />
        <p role="status">
          {run.state === "RUNNING"
            ? t.progressText(IMPORT_PHASE_LABELS[run.phase], run.done, run.total)
            : run.state === "SUCCEEDED" && report
              ? t.done(summarizeImport(report))
              : ""}
        </p>
      </div>
      {run.state === "FAILED" && (
        <div role="alert" className="space-y-1 text-error-1">
          <p className="text-dns-16B-130">{t.failed}</p>
          {run.error && <p>{run.error}</p>}
        </div>
      )}
    </div>
  );
}

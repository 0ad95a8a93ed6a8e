import { PERSONNEL_VERDICT_LABELS, PERSONNEL_VERDICTS, type PersonnelDryRun, type PersonnelVerdict } from "@kb/shared";
import { useId, useState } from "react";
import { jaPersonnel as t } from "../messages/ja-personnel";

const PAGE = 200;

const VERDICT_TONE: Record<PersonnelVerdict, string> = {
  NEW: "bg-green-50 text-green-900",
  TRANSFER: "bg-blue-50 text-blue-900",
  RETIRE: "bg-solid-gray-100 text-solid-gray-900",
  UNCHANGED: "text-solid-gray-700",
  ERROR: "bg-red-50 text-error-1",
};

/** The dry run's rows, filtered by verdict, a page at a time (a 3,000-person list stays quick). */
export function PersonnelRows({ run }: { run: PersonnelDryRun }) {
  const id = useId();
  const [verdict, setVerdict] = useState<PersonnelVerdict | "ALL">("ALL");
  const [limit, setLimit] = useState(PAGE);
  const rows = verdict === "ALL" ? run.rows : run.rows.filter((r) => r.verdict === verdict);
  const shown = rows.slice(0, limit);

  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <label htmlFor={`${id}-filter`} className="block text-std-17B-170">
          {t.filter}
        </label>
        <select
          id={`${id}-filter`}
          className="input-text max-w-full"
          value={verdict}
          onChange={(e) => {
            setVerdict(e.currentTarget.value as PersonnelVerdict | "ALL");
            setLimit(PAGE);
          }}
        >
          <option value="ALL">{t.filterAll(run.rows.length)}</option>
          {PERSONNEL_VERDICTS.map((v) => (
            <option key={v} value={v}>
              {t.filterOne(PERSONNEL_VERDICT_LABELS[v], run.counts[v])}
            </option>
          ))}
        </select>
      </div>
      {/* Scrolls sideways on a phone; focusable so the keyboard can scroll it too. */}
      <div className="overflow-x-auto" role="region" aria-label={t.tableRegion} tabIndex={0}>
        <table className="w-full min-w-[56rem] border-collapse text-left text-dns-16N-130">
          <caption className="sr-only">{t.tableCaption}</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-536">
              {[t.col.row, t.col.verdict, t.col.employeeNumber, t.col.name, t.col.email, t.col.department, t.col.role, t.col.date, t.col.detail].map((c) => (
                <th key={c} scope="col" className="whitespace-nowrap px-2 py-2">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.row} className="border-b border-solid-gray-420 align-top">
                <td className="px-2 py-2">{r.row}</td>
                <td className="px-2 py-2">
                  <span className={`inline-block whitespace-nowrap rounded-4 px-2 py-0.5 font-bold ${VERDICT_TONE[r.verdict]}`}>{PERSONNEL_VERDICT_LABELS[r.verdict]}</span>
                </td>
                <td className="px-2 py-2">{r.employeeNumber ?? t.none}</td>
                <td className="px-2 py-2 whitespace-nowrap">{r.displayName || t.none}</td>
                <td className="px-2 py-2 break-all">{r.email || t.none}</td>
                <td className="px-2 py-2">{r.verdict === "RETIRE" ? t.retired : (r.department ?? r.departmentBefore ?? t.none)}</td>
                <td className="px-2 py-2">{r.role ? t.roles[r.role] : r.roleBefore ? t.roles[r.roleBefore] : t.none}</td>
                <td className="px-2 py-2 whitespace-nowrap">{r.effectiveDate ?? t.none}</td>
                <td className="px-2 py-2">
                  {[...r.errors, ...r.changes, ...r.notes].map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && (
        <p className="flex flex-wrap items-center gap-4">
          <span role="status">{t.showing(shown.length, rows.length)}</span>
          <button type="button" className="btn-outline" onClick={() => setLimit((n) => n + PAGE)}>
            {t.showMore}
          </button>
        </p>
      )}
    </div>
  );
}

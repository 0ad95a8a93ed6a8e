import type { CaseKind } from "@kb/shared";
import { useId } from "react";
import { messages as m } from "../messages";
import { detailRows } from "./details";

/** The kind-specific details as a definition list; nothing at all when there is nothing to show. */
export function DetailsList({ kind, details }: { kind: CaseKind; details: unknown }) {
  const headingId = useId();
  const rows = detailRows(kind, details);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {m.casePage.detailsHeading[kind]}
      </h2>
      <dl className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
        {rows.map((row) => (
          <div key={row.label} className="grid gap-1 py-3 md:grid-cols-[14rem_minmax(0,1fr)] md:gap-4">
            <dt className="font-bold text-solid-gray-900">{row.label}</dt>
            <dd>
              {Array.isArray(row.value) ? (
                <ul className="list-disc space-y-1 pl-6">
                  {row.value.map((item, i) => (
                    <li key={i} className="whitespace-pre-wrap">{item}</li>
                  ))}
                </ul>
              ) : (
                <p className="whitespace-pre-wrap">{row.value}</p>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

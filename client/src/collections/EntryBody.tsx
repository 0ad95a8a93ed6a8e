import { graphql } from "../gql";
import type { EntryBody_EntryFragment } from "../gql/graphql";
import { formatWarekiFiscalYear } from "@kb/shared";
import { Link } from "react-router";
import { KindBadge } from "../components/KindBadge";
import { StatusBadge } from "../components/StatusBadge";
import { messages as m } from "../messages";
import { preloadCasePage } from "../routes/lazy";

/** An entry as the 好事例集 page shows it; `case` is null when the reader may not see the case. */
graphql(`
  fragment EntryBody_entry on CollectionEntry {
    position
    reason
    caseId
    caseTitle
    caseStatus
    case {
      id
      title
      kind
      fiscalYear
      department {
        id
        name
      }
    }
  }
`);

/** One case of a 好事例集: its place, title, kind, 課, year and 選定理由 (or why it is not shown). */
export function EntryBody({ entry }: { entry: EntryBody_EntryFragment }) {
  const c = m.curation.collections;
  return (
    <div className="flex gap-4">
      <p aria-hidden="true" className="min-w-8 text-std-20B-150 text-solid-gray-700">
        {entry.position}
      </p>
      <div className="min-w-0 flex-1 space-y-1">
        <h3 className="text-std-18B-160">
          {entry.case ? (
            <Link to={`/cases/${encodeURIComponent(entry.caseId)}`} onMouseEnter={preloadCasePage} onFocus={preloadCasePage}>
              {entry.caseTitle}
            </Link>
          ) : (
            entry.caseTitle
          )}
        </h3>
        {entry.case ? (
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-dns-14N-130 text-solid-gray-700">
            <KindBadge kind={entry.case.kind} />
            <span>{entry.case.department.name}</span>
            <span>{formatWarekiFiscalYear(entry.case.fiscalYear)}</span>
          </p>
        ) : (
          <p className="flex flex-wrap items-center gap-2 text-dns-14N-130 text-solid-gray-800">
            <StatusBadge status={entry.caseStatus} />
            {c.unavailable}
          </p>
        )}
        <p className="whitespace-pre-wrap">
          <span className="mr-2 text-dns-14B-130 text-solid-gray-800">{c.reason}</span>
          {entry.reason}
        </p>
      </div>
    </div>
  );
}

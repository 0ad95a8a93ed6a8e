import { graphql } from "../gql";
import type { CaseListRow_CaseFragment } from "../gql/graphql";
import { Link } from "react-router";
import { KindBadge } from "../components/KindBadge";
import { StatusBadge } from "../components/StatusBadge";
import { formatDate, formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { preloadCasePage } from "../routes/lazy";

/** One row of 自分の投稿 or 審査待ち. */
graphql(`
  fragment CaseListRow_case on Case {
    id
    title
    kind
    status
    updatedAt
    submittedAt
    department {
      id
      name
    }
    author {
      id
      displayName
    }
  }
`);

export type CaseListRow_case = CaseListRow_CaseFragment;

export function CaseListTable({ cases, caption, variant }: { cases: readonly CaseListRow_case[]; caption: string; variant: "mine" | "review" }) {
  const l = m.caseList;
  const th = "border-b-2 border-solid-gray-300 px-3 py-2 text-left font-bold text-solid-gray-900";
  const td = "border-b border-solid-gray-200 px-3 py-3 align-top";
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-dns-16N-130">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>{l.title}</th>
            <th scope="col" className={th}>{l.kind}</th>
            {variant === "mine" ? (
              <>
                <th scope="col" className={th}>{l.status}</th>
                <th scope="col" className={th}>{l.updatedAt}</th>
              </>
            ) : (
              <>
                <th scope="col" className={th}>{l.department}</th>
                <th scope="col" className={th}>{l.author}</th>
                <th scope="col" className={th}>{l.submittedAt}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link to={`/cases/${encodeURIComponent(c.id)}`} onMouseEnter={preloadCasePage} onFocus={preloadCasePage} className="text-std-16B-170">
                  {c.title}
                </Link>
              </th>
              <td className={td}>
                <KindBadge kind={c.kind} />
              </td>
              {variant === "mine" ? (
                <>
                  <td className={td}>
                    <StatusBadge status={c.status} />
                  </td>
                  <td className={td}>
                    <time dateTime={c.updatedAt}>{formatDate(c.updatedAt)}</time>
                  </td>
                </>
              ) : (
                <>
                  <td className={td}>{c.department.name}</td>
                  <td className={td}>{c.author?.displayName ?? ""}</td>
                  <td className={td}>{c.submittedAt && <time dateTime={c.submittedAt}>{formatDateTime(c.submittedAt)}</time>}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

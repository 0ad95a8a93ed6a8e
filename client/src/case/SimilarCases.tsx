import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { formatWarekiFiscalYear } from "@kb/shared";
import { Link } from "react-router";
import { KindBadge } from "../components/KindBadge";
import { messages as m } from "../messages";

const SIMILAR_CASES = graphql(`
  query SimilarCases($caseId: ID!) {
    similarCases(caseId: $caseId, first: 5) {
      score
      sharedTags
      sameDepartment
      sameKind
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
  }
`);

/** 似ている好事例: shared tags, department, kind and words (no external model). Never breaks the page. */
export function SimilarCases({ caseId }: { caseId: string }) {
  const { data, loading, error } = useQuery(SIMILAR_CASES, { variables: { caseId }, fetchPolicy: "cache-first" });
  const similar = data?.similarCases ?? [];
  return (
    <section aria-labelledby="similar-heading" className="space-y-3">
      <h2 id="similar-heading" className="text-std-22B-150 text-solid-gray-900">
        {m.similar.heading}
      </h2>
      {loading && !data ? (
        <p role="status">{m.similar.loading}</p>
      ) : error ? (
        <p>{m.similar.unavailable}</p>
      ) : similar.length === 0 ? (
        <p>{m.similar.empty}</p>
      ) : (
        <ul className="space-y-3">
          {similar.map((s) => (
            <li key={s.case.id} className="rounded-8 border border-solid-gray-200 p-4">
              <Link to={`/cases/${encodeURIComponent(s.case.id)}`} className="text-std-17B-170">
                {s.case.title}
              </Link>
              <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-dns-14N-130 text-solid-gray-700">
                <KindBadge kind={s.case.kind} />
                <span>{s.case.department.name}</span>
                <span>{formatWarekiFiscalYear(s.case.fiscalYear)}</span>
              </p>
              <p className="mt-1 text-dns-14N-130 text-solid-gray-800">
                {[
                  s.sharedTags.length > 0 ? m.similar.sharedTags(s.sharedTags.join("、")) : null,
                  s.sameDepartment ? m.similar.sameDepartment : null,
                  s.sameKind ? m.similar.sameKind : null,
                ]
                  .filter(Boolean)
                  .join(" ／ ")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { formatDate } from "../lib/format";
// The lean copy (the home page loads this up front, without the whole `messages`).
import { jaLineage } from "../messages/ja-lineage";

const f = jaLineage.flows;

const FLOWS = graphql(`
  query OrganisationFlows($first: Int!, $involvingMine: Boolean!) {
    organisationFlows(first: $first, offset: 0, involvingMine: $involvingMine) {
      total
      items {
        from { id name }
        to { id name }
        considering
        trial
        adopted
        declined
        latestAt
      }
    }
  }
`);

const PAGE = 5;

/**
 * 横展開 between 自治体 (issue 16): 「宝塚市の事例を熊本市が導入」 with counts by status, the most recent
 * flow first. The home page shows every flow the reader may count; the dashboard (`involvingMine`)
 * those from or to the viewer's own organisation. 「さらに表示」 reads the next ones.
 */
export function OrganisationFlows({ involvingMine = false, headingLevel = 2 }: { involvingMine?: boolean; headingLevel?: 2 | 3 }) {
  const id = useId();
  const [first, setFirst] = useState(PAGE);
  const { data, previousData, loading, error, refetch } = useQuery(FLOWS, { variables: { first, involvingMine }, fetchPolicy: "cache-and-network" });
  const flows = (data ?? previousData)?.organisationFlows;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const verb = (x: { adopted: number; trial: number; considering: number }) =>
    x.adopted > 0 ? f.verbAdopted : x.trial > 0 ? f.verbTrial : x.considering > 0 ? f.verbConsidering : f.verbDeclined;

  return (
    <section aria-labelledby={id} aria-busy={loading} className="space-y-4">
      <Heading id={id} className={headingLevel === 2 ? "text-std-24B-150 text-solid-gray-900" : "text-std-20B-150 text-solid-gray-900"}>
        {involvingMine ? f.dashboardHeading : f.heading}
      </Heading>
      <p className="text-dns-16N-130 text-solid-gray-800">{involvingMine ? f.dashboardLead : f.lead}</p>
      {error && !flows ? (
        <ErrorNotice error={error} fallback={f.failed} onRetry={() => void refetch()} />
      ) : !flows ? (
        <p role="status">{f.loading}</p>
      ) : flows.items.length === 0 ? (
        <p className="rounded-8 bg-solid-gray-50 p-4 text-dns-16N-130">{f.none}</p>
      ) : (
        <>
          <ul className="space-y-2">
            {flows.items.map((x) => (
              <li key={`${x.from.id}-${x.to.id}`} className="rounded-8 border border-solid-gray-200 p-3">
                <p className="text-std-16B-170">{f.sentence(x.from.name, x.to.name, verb(x))}</p>
                <p className="flex flex-wrap gap-x-3 text-dns-14N-130 text-solid-gray-700">
                  <span>{f.counts(x.adopted, x.trial, x.considering, x.declined)}</span>
                  <span>{f.latest(formatDate(x.latestAt))}</span>
                </p>
              </li>
            ))}
          </ul>
          <p className="text-dns-14N-130 text-solid-gray-700" role="status">
            {f.shown(flows.items.length, flows.total)}
          </p>
          {flows.items.length < flows.total && (
            <button type="button" className="btn-outline" disabled={loading} onClick={() => setFirst((n) => n + PAGE)}>
              {f.more}
            </button>
          )}
        </>
      )}
    </section>
  );
}

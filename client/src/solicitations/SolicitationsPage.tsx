import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { ErrorNotice } from "../components/ErrorNotice";
import { messages as m } from "../messages";
import { SolicitationMeta } from "./SolicitationMeta";

export const SOLICITATIONS = graphql(`
  query Solicitations($first: Int!) {
    solicitations(first: $first) {
      total
      viewerCanSeeDemand
      items {
        id
        title
        ...SolicitationMeta_solicitation
      }
    }
  }
`);

/** 募集 (/solicitations): what the secretariats are calling for, open ones first (issue 16 item 6). */
export default function SolicitationsPage() {
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <title>{`${m.solicitations.list.title}${m.app.titleSuffix}`}</title>
      <RequireLogin>{() => <Solicitations />}</RequireLogin>
    </div>
  );
}

function Solicitations() {
  const s = m.solicitations;
  const { data, loading, error, refetch } = useQuery(SOLICITATIONS, { variables: { first: 100 }, fetchPolicy: "cache-and-network" });
  const list = data?.solicitations;
  return (
    <>
      <header className="space-y-3">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{s.list.title}</h1>
        <p>{s.list.lead}</p>
        {list?.viewerCanSeeDemand && (
          <p className="rounded-8 border border-solid-gray-200 p-4">
            <Link to="/admin/demand" className="text-std-17B-170">
              {s.list.demandLink}
            </Link>
            <span className="block text-dns-14N-130 text-solid-gray-700">{s.list.demandHint}</span>
          </p>
        )}
      </header>
      <section aria-label={s.list.title} aria-busy={loading}>
        {error ? (
          <ErrorNotice error={error} fallback={s.list.failed} onRetry={() => void refetch()} />
        ) : !list ? (
          <p role="status">{s.list.loading}</p>
        ) : list.items.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-6">{s.list.empty}</p>
        ) : (
          <>
            <p className="mb-3 text-dns-16N-130 text-solid-gray-800">{s.list.total(list.total)}</p>
            <ul className="space-y-3">
              {list.items.map((item) => (
                <li key={item.id} className="rounded-8 border border-solid-gray-200 p-4">
                  <article aria-labelledby={`solicitation-${item.id}`} className="space-y-2">
                    <h2 id={`solicitation-${item.id}`} className="text-std-18B-160 break-words">
                      <Link to={`/solicitations/${encodeURIComponent(item.id)}`}>{item.title}</Link>
                    </h2>
                    <SolicitationMeta solicitation={item} />
                  </article>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

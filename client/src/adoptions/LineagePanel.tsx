import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { useId } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "../components/ErrorNotice";
import { messages as m } from "../messages";
import { AdoptionEffectsTable } from "./EffectRowsEditor";

const l = m.lineage;

const CASE_LINEAGE = graphql(`
  query CaseLineage($id: ID!) {
    case(id: $id) {
      id
      organisation { id name }
      department { id name }
      effects { label before after unit }
      basedOn {
        id
        title
        organisation { id name }
        department { id name }
      }
      derivedCases(first: 20) {
        total
        items {
          id
          title
          organisation { id name }
          department { id name }
          effects { label before after unit }
        }
      }
    }
  }
`);

/**
 * Lineage on a published case (issue 16): the case it is based on (参考にした好事例), and the cases
 * based on it — each with its 自治体, 課 and measured effects beside this case's own. The server
 * lists only derived cases the reader may read; the others are neither shown nor counted.
 */
export function LineagePanel({ caseId, published }: { caseId: string; published: boolean }) {
  const id = useId();
  const { data, error, refetch } = useQuery(CASE_LINEAGE, { variables: { id: caseId }, fetchPolicy: "cache-and-network" });
  const c = data?.case;
  if (error && !c) return <ErrorNotice error={error} fallback={m.adoptions.failed} onRetry={() => void refetch()} />;
  if (!c) return null;
  const derived = c.derivedCases.items;
  return (
    <>
      {c.basedOn && (
        <section aria-labelledby={`${id}-based-on`} className="space-y-2 rounded-8 border border-solid-gray-200 p-4 md:p-6">
          <h2 id={`${id}-based-on`} className="text-std-22B-150 text-solid-gray-900">
            {l.basedOnHeading}
          </h2>
          <p className="text-dns-16N-130">{l.basedOnLead(c.basedOn.organisation.name)}</p>
          <p className="text-std-16B-170">
            <Link to={`/cases/${encodeURIComponent(c.basedOn.id)}`}>{c.basedOn.title}</Link>
            <span className="block font-normal text-dns-14N-130 text-solid-gray-700">
              {l.derivedFrom(c.basedOn.organisation.name, c.basedOn.department.name)}
            </span>
          </p>
        </section>
      )}
      {published && (
      <section id="lineage" aria-labelledby={`${id}-derived`} className="scroll-mt-4 space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
        <h2 id={`${id}-derived`} className="text-std-22B-150 text-solid-gray-900">
          {l.derivedHeading}
        </h2>
        {derived.length === 0 ? (
          <p className="text-dns-16N-130">{l.derivedNone}</p>
        ) : (
          <>
            <p className="text-dns-16N-130 text-solid-gray-800">{l.derivedLead}</p>
            {c.effects.length > 0 ? (
              <AdoptionEffectsTable effects={c.effects} caption={l.ownEffects} />
            ) : (
              <p className="text-dns-16N-130">
                <span className="font-bold">{l.ownEffects}：</span>
                {l.noEffects}
              </p>
            )}
            <ul className="space-y-3">
              {derived.map((d) => (
                <li key={d.id} className="space-y-2 rounded-8 bg-solid-gray-50 p-3">
                  <p className="text-std-16B-170">
                    <Link to={`/cases/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                  </p>
                  <p className="text-dns-14N-130 text-solid-gray-700">{l.derivedFrom(d.organisation.name, d.department.name)}</p>
                  {d.effects.length > 0 ? (
                    <AdoptionEffectsTable effects={d.effects} caption={l.derivedEffects(d.organisation.name, d.department.name)} />
                  ) : (
                    <p className="text-dns-16N-130">{l.noEffects}</p>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      )}
    </>
  );
}

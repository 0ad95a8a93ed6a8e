import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { COLLECTION_STATUS_LABELS, formatWarekiFiscalYear } from "@kb/shared";
import { useEffect, useRef } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useMe } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { AddCommonsCase } from "../hub/AddCommonsCase";
import { messages as m } from "../messages";
import { CollectionSettings } from "./CollectionSettings";
import { EditableEntries } from "./EditableEntries";
import { EntryBody } from "./EntryBody";

/** What the 好事例集 page shows, and what every change to a collection returns (so the page follows it). */
graphql(`
  fragment CollectionPage_collection on Collection {
    id
    title
    description
    fiscalYear
    status
    scope
    version
    publishedAt
    entryCount
    viewerCan {
      curate
    }
    entries {
      ...EntryBody_entry
    }
  }
`);

const COLLECTION = graphql(`
  query CollectionPage($id: ID!) {
    collection(id: $id) {
      ...CollectionPage_collection
    }
  }
`);

/** A 好事例集 (issue 5): its cases in order with their 選定理由; the secretariat edits, reorders and publishes. */
export default function CollectionPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const { me } = useMe();
  const { data, loading, error, refetch } = useQuery(COLLECTION, { variables: { id }, fetchPolicy: "cache-and-network" });
  const c = m.curation.collections;
  const heading = useRef<HTMLHeadingElement>(null);
  const collection = data?.collection;
  const found = collection?.id;
  useEffect(() => {
    if (found && location.key !== "default") heading.current?.focus();
  }, [found, location.key]);

  const back = (
    <p>
      <Link to="/collections">
        <span aria-hidden="true">← </span>
        {c.back}
      </Link>
    </p>
  );

  if (data && !collection) {
    return (
      <div className="space-y-4">
        <title>{`${c.notFound}${m.app.titleSuffix}`}</title>
        <h1 className="text-std-28B-150 text-solid-gray-900">{c.notFound}</h1>
        <p>{c.notFoundHint}</p>
        {back}
      </div>
    );
  }
  if (error && !collection) return <ErrorNotice error={error} fallback={c.failed} onRetry={() => void refetch()} />;
  if (!collection) return <p role="status">{c.loading}</p>;

  const curate = collection.viewerCan.curate;
  const base = `/api/exports/collections/${encodeURIComponent(collection.id)}`;
  return (
    <article className="mx-auto max-w-4xl space-y-8" aria-busy={loading}>
      <title>{`${collection.title}${m.app.titleSuffix}`}</title>
      {back}
      <header className="space-y-3">
        <h1 ref={heading} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">
          {collection.title}
        </h1>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-dns-16N-130 text-solid-gray-700">
          {collection.scope === "COMMONS" && (
            <span className="rounded-4 border border-blue-900 bg-blue-50 px-2 text-dns-14B-130 text-blue-1000">{m.hub.collection.badge}</span>
          )}
          {collection.status !== "PUBLISHED" && (
            <span>
              <span className="sr-only">{c.statusLabel}：</span>
              <span className="rounded-4 border border-solid-gray-700 bg-solid-gray-50 px-2 text-dns-14B-130 text-solid-gray-900">
                {COLLECTION_STATUS_LABELS[collection.status]}
              </span>
            </span>
          )}
          {collection.fiscalYear !== null && (
            <span>
              {c.fiscalYear}：{formatWarekiFiscalYear(collection.fiscalYear)}
            </span>
          )}
          <span>{m.curation.home.entryCount(collection.entryCount)}</span>
        </p>
        {collection.description && <p className="whitespace-pre-wrap">{collection.description}</p>}
      </header>

      <section aria-labelledby="collection-exports" className="space-y-2">
        <h2 id="collection-exports" className="text-std-20B-150 text-solid-gray-900">
          {c.exportsHeading}
        </h2>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link to={`/collections/${encodeURIComponent(collection.id)}/print`}>{c.print}</Link>
          </li>
          {me && (
            <>
              <li>
                <a href={`${base}/cases.csv`} download>
                  {c.csv}
                </a>
              </li>
              <li>
                <a href={`${base}/cases.jsonl`} download>
                  {c.jsonl}
                </a>
              </li>
            </>
          )}
        </ul>
        {!me && <p className="text-dns-14N-130 text-solid-gray-700">{c.exportsHint}</p>}
      </section>

      <section aria-labelledby="collection-entries" className="space-y-4">
        <h2 id="collection-entries" className="text-std-22B-150 text-solid-gray-900">
          {c.entriesHeading}
        </h2>
        {collection.entries.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-6">{c.entriesEmpty}</p>
        ) : curate ? (
          <EditableEntries collection={collection} onConflict={() => void refetch()} />
        ) : (
          <ol className="space-y-4">
            {collection.entries.map((e) => (
              <li key={e.caseId} className="rounded-8 border border-solid-gray-200 bg-white p-4">
                <EntryBody entry={e} />
              </li>
            ))}
          </ol>
        )}
      </section>

      {curate && collection.scope === "COMMONS" && <AddCommonsCase collectionId={collection.id} />}
      {curate && <CollectionSettings collection={collection} onConflict={() => void refetch()} />}
    </article>
  );
}

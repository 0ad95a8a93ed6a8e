import { graphql } from "../gql";
import type { CollectionsQuery } from "../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { COLLECTION_STATUS_LABELS, formatWarekiFiscalYear } from "@kb/shared";
import { useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useMe } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { flashState } from "../components/FlashMessage";
import { firstInvalidControl } from "../components/form/Field";
import { ListPagination, pageFrom } from "../components/ListPagination";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { formatDate } from "../lib/format";
import { messages as m } from "../messages";
import { CollectionForm, type CollectionInput } from "./CollectionForm";

const PAGE_SIZE = 20;

export type CollectionSummary = CollectionsQuery["collections"]["items"][number];

const COLLECTIONS = graphql(`
  query Collections($first: Int!, $offset: Int!) {
    collections(first: $first, offset: $offset) {
      total
      items {
        id
        title
        description
        fiscalYear
        status
        entryCount
        publishedAt
        updatedAt
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateCollection($input: CollectionInput!) {
    createCollection(input: $input) {
      id
      title
    }
  }
`);

/** 好事例集 (issue 5): published collections for everyone; the secretariat also sees drafts and creates them. */
export default function CollectionsPage() {
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const { me } = useMe();
  const curator = me?.role === "SECRETARIAT";
  const { data, previousData, loading, error, refetch } = useQuery(COLLECTIONS, {
    variables: { first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const list = (data ?? previousData)?.collections;
  const c = m.curation.collections;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <title>{`${c.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{c.title}</h1>
        <p className="text-solid-gray-700">{c.lead}</p>
      </div>

      <section aria-label={c.title} aria-busy={loading}>
        {error ? (
          <ErrorNotice error={error} fallback={c.failed} onRetry={() => void refetch()} />
        ) : !list ? (
          <p role="status">{c.loading}</p>
        ) : list.items.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-6">{c.empty}</p>
        ) : (
          <>
            <ul className="grid gap-4 md:grid-cols-2">
              {list.items.map((col) => (
                <li key={col.id} className="rounded-8 border border-solid-gray-200 bg-white p-4 md:p-6">
                  <h2 className="text-std-20B-150">
                    <Link to={`/collections/${encodeURIComponent(col.id)}`}>{col.title}</Link>
                  </h2>
                  <p className="mt-1 flex flex-wrap gap-x-3 text-dns-14N-130 text-solid-gray-700">
                    {col.status !== "PUBLISHED" && (
                      <span className="rounded-4 border border-solid-gray-700 bg-solid-gray-50 px-2 text-dns-14B-130 text-solid-gray-900">
                        {COLLECTION_STATUS_LABELS[col.status]}
                      </span>
                    )}
                    {col.fiscalYear !== null && <span>{formatWarekiFiscalYear(col.fiscalYear)}</span>}
                    <span>{c.entryCount(col.entryCount)}</span>
                    {col.publishedAt && <time dateTime={col.publishedAt}>{formatDate(col.publishedAt)}</time>}
                  </p>
                  {col.description && <p className="mt-2 line-clamp-3">{col.description}</p>}
                </li>
              ))}
            </ul>
            <ListPagination page={page} pageSize={PAGE_SIZE} total={list.total} />
          </>
        )}
      </section>

      {curator && <CreateCollection />}
    </div>
  );
}

function CreateCollection() {
  const c = m.curation.collections;
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState("");
  const [create, { loading }] = useMutation(CREATE, { refetchQueries: [COLLECTIONS] });

  const onSubmit = async (input: CollectionInput) => {
    setErrors({});
    setFailure("");
    try {
      const result = await create({ variables: { input } });
      const created = result.data?.createCollection;
      if (created) navigate(`/collections/${encodeURIComponent(created.id)}`, { state: flashState(c.created) });
    } catch (error) {
      const problem = toApiError(error, c.failed2);
      const fields = Object.fromEntries(problem.fields.map((f) => [f.path, f.message]));
      setErrors(fields);
      if (!problem.fields.length) setFailure(problem.message);
      focusAfterRender(() => firstInvalidControl(formRef.current));
    }
  };

  return (
    <section aria-labelledby="create-collection" className="space-y-4 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h2 id="create-collection" className="text-std-22B-150 text-solid-gray-900">
        {c.createHeading}
      </h2>
      <CollectionForm labelledBy="create-collection" titleHint={c.titleHint} errors={errors} onSubmit={(input) => void onSubmit(input)} formRef={formRef}>
        {failure && (
          <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
            {failure}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={loading}>
          {c.create}
        </button>
      </CollectionForm>
    </section>
  );
}

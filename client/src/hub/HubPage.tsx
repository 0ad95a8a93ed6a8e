import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { COLLECTION_STATUS_LABELS, formatWarekiFiscalYear } from "@kb/shared";
import { useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { OrganisationFlows } from "../adoptions/OrganisationFlows";
import { RequireLogin } from "../auth/RequireLogin";
import { isHub } from "../auth/me";
import { CollectionForm, type CollectionInput } from "../collections/CollectionForm";
import { ErrorNotice } from "../components/ErrorNotice";
import { flashState } from "../components/FlashMessage";
import { ListPagination, pageFrom } from "../components/ListPagination";
import { firstInvalidControl } from "../components/form/Field";
import { WayOn } from "../components/WayOn";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";

const h = m.hub;

const COMMONS_COLLECTIONS = graphql(`
  query HubCommonsCollections {
    collections(scope: COMMONS, first: 100) {
      total
      items {
        id
        title
        fiscalYear
        status
        entryCount
      }
    }
  }
`);

const CREATE_COMMONS = graphql(`
  mutation HubCreateCommonsCollection($input: CollectionInput!) {
    createCollection(input: $input) {
      id
    }
  }
`);

const HUB_DASHBOARD = graphql(`
  query HubDashboard($first: Int!, $offset: Int!) {
    hubDashboard {
      totals {
        commonsCases
        sharingOrganisations
        crossAdoptions
      }
      organisations(first: $first, offset: $offset) {
        total
        items {
          organisationId
          code
          name
          prefecture
          commonsCases
          adoptedByOthers
          adoptedFromOthers
        }
      }
    }
  }
`);

/** Organisations per page of the table: some 1,700 take part nationwide. */
const ORGANISATIONS_PAGE = 50;

const PROPOSED_TAGS = graphql(`
  query HubProposedTags {
    proposedTags(first: 50) {
      total
      items {
        id
        name
        version
        commonsCases
        organisations
      }
    }
  }
`);

const TAKE_IN_TAG = graphql(`
  mutation HubTakeInTag($id: ID!, $version: Int!) {
    updateTag(id: $id, version: $version, input: {}) {
      tag {
        id
      }
    }
  }
`);

/**
 * 全国の好事例 (/admin/hub, issue 16): the installation's 広域事務局 — its commons collections, the
 * state of 横展開 across organisations, the commons export and the tags organisations started using.
 * Everything here is of the commons only; the server refuses anyone else.
 */
export default function HubPage() {
  return (
    <RequireLogin>
      {(me) =>
        isHub(me) ? (
          <Hub />
        ) : (
          <div className="space-y-4">
            <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
            <p>{h.forbidden}</p>
            <WayOn stop="forbidden" />
          </div>
        )
      }
    </RequireLogin>
  );
}

function Hub() {
  return (
    <div className="mx-auto max-w-5xl space-y-10">
      <title>{`${h.title}${m.app.titleSuffix}`}</title>
      <header className="space-y-3">
        <p>
          <Link to="/admin">
            <span aria-hidden="true">← </span>
            {m.admin.home.title}
          </Link>
        </p>
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{h.title}</h1>
        <p className="text-dns-16N-130 text-solid-gray-800">{h.lead}</p>
      </header>
      <CommonsCollections />
      <CrossOrganisationDashboard />
      <CommonsExport />
      <ProposedTags />
    </div>
  );
}

function CommonsCollections() {
  const c = h.collections;
  const { data, loading, error, refetch } = useQuery(COMMONS_COLLECTIONS, { fetchPolicy: "cache-and-network" });
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState("");
  const [create, { loading: creating }] = useMutation(CREATE_COMMONS, { refetchQueries: [COMMONS_COLLECTIONS] });

  const onSubmit = async (input: CollectionInput) => {
    setErrors({});
    setFailure("");
    try {
      const result = await create({ variables: { input: { ...input, scope: "COMMONS" } } });
      const created = result.data?.createCollection;
      if (created) navigate(`/collections/${encodeURIComponent(created.id)}`, { state: flashState(c.created) });
    } catch (err) {
      const problem = toApiError(err, c.failedCreate);
      setErrors(Object.fromEntries(problem.fields.map((f) => [f.path, f.message])));
      if (!problem.fields.length) setFailure(problem.message);
      focusAfterRender(() => firstInvalidControl(formRef.current));
    }
  };

  const list = data?.collections;
  return (
    <section aria-labelledby="hub-collections" className="space-y-4" aria-busy={loading}>
      <h2 id="hub-collections" className="text-std-24B-150 text-solid-gray-900">
        {c.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{c.lead}</p>
      {error ? (
        <ErrorNotice error={error} fallback={c.failed} onRetry={() => void refetch()} />
      ) : !list ? (
        <p role="status">{c.loading}</p>
      ) : list.items.length === 0 ? (
        <p className="rounded-8 bg-solid-gray-50 p-4">{c.empty}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {list.items.map((col) => (
            <li key={col.id} className="rounded-8 border border-solid-gray-200 bg-white p-4">
              <Link to={`/collections/${encodeURIComponent(col.id)}`} className="text-std-18B-160">
                {col.title}
              </Link>
              <p className="mt-1 flex flex-wrap gap-x-3 text-dns-14N-130 text-solid-gray-700">
                <span>{COLLECTION_STATUS_LABELS[col.status]}</span>
                {col.fiscalYear !== null && <span>{formatWarekiFiscalYear(col.fiscalYear)}</span>}
                <span>{c.entryCount(col.entryCount)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <div className="space-y-4 rounded-8 border border-solid-gray-420 p-4 md:p-6">
        <h3 id="hub-create-collection" className="text-std-20B-150 text-solid-gray-900">
          {c.createHeading}
        </h3>
        <CollectionForm labelledBy="hub-create-collection" titleHint={c.titleHint} errors={errors} onSubmit={(input) => void onSubmit(input)} formRef={formRef}>
          {failure && (
            <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
              {failure}
            </p>
          )}
          <button type="submit" className="btn-primary" disabled={creating}>
            {c.create}
          </button>
        </CollectionForm>
      </div>
    </section>
  );
}

function CrossOrganisationDashboard() {
  const d = h.dashboard;
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const { data, previousData, loading, error, refetch } = useQuery(HUB_DASHBOARD, {
    variables: { first: ORGANISATIONS_PAGE, offset: (page - 1) * ORGANISATIONS_PAGE },
    fetchPolicy: "cache-and-network",
  });
  const dashboard = (data ?? previousData)?.hubDashboard;
  const organisations = dashboard?.organisations.items ?? [];
  return (
    <section aria-labelledby="hub-dashboard" className="space-y-4" aria-busy={loading}>
      <h2 id="hub-dashboard" className="text-std-24B-150 text-solid-gray-900">
        {d.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{d.lead}</p>
      {error && !dashboard ? (
        <ErrorNotice error={error} fallback={d.failed} onRetry={() => void refetch()} />
      ) : !dashboard ? (
        <p role="status">{d.loading}</p>
      ) : (
        <>
          <dl className="grid gap-3 sm:grid-cols-3">
            {(
              [
                ["commonsCases", d.cases(dashboard.totals.commonsCases)],
                ["sharingOrganisations", d.organisations(dashboard.totals.sharingOrganisations)],
                ["crossAdoptions", d.cases(dashboard.totals.crossAdoptions)],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="rounded-8 border border-solid-gray-200 bg-white p-4">
                <dt className="text-dns-16N-130 text-solid-gray-800">{d.totals[key]}</dt>
                <dd className="text-std-28B-150 text-solid-gray-900">{value}</dd>
              </div>
            ))}
          </dl>

          {/* Wide screens: a table; phones: one card per organisation (five columns do not fit 390 px). */}
          <table className="hidden w-full border-collapse text-left text-dns-16N-130 md:table">
            <caption className="mb-2 text-left text-std-18B-160 text-solid-gray-900">{d.tableCaption}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-420">
                <th scope="col" className="p-2">
                  {d.columns.organisation}
                </th>
                <th scope="col" className="p-2">
                  {d.columns.prefecture}
                </th>
                <th scope="col" className="p-2 text-right">
                  {d.columns.commonsCases}
                </th>
                <th scope="col" className="p-2 text-right">
                  {d.columns.adoptedByOthers}
                </th>
                <th scope="col" className="p-2 text-right">
                  {d.columns.adoptedFromOthers}
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.organisationId} className="border-b border-solid-gray-200">
                  <th scope="row" className="p-2 font-normal">
                    {o.name}
                    {o.code && <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{o.code}</span>}
                  </th>
                  <td className="p-2">{o.prefecture}</td>
                  <td className="p-2 text-right">{d.cases(o.commonsCases)}</td>
                  <td className="p-2 text-right">{d.cases(o.adoptedByOthers)}</td>
                  <td className="p-2 text-right">{d.cases(o.adoptedFromOthers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="space-y-2 md:hidden">
            <h3 className="text-std-18B-160 text-solid-gray-900">{d.tableCaption}</h3>
            <ul className="space-y-2">
              {organisations.map((o) => (
                <li key={o.organisationId} className="rounded-8 border border-solid-gray-200 bg-white p-3">
                  <p className="text-std-17B-170">
                    {o.name}
                    <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{o.prefecture}</span>
                  </p>
                  <dl className="grid grid-cols-[1fr_auto] gap-x-3 text-dns-16N-130">
                    <dt>{d.columns.commonsCases}</dt>
                    <dd className="text-right">{d.cases(o.commonsCases)}</dd>
                    <dt>{d.columns.adoptedByOthers}</dt>
                    <dd className="text-right">{d.cases(o.adoptedByOthers)}</dd>
                    <dt>{d.columns.adoptedFromOthers}</dt>
                    <dd className="text-right">{d.cases(o.adoptedFromOthers)}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          </div>

          <ListPagination page={page} pageSize={ORGANISATIONS_PAGE} total={dashboard.organisations.total} />
        </>
      )}
      <OrganisationFlows headingLevel={3} />
    </section>
  );
}

function CommonsExport() {
  const e = h.export;
  return (
    <section aria-labelledby="hub-export" className="space-y-3">
      <h2 id="hub-export" className="text-std-24B-150 text-solid-gray-900">
        {e.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{e.lead}</p>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <a href="/api/exports/commons/cases.csv" download>
            {e.csv}
          </a>
        </li>
        <li>
          <a href="/api/exports/commons/cases.jsonl" download>
            {e.jsonl}
          </a>
        </li>
      </ul>
    </section>
  );
}

function ProposedTags() {
  const t = h.proposedTags;
  const { data, loading, error, refetch } = useQuery(PROPOSED_TAGS, { fetchPolicy: "cache-and-network" });
  const [takeIn, { loading: saving }] = useMutation(TAKE_IN_TAG, { refetchQueries: [PROPOSED_TAGS] });
  const [status, setStatus] = useState("");
  const list = data?.proposedTags;

  const accept = async (tag: { id: string; name: string; version: number }) => {
    setStatus("");
    try {
      await takeIn({ variables: { id: tag.id, version: tag.version } });
      setStatus(t.accepted(tag.name));
    } catch (err) {
      setStatus(toApiError(err, t.acceptFailed).message);
    }
  };

  return (
    <section aria-labelledby="hub-tags" className="space-y-4" aria-busy={loading}>
      <h2 id="hub-tags" className="text-std-24B-150 text-solid-gray-900">
        {t.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{t.lead}</p>
      <p role="status" className="min-h-6 text-std-16B-170">
        {status}
      </p>
      {error ? (
        <ErrorNotice error={error} fallback={t.failed} onRetry={() => void refetch()} />
      ) : !list ? (
        <p role="status">{t.loading}</p>
      ) : list.items.length === 0 ? (
        <p className="rounded-8 bg-solid-gray-50 p-4">{t.empty}</p>
      ) : (
        <ul className="space-y-2">
          {list.items.map((tag) => (
            <li key={tag.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-8 border border-solid-gray-200 bg-white p-3">
              <div className="min-w-0 flex-1">
                <p className="text-std-17B-170">{tag.name}</p>
                <p className="text-dns-14N-130 text-solid-gray-700">{t.usedBy(tag.organisations, tag.commonsCases)}</p>
              </div>
              <button type="button" className="btn-secondary" disabled={saving} aria-label={t.accept(tag.name)} onClick={() => void accept(tag)}>
                {t.acceptShort}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/admin/tags">{t.vocabularyLink}</Link>
      </p>
    </section>
  );
}

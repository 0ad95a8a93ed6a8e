import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { CASE_STATUSES, CASE_STATUS_LABELS, type CaseStatus } from "@kb/shared";
import { Link, useSearchParams } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { CaseListTable } from "../case/CaseListTable";
import { ErrorNotice } from "../components/ErrorNotice";
import { ListPagination, pageFrom } from "../components/ListPagination";
import { messages as m } from "../messages";

const PAGE_SIZE = 20;

const MY_CASES = graphql(`
  query MyCases($status: CaseStatus, $first: Int!, $offset: Int!) {
    myCases(status: $status, first: $first, offset: $offset) {
      total
      items {
        id
        ...CaseListRow_case
      }
    }
  }
`);

function statusFrom(params: URLSearchParams): CaseStatus | null {
  const s = params.get("status");
  return s && (CASE_STATUSES as readonly string[]).includes(s) ? (s as CaseStatus) : null;
}

/** 自分の投稿: the viewer's and their department's cases, filtered by status, newest change first. */
export default function MyCasesPage() {
  return (
    <div className="space-y-6">
      <title>{`${m.myCases.title}${m.app.titleSuffix}`}</title>
      <RequireLogin>{() => <MyCases />}</RequireLogin>
    </div>
  );
}

function MyCases() {
  const [params] = useSearchParams();
  const status = statusFrom(params);
  const page = pageFrom(params);
  const { data, previousData, loading, error, refetch } = useQuery(MY_CASES, {
    variables: { status, first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const list = (data ?? previousData)?.myCases;
  const filters: { value: CaseStatus | null; label: string }[] = [
    { value: null, label: m.myCases.all },
    ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] })),
  ];
  const current = status ? CASE_STATUS_LABELS[status] : m.myCases.all;

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{m.myCases.title}</h1>
          <p className="text-solid-gray-700">{m.myCases.lead}</p>
        </div>
        <Link to="/cases/new" className="btn-primary no-underline visited:text-white">
          {m.myCases.newCase}
        </Link>
      </div>

      <nav aria-label={m.myCases.filterLabel}>
        <ul className="flex flex-wrap gap-2">
          {filters.map((f) => {
            const selected = f.value === status;
            return (
              <li key={f.value ?? "all"}>
                <Link
                  to={{ search: f.value ? `?status=${f.value}` : "" }}
                  aria-current={selected ? "page" : undefined}
                  className={`inline-flex min-h-11 items-center rounded-full border px-4 text-dns-16N-130 no-underline ${
                    selected ? "border-blue-900 bg-blue-900 font-bold text-white visited:text-white" : "border-solid-gray-536 bg-white text-solid-gray-900 visited:text-solid-gray-900 hover:bg-blue-50"
                  }`}
                >
                  {f.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <section aria-labelledby="my-cases-results" aria-busy={loading} className="space-y-3">
        <h2 id="my-cases-results" className="text-std-20B-150 text-solid-gray-900">
          {current}
          {list && <span className="ml-2 text-dns-16N-130 font-normal text-solid-gray-700">{m.myCases.count(list.total)}</span>}
        </h2>
        {error ? (
          <ErrorNotice error={error} fallback={m.myCases.failed} onRetry={() => void refetch()} />
        ) : !list ? (
          <p role="status">{m.myCases.loading}</p>
        ) : list.items.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-6">{status ? m.myCases.empty : m.myCases.emptyAll}</p>
        ) : (
          <>
            <CaseListTable cases={list.items} caption={`${m.myCases.title}（${current}）`} variant="mine" />
            <ListPagination page={page} pageSize={PAGE_SIZE} total={list.total} />
          </>
        )}
      </section>
    </>
  );
}

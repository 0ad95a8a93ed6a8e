import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { useSearchParams } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { CaseListTable } from "../case/CaseListTable";
import { ErrorNotice } from "../components/ErrorNotice";
import { ListPagination, pageFrom } from "../components/ListPagination";
import { messages as m } from "../messages";

const PAGE_SIZE = 20;

export const REVIEW_QUEUE = graphql(`
  query ReviewQueue($first: Int!, $offset: Int!) {
    reviewQueue(first: $first, offset: $offset) {
      total
      items {
        id
        ...CaseListRow_case
      }
    }
  }
`);

/** 審査 (secretariat): submitted cases, oldest submission first. */
export default function ReviewQueuePage() {
  return (
    <div className="space-y-6">
      <title>{`${m.reviewQueue.title}${m.app.titleSuffix}`}</title>
      <RequireLogin secretariat>{() => <ReviewQueue />}</RequireLogin>
    </div>
  );
}

function ReviewQueue() {
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const { data, previousData, loading, error, refetch } = useQuery(REVIEW_QUEUE, {
    variables: { first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const list = (data ?? previousData)?.reviewQueue;
  return (
    <>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{m.reviewQueue.title}</h1>
        <p className="text-solid-gray-700">{m.reviewQueue.lead}</p>
      </div>
      <section aria-labelledby="review-queue-heading" aria-busy={loading} className="space-y-3">
        <h2 id="review-queue-heading" className="text-std-20B-150 text-solid-gray-900">
          {list ? m.reviewQueue.count(list.total) : m.reviewQueue.title}
        </h2>
        {error ? (
          <ErrorNotice error={error} fallback={m.reviewQueue.failed} onRetry={() => void refetch()} />
        ) : !list ? (
          <p role="status">{m.myCases.loading}</p>
        ) : list.items.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-6">{m.reviewQueue.empty}</p>
        ) : (
          <>
            <CaseListTable cases={list.items} caption={m.reviewQueue.title} variant="review" />
            <ListPagination page={page} pageSize={PAGE_SIZE} total={list.total} />
          </>
        )}
      </section>
    </>
  );
}

import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { ErrorNotice } from "../components/ErrorNotice";
import { ListPagination, pageFrom } from "../components/ListPagination";
import { UNREAD_NOTIFICATIONS } from "../components/NotificationBell";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";

const PAGE_SIZE = 20;

/** Where a notice about a case leads: the section of the case page it is about (issue 5). */
const ANCHOR: Record<string, string> = {
  ADOPTION_RECORDED: "#adoptions",
  QUESTION_ASKED: "#qa",
  QUESTION_ANSWERED: "#qa",
  ANSWER_ACCEPTED: "#qa",
  FRESHNESS_CHECK_DUE: "#freshness",
};

const NOTIFICATIONS = graphql(`
  query Notifications($first: Int!, $offset: Int!) {
    notifications(first: $first, offset: $offset) {
      total
      unread
      items {
        id
        type
        message
        caseId
        readAt
        createdAt
      }
    }
  }
`);

const MARK_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

export default function NotificationsPage() {
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <title>{`${m.notifications.title}${m.app.titleSuffix}`}</title>
      <RequireLogin>{() => <Notifications />}</RequireLogin>
    </div>
  );
}

/** お知らせ: newest first, unread ones marked; opening one (or the button) marks it read. */
function Notifications() {
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const { data, previousData, loading, error, refetch } = useQuery(NOTIFICATIONS, {
    variables: { first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const [markRead] = useMutation(MARK_READ, {
    refetchQueries: [NOTIFICATIONS, UNREAD_NOTIFICATIONS],
    awaitRefetchQueries: true,
  });
  const [failure, setFailure] = useState(false);
  const list = (data ?? previousData)?.notifications;
  const n = m.notifications;

  const mark = async (ids: string[] | null) => {
    setFailure(false);
    try {
      await markRead({ variables: { ids } });
    } catch {
      setFailure(true);
    }
  };

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{n.title}</h1>
          {list && <p role="status">{n.unreadCount(list.unread)}</p>}
        </div>
        {list && list.unread > 0 && (
          <button type="button" className="btn-outline" onClick={() => void mark(null)}>
            {n.markAllRead}
          </button>
        )}
      </div>
      {failure && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
          {n.markFailed}
        </p>
      )}
      <section aria-label={n.title} aria-busy={loading}>
        {error ? (
          <ErrorNotice error={error} fallback={n.failed} onRetry={() => void refetch()} />
        ) : !list ? (
          <p role="status">{m.myCases.loading}</p>
        ) : list.items.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-6">{n.empty}</p>
        ) : (
          <>
            <ul className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
              {list.items.map((item) => {
                const unread = item.readAt === null;
                return (
                  <li key={item.id} className={`flex flex-wrap items-start gap-x-4 gap-y-2 px-3 py-4 ${unread ? "border-l-4 border-l-blue-900 bg-blue-50" : ""}`}>
                    <div className="min-w-0 flex-1 space-y-1">
                      <p className={unread ? "text-std-16B-170 text-solid-gray-900" : "text-std-16N-170 text-solid-gray-800"}>
                        <span className={`mr-2 inline-block rounded-4 px-1.5 text-dns-14B-130 ${unread ? "bg-blue-900 text-white" : "border border-solid-gray-536 text-solid-gray-700"}`}>
                          {unread ? n.unread : n.read}
                        </span>
                        {m.notificationTypes[item.type] && (
                          <span className="mr-2 inline-block rounded-4 border border-solid-gray-536 px-1.5 text-dns-14N-130 text-solid-gray-800">
                            {m.notificationTypes[item.type]}
                          </span>
                        )}
                        {item.caseId ? (
                          <Link to={`/cases/${encodeURIComponent(item.caseId)}${ANCHOR[item.type] ?? ""}`} onClick={() => unread && void mark([item.id])}>
                            {item.message}
                          </Link>
                        ) : (
                          item.message
                        )}
                      </p>
                      <p className="text-dns-14N-130 text-solid-gray-700">
                        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                      </p>
                    </div>
                    {unread && (
                      <button type="button" className="btn-text" onClick={() => void mark([item.id])}>
                        {n.markRead}
                        <span className="sr-only">：{item.message}</span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
            <ListPagination page={page} pageSize={PAGE_SIZE} total={list.total} />
          </>
        )}
      </section>
    </>
  );
}

import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { NavLink } from "react-router";
import { searchPageMessages as m } from "../messages/searchPage";

export const UNREAD_NOTIFICATIONS = graphql(`
  query UnreadNotifications {
    notifications(first: 1) {
      total
      unread
    }
  }
`);

/** The bell in the header: a link to /notifications whose name says how many are unread. */
export function NotificationBell() {
  const { data } = useQuery(UNREAD_NOTIFICATIONS, { pollInterval: 60_000, fetchPolicy: "cache-and-network" });
  const unread = data?.notifications.unread ?? 0;
  return (
    <NavLink
      to="/notifications"
      aria-label={m.header.notificationsLabel(unread)}
      className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-8 text-solid-gray-900 visited:text-solid-gray-900 hover:bg-solid-gray-50"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 && (
        <span aria-hidden="true" className="absolute -right-1 -top-1 min-w-6 rounded-full bg-red-900 px-1.5 text-center text-dns-14B-130 leading-6 text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </NavLink>
  );
}

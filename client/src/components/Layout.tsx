import { graphql } from "../gql";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { Suspense, useRef, type MouseEvent } from "react";
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigate, useNavigation } from "react-router";
import { hasAdminTools, isSecretariat, loginPath, useMe } from "../auth/me";
import { searchPageMessages as m } from "../messages/searchPage";
import { FlashMessage, flashState } from "./FlashMessage";
import { NotificationBell } from "./NotificationBell";

const LOGOUT = graphql(`
  mutation Logout {
    logout
  }
`);

/** Whether this session came through an organisation's directory: its logout goes there too (/auth/logout). */
const SESSION_KIND = graphql(`
  query SessionKind {
    me {
      id
      directorySignIn
    }
  }
`);

const navLink = "text-dns-16N-130 aria-[current=page]:font-bold";

/** Page frame: skip link, header with the product name, main menu and the user's menu, main, footer. */
export function Layout() {
  const mainRef = useRef<HTMLElement>(null);
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    mainRef.current?.focus();
  };
  const { me, loading } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [logout, { loading: loggingOut }] = useMutation(LOGOUT);

  const onLogout = async () => {
    const kind = await client.query({ query: SESSION_KIND, fetchPolicy: "network-only" }).catch(() => null);
    if (kind?.data?.me?.directorySignIn) {
      // A full navigation: the server ends the session and sends the browser to the directory's logout.
      window.location.assign("/auth/logout");
      return;
    }
    try {
      await logout();
    } finally {
      navigate("/", { state: flashState(m.auth.loggedOut) });
      // Drafts and review data must not outlive the session in the cache.
      void client.resetStore();
    }
  };

  const onLoginPage = location.pathname === "/login";
  // A page whose code is still on its way (routes/lazy.ts): the old page stays until it arrives, so say so.
  const pageLoading = useNavigation().state === "loading";

  return (
    <div className="flex min-h-dvh flex-col">
      {pageLoading && (
        <div role="status" className="nav-pending fixed inset-x-0 top-0 z-50 h-1 bg-blue-900">
          <span className="sr-only">{m.app.pageLoading}</span>
        </div>
      )}
      <a
        href="#main"
        onClick={skipToMain}
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:px-4 focus:py-2 focus:text-std-16B-170"
      >
        {m.app.skipToMain}
      </a>

      <header className="border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 md:px-6">
          <Link to="/" className="text-std-20B-150 text-solid-gray-900 no-underline visited:text-solid-gray-900 hover:underline">
            {m.app.name}
          </Link>
          <nav aria-label={m.app.mainNav}>
            <ul className="flex flex-wrap gap-x-5 gap-y-1">
              <li>
                <NavLink to="/search" className={navLink}>
                  {m.app.navSearch}
                </NavLink>
              </li>
              <li>
                <NavLink to="/collections" className={navLink}>
                  {m.curation.nav.collections}
                </NavLink>
              </li>
              {me && (
                <>
                  <li>
                    <NavLink to="/cases/new" className={navLink}>
                      {m.header.navNew}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/my/cases" className={navLink}>
                      {m.header.navMine}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/solicitations" className={navLink}>
                      {m.header.navSolicitations}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to={`/departments/${encodeURIComponent(me.department.id)}`} className={navLink}>
                      {m.departments.nav}
                    </NavLink>
                  </li>
                  {isSecretariat(me) && (
                    <li>
                      <NavLink to="/review" className={navLink}>
                        {m.header.navReview}
                      </NavLink>
                    </li>
                  )}
                  {hasAdminTools(me) && (
                    <li>
                      {/* One entry for the curators' and admins' tools (admin/AdminHomePage.tsx); current on every page under it. */}
                      <NavLink to="/admin" className={navLink}>
                        {m.header.navAdmin}
                      </NavLink>
                    </li>
                  )}
                </>
              )}
            </ul>
          </nav>
          <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1" aria-busy={loading}>
            {me ? (
              <>
                <NotificationBell />
                <p className="text-dns-14N-130 text-solid-gray-800">
                  <span className="sr-only">{m.header.userLabel}：</span>
                  {/* Which 自治体 the account belongs to: on a shared installation it says whose drafts these are. */}
                  <span className="text-solid-gray-600">{me.organisation.name}</span>{" "}
                  <span>{m.header.user(me.displayName, me.department.name)}</span>
                </p>
                <NavLink to="/account" className={navLink}>
                  {m.account.nav}
                </NavLink>
                <button type="button" className="btn-text" onClick={() => void onLogout()} disabled={loggingOut}>
                  {m.auth.logout}
                </button>
              </>
            ) : (
              !loading &&
              !onLoginPage && (
                <Link to={loginPath(`${location.pathname}${location.search}`)} className="text-dns-16N-130">
                  {m.auth.login}
                </Link>
              )
            )}
          </div>
        </div>
      </header>

      <main id="main" ref={mainRef} tabIndex={-1} aria-busy={pageLoading} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-6 md:py-8">
        <FlashMessage />
        <Suspense fallback={<p role="status">{m.app.pageLoading}</p>}>
          <Outlet />
        </Suspense>
      </main>

      <footer className="border-t border-solid-gray-200 bg-solid-gray-50">
        <p className="mx-auto max-w-7xl px-4 py-4 text-dns-14N-130 text-solid-gray-700 md:px-6">{m.app.footer}</p>
      </footer>

      <ScrollRestoration />
    </div>
  );
}

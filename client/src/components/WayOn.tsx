import { Link, useLocation, useNavigate } from "react-router";
import { loginPath, useMe } from "../auth/me";
import { useSwitchAccount } from "../auth/useSwitchAccount";
import { searchPageMessages as m } from "../messages/searchPage";

/** Why a page cannot show what was asked: not logged in, not allowed, or not there. */
export type Stop = "signedOut" | "forbidden" | "notFound";

/**
 * The ways on from a page that stopped (issue 13): reloading cannot help with a permission or a
 * missing page, so offer what can — logging in (as another account when this one may not see it,
 * coming back here afterwards), the previous page, and the search.
 */
export function WayOn({ stop, search = true }: { stop: Stop; search?: boolean }) {
  const { me, loading } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const { switchAccount, switching } = useSwitchAccount();
  const here = `${location.pathname}${location.search}`;
  const w = m.wayOn;
  // The first entry of the history has the key "default": there is no page of ours to go back to.
  const canGoBack = location.key !== "default";
  const hint = stop === "forbidden" ? (me ? w.forbiddenHint : w.signedOutHint) : stop === "signedOut" || !me ? w.signedOutHint : null;

  return (
    <div className="space-y-3">
      {!loading && hint && <p>{hint}</p>}
      <ul className="flex flex-wrap items-center gap-3" aria-label={w.label}>
        {!loading && !me && (
          <li>
            <Link to={loginPath(here)} className="btn-primary no-underline visited:text-white">
              {w.logIn}
            </Link>
          </li>
        )}
        {!loading && me && stop === "forbidden" && (
          <li>
            <button type="button" className="btn-primary" disabled={switching} onClick={() => void switchAccount(here)}>
              {w.switchAccount}
            </button>
          </li>
        )}
        {canGoBack && (
          <li>
            <button type="button" className="btn-outline" onClick={() => void navigate(-1)}>
              {w.back}
            </button>
          </li>
        )}
        {search && (
          <li>
            <Link to="/" className="btn-outline no-underline">
              {w.search}
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}

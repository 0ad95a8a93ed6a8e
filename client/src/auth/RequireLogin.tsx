import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { WayOn } from "../components/WayOn";
import { messages as m } from "../messages";
import { isSecretariat, loginPath, useMe, type Me } from "./me";

/**
 * Pages for logged-in users: anonymous visitors are sent to the login page, which brings them
 * back here. `secretariat` pages tell other users plainly that they are not for them (the server
 * refuses them anyway).
 */
export function RequireLogin({ children, secretariat = false }: { children: (me: Me) => ReactNode; secretariat?: boolean }) {
  const { me, loading } = useMe();
  const location = useLocation();
  if (loading) return <p role="status">{m.auth.checking}</p>;
  if (!me) return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
  if (secretariat && !isSecretariat(me)) {
    return (
      <div className="space-y-4">
        <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
        <p>{m.auth.secretariatOnly}</p>
        <WayOn stop="forbidden" />
      </div>
    );
  }
  return <>{children(me)}</>;
}

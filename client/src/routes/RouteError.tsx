import { isRouteErrorResponse, useRouteError } from "react-router";
import { WayOn } from "../components/WayOn";
import { searchPageMessages as m } from "../messages/searchPage";
import { NotFoundPage } from "./NotFoundPage";

/**
 * Shown inside the page frame when a route throws while rendering. A missing route is the
 * not-found page; anything else may be mended by loading the page afresh (a new version of the
 * app was deployed and an old chunk is gone), so reloading is offered next to the ways on.
 */
export function RouteError() {
  const error = useRouteError();
  // eslint-disable-next-line no-console -- a render error in development is worth seeing in the console
  if (import.meta.env.DEV) console.error(error);
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-std-28B-150">{m.errors.route}</h1>
      <p>{m.errors.routeHint}</p>
      <p>
        <button type="button" className="btn-primary" onClick={() => window.location.reload()}>
          {m.wayOn.reload}
        </button>
      </p>
      <WayOn stop="notFound" />
    </div>
  );
}

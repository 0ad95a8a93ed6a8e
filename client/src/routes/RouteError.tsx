import { Link, useRouteError } from "react-router";
import { messages as m } from "../messages";

/** Shown inside the page frame when a route throws while rendering. */
export function RouteError() {
  const error = useRouteError();
  // eslint-disable-next-line no-console -- a render error in development is worth seeing in the console
  if (import.meta.env.DEV) console.error(error);
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-std-28B-150">{m.errors.route}</h1>
      <p>{m.errors.routeHint}</p>
      <p>
        <Link to="/">{m.notFound.link}</Link>
      </p>
    </div>
  );
}

import { CombinedGraphQLErrors, ServerError, ServerParseError, type ErrorLike } from "@apollo/client";
import { searchPageMessages as m } from "../messages/searchPage";
import { WayOn, type Stop } from "./WayOn";

const LIMIT_CODES = new Set<unknown>(["RATE_LIMITED", "REQUEST_TIMEOUT", "QUERY_TOO_COMPLEX"]);

/** A Japanese message for an Apollo error; internals (stack, raw server text) are never shown. */
export function errorMessage(error: ErrorLike, fallback: string): string {
  if (CombinedGraphQLErrors.is(error)) {
    const codes = new Set(error.errors.map((e) => e.extensions?.["code"]));
    if (codes.has("UNAUTHENTICATED")) return m.errors.unauthenticated;
    if (codes.has("FORBIDDEN")) return m.errors.forbidden;
    if (codes.has("NOT_FOUND")) return m.errors.notFound;
    // Limits (issue 6): the server's sentence says what happened and how long to wait.
    const limited = error.errors.find((e) => LIMIT_CODES.has(e.extensions?.["code"]));
    if (limited?.message) return limited.message;
    return fallback;
  }
  if (ServerError.is(error) && error.statusCode === 429) return m.errors.rateLimited;
  if (ServerError.is(error) || ServerParseError.is(error)) return fallback;
  return m.errors.network;
}

/** Errors that trying again cannot mend: the way on is another account, another page or the search. */
export function stopOf(error: ErrorLike): Stop | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const codes = new Set(error.errors.map((e) => e.extensions?.["code"]));
  if (codes.has("UNAUTHENTICATED")) return "signedOut";
  if (codes.has("FORBIDDEN")) return "forbidden";
  if (codes.has("NOT_FOUND")) return "notFound";
  return null;
}

export function ErrorNotice({ error, fallback, onRetry }: { error: ErrorLike; fallback: string; onRetry?: () => void }) {
  const stop = stopOf(error);
  return (
    <div role="alert" className="space-y-3 rounded-8 border-2 border-error-1 bg-red-50 p-4 text-solid-gray-900">
      <p className="text-std-16B-170">{errorMessage(error, fallback)}</p>
      {stop ? (
        <WayOn stop={stop} />
      ) : (
        onRetry && (
          <button type="button" className="btn-outline" onClick={onRetry}>
            {m.errors.retry}
          </button>
        )
      )}
    </div>
  );
}

/**
 * Errors that mean "the database is not reachable right now" (restarting, failing over, network),
 * as opposed to a bug: the pool recovers by itself once PostgreSQL is back, so the user is told to
 * retry instead of being shown an unexpected error.
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  // SQLSTATE class 08 (connection exception) and 57P0x (operator intervention: shutdown, restart).
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
]);

// "not queryable": pg's answer on a pooled client whose connection broke (PostgreSQL was killed).
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|terminating connection due to administrator command|the database system is (starting up|shutting down|not yet accepting connections)|connection error and is not queryable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  // MikroORM wraps the driver's error and copies its code; pg errors may nest a cause; GraphQL
  // (a failed context, for one) keeps the thrown error as originalError.
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause, originalError } = current as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = originalError ?? cause;
  }
  return false;
}

/**
 * Every error code the server puts on the wire, once, for both sides: the server's coded errors
 * (server/src/kernel/app-error.ts) are typed by it, and the client (client/src/lib/apiError.ts) reads
 * answers against it. GraphQL errors carry the code in `extensions.code`; the plain-HTTP routes under
 * /api answer `{ error: { code, message, fields } }`.
 */
export const ERROR_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "CONFLICT",
  "RATE_LIMITED",
  "SEARCH_UNAVAILABLE",
  /** PostgreSQL is not reachable right now (restart, failover); nothing was saved. */
  "DATABASE_UNAVAILABLE",
  /** The operation is deeper, wider or longer than any screen of ours asks (server graphql/graphql-limits.ts). */
  "QUERY_TOO_COMPLEX",
  /** The request ran past KB_REQUEST_TIMEOUT_MS and was stopped; its transaction was rolled back. */
  "REQUEST_TIMEOUT",
] as const;

/** A code a service may raise (the server's AppError) and a client may rely on. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes only the boundaries answer with, never raised by a service: anything unexpected
 * (INTERNAL_SERVER_ERROR, its details logged and hidden), and on the plain-HTTP routes a missing
 * CSRF header or an upload over its size limit.
 */
export const BOUNDARY_ERROR_CODES = ["INTERNAL_SERVER_ERROR", "CSRF", "PAYLOAD_TOO_LARGE"] as const;
export type BoundaryErrorCode = (typeof BOUNDARY_ERROR_CODES)[number];

/** Any code an answer of ours carries. */
export type WireErrorCode = ErrorCode | BoundaryErrorCode;

export const isErrorCode = (value: unknown): value is ErrorCode => (ERROR_CODES as readonly unknown[]).includes(value);

import type { AppErrorCode } from "../kernel/index.js";

/** The HTTP status of each code, for the plain-HTTP routes under /api. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SEARCH_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  QUERY_TOO_COMPLEX: 400,
  REQUEST_TIMEOUT: 503,
};

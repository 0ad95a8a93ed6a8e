import { unwrapResolverError } from "@apollo/server/errors";
import type { BoundaryErrorCode } from "@kb/shared";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "../logger.js";
import { isDatabaseUnavailable } from "../db/index.js";
import { AppError, databaseUnavailable, requestTimedOut, type AppErrorCode } from "../kernel/index.js";
import { tooComplex, TOO_MANY_TOKENS } from "./graphql-limits.js";

/** The codes a client can rely on (and the HTTP-ish meaning of each), checked exhaustively. */
function publicCode(code: AppErrorCode): string {
  switch (code) {
    case "BAD_USER_INPUT":
    case "NOT_FOUND":
    case "FORBIDDEN":
    case "UNAUTHENTICATED":
    case "CONFLICT":
    case "RATE_LIMITED":
    case "SEARCH_UNAVAILABLE":
    case "DATABASE_UNAVAILABLE":
    case "QUERY_TOO_COMPLEX":
    case "REQUEST_TIMEOUT":
      return code;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

const PASS_THROUGH = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * The coded error behind a GraphQL error: thrown by a resolver, reported by a validation rule or a
 * plugin (graphql-limits.ts, rate-limit.ts; Apollo keeps it as `originalError`), or the parser's
 * token limit.
 */
function appErrorOf(error: unknown): AppError | null {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return original;
  // A query cancelled by the request deadline: MikroORM rethrows the abort reason as a
  // DriverException that copies its fields (the answer is dropped anyway; it is not a failure to log).
  if (original instanceof Error && (original as { code?: unknown }).code === "REQUEST_TIMEOUT") return requestTimedOut();
  // PostgreSQL restarting or out of reach: the pool reconnects by itself; the user retries.
  if (isDatabaseUnavailable(original)) return databaseUnavailable();
  if (error instanceof GraphQLError) {
    if (error.originalError instanceof AppError) return error.originalError;
    if (error.extensions.code === "GRAPHQL_PARSE_FAILED" && TOO_MANY_TOKENS.test(error.message)) return tooComplex("maxTokens");
  }
  return null;
}

/** Apollo's formatError: coded errors keep their code and field paths; anything else is logged and hidden. */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = appErrorOf(error);
    if (original) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: {
          code: publicCode(original.code),
          ...(original.fields.length ? { fields: original.fields } : {}),
        },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PASS_THROUGH.has(code)) return formatted;
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, "unexpected error in a GraphQL operation");
    return {
      message: "サーバーで予期しないエラーが発生しました。",
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" satisfies BoundaryErrorCode },
    };
  };
}

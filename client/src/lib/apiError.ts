import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client";
import { ERROR_CODES, type ErrorCode } from "@kb/shared";
import { messages as m } from "../messages";

/**
 * What the server said, in a shape forms can use. Services throw coded errors (server
 * kernel/app-error.ts, mapped once in graphql/format-error.ts): BAD_USER_INPUT carries
 * `extensions.fields: [{path, message}]`, and every coded error's message is already Japanese and
 * meant for the user.
 */
export type ApiErrorCode = FormErrorCode | "NETWORK" | "UNKNOWN";

/**
 * The server's codes (shared/src/error-codes.ts) a form shows with the server's message. The search
 * page reads SEARCH_UNAVAILABLE itself (SearchPage.tsx); elsewhere it reads as UNKNOWN, with the
 * caller's fallback sentence.
 */
type FormErrorCode = Exclude<ErrorCode, "SEARCH_UNAVAILABLE">;

export interface FieldProblem {
  path: string;
  message: string;
}

export interface ApiError {
  code: ApiErrorCode;
  /** A Japanese sentence to show as is. */
  message: string;
  fields: FieldProblem[];
}

const KNOWN = new Set<string>(ERROR_CODES.filter((code): code is FormErrorCode => code !== "SEARCH_UNAVAILABLE"));

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    !!value &&
    typeof value === "object" &&
    typeof (value as FieldProblem).path === "string" &&
    typeof (value as FieldProblem).message === "string"
  );
}

/** Reads an Apollo error (or anything thrown by a mutation) into code, message and field problems. */
export function toApiError(error: unknown, fallback: string = m.errors.generic): ApiError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors.find((e) => KNOWN.has(e.extensions?.["code"] as string)) ?? error.errors[0];
    const code = first?.extensions?.["code"];
    const fields = error.errors.flatMap((e) => {
      const raw = e.extensions?.["fields"];
      return Array.isArray(raw) ? raw.filter(isFieldProblem) : [];
    });
    if (typeof code === "string" && KNOWN.has(code)) {
      return { code: code as ApiErrorCode, message: first?.message || fallback, fields };
    }
    return { code: "UNKNOWN", message: fallback, fields };
  }
  // A 429 whose body Apollo could not read as GraphQL (e.g. from a proxy in front of the server).
  if (ServerError.is(error) && error.statusCode === 429) return { code: "RATE_LIMITED", message: m.errors.rateLimited, fields: [] };
  if (ServerError.is(error) || ServerParseError.is(error)) return { code: "UNKNOWN", message: fallback, fields: [] };
  return { code: "NETWORK", message: m.errors.network, fields: [] };
}

/** The message of a plain-HTTP API answer (uploads, imports): the server's sentence, or one for its status. */
export function httpErrorMessage(status: number, serverMessage: unknown, fallback: string): string {
  if (typeof serverMessage === "string" && serverMessage) return serverMessage;
  if (status === 429) return m.errors.rateLimited;
  if (status === 413) return m.errors.tooLarge;
  return fallback;
}

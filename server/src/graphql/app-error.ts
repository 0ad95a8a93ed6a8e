/**
 * Coded errors raised by services. One boundary (graphql/format-error.ts) turns them into GraphQL
 * errors; internals never reach a client.
 */
export type AppErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "SEARCH_UNAVAILABLE"
  /** PostgreSQL is not reachable right now (restart, failover); nothing was saved. */
  | "DATABASE_UNAVAILABLE"
  /** The operation is deeper, wider or longer than any screen of ours asks (graphql/graphql-limits.ts). */
  | "QUERY_TOO_COMPLEX"
  /** The request ran past KB_REQUEST_TIMEOUT_MS and was stopped; its transaction was rolled back. */
  | "REQUEST_TIMEOUT";

/** The HTTP status of each code, for the plain-HTTP routes under /api (and GraphQL request errors). */
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

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badInput = (fields: FieldError[], message = "入力内容に誤りがあります") =>
  new AppError("BAD_USER_INPUT", message, fields);
/** Field errors from a zod error, with the paths the form fields use. */
export function badInputFromZod(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): AppError {
  return badInput(error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
}

export const forbidden = (message = "この操作を行う権限がありません。") => new AppError("FORBIDDEN", message);
export const notFound = (what = "対象") => new AppError("NOT_FOUND", `${what}が見つかりません`);
export const searchUnavailable = () =>
  new AppError("SEARCH_UNAVAILABLE", "検索サービスに接続できません。しばらくしてからもう一度お試しください。");
export const databaseUnavailable = () =>
  new AppError("DATABASE_UNAVAILABLE", "データベースに一時的に接続できません（この操作による変更は保存されていません）。しばらくしてからもう一度お試しください。");
export const requestTimedOut = () =>
  new AppError("REQUEST_TIMEOUT", "処理に時間がかかりすぎたため中止しました（この操作による変更は保存されていません）。しばらくしてからもう一度お試しください。");

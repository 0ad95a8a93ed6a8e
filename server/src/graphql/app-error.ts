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
  | "SEARCH_UNAVAILABLE";

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

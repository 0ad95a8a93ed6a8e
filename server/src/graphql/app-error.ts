/**
 * Coded errors raised by services. One boundary (graphql/format-error.ts) turns them into GraphQL
 * errors; internals never reach a client.
 */
export type AppErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT" | "SEARCH_UNAVAILABLE";

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
export const notFound = (what = "対象") => new AppError("NOT_FOUND", `${what}が見つかりません`);
export const searchUnavailable = () =>
  new AppError("SEARCH_UNAVAILABLE", "検索サービスに接続できません。しばらくしてからもう一度お試しください。");

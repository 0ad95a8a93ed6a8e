import type { ErrorCode } from "@kb/shared";

/**
 * Coded errors raised by services. Each slice builds its own on this base (e.g. cases/case.errors.ts);
 * the boundaries turn them into answers once: graphql/format-error.ts for GraphQL, http/error-status.ts
 * for the plain-HTTP routes. Internals never reach a client. The codes are the shared list
 * (shared/src/error-codes.ts), so the client reads the same ones.
 */
export type AppErrorCode = ErrorCode;

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

/** What a zod error (or any validator's) has to say, structurally, so the kernel needs no zod import. */
export interface IssueList {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/**
 * Field errors from a zod error, with the paths the form fields use ("details.0.label"). An issue about
 * the whole value has an empty path; `rootPath` names it instead when the caller has a better name.
 */
export function fieldErrorsFromZod(error: IssueList, rootPath = ""): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || rootPath, message: i.message }));
}

export const badInput = (fields: FieldError[], message = "入力内容に誤りがあります") =>
  new AppError("BAD_USER_INPUT", message, fields);
/** BAD_USER_INPUT with a zod error's field errors (fieldErrorsFromZod). */
export const badInputFromZod = (error: IssueList, rootPath?: string): AppError => badInput(fieldErrorsFromZod(error, rootPath));

export const forbidden = (message = "この操作を行う権限がありません。") => new AppError("FORBIDDEN", message);
export const notFound = (what = "対象") => new AppError("NOT_FOUND", `${what}が見つかりません`);
export const conflict = (message: string) => new AppError("CONFLICT", message);
export const searchUnavailable = () =>
  new AppError("SEARCH_UNAVAILABLE", "検索サービスに接続できません。しばらくしてからもう一度お試しください。");
export const databaseUnavailable = () =>
  new AppError("DATABASE_UNAVAILABLE", "データベースに一時的に接続できません（この操作による変更は保存されていません）。しばらくしてからもう一度お試しください。");
export const requestTimedOut = () =>
  new AppError("REQUEST_TIMEOUT", "処理に時間がかかりすぎたため中止しました（この操作による変更は保存されていません）。しばらくしてからもう一度お試しください。");

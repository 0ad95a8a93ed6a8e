import type { ErrorRequestHandler } from "express";

/** The JSON body limit of POST /graphql (express.json): no screen sends a fraction of it. */
export const GRAPHQL_BODY_LIMIT = "1mb";

/**
 * What express.json refuses (a body over the limit: 413; JSON that does not parse: 400) answered
 * as a GraphQL error with a code and a Japanese message, instead of Express's HTML error page.
 */
export const graphqlBodyErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const type = (error as { type?: unknown }).type;
  if (res.headersSent || (type !== "entity.too.large" && type !== "entity.parse.failed")) return next(error);
  const [status, code, message] =
    type === "entity.too.large"
      ? [413, "PAYLOAD_TOO_LARGE", "リクエストが大きすぎます（1MBまで）。"]
      : [400, "BAD_REQUEST", "リクエストの形式が正しくありません（JSONとして読み取れません）。"];
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

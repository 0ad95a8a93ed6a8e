import { CombinedGraphQLErrors, ServerError } from "@apollo/client";
import { describe, expect, it } from "vitest";
import { messages as m } from "../messages";
import { httpErrorMessage, toApiError } from "./apiError";
import { errorMessage } from "../components/ErrorNotice";

/** Limits (issue 6): what a person reads when the server says "too many", "too slow" or "too big". */
describe("limit errors in the UI", () => {
  const limited = new CombinedGraphQLErrors({
    errors: [{ message: "操作が続いたため、しばらく受け付けを停止しています。42秒ほど待ってからもう一度お試しください。", extensions: { code: "RATE_LIMITED" } }],
  });

  it("shows the server's RATE_LIMITED / REQUEST_TIMEOUT sentence, with how long to wait, for mutations and queries", () => {
    expect(toApiError(limited, "保存できませんでした。")).toEqual({ code: "RATE_LIMITED", message: limited.errors[0]!.message, fields: [] });
    expect(errorMessage(limited, "読み込めませんでした。")).toBe(limited.errors[0]!.message);
    const timeout = new CombinedGraphQLErrors({ errors: [{ message: "処理に時間がかかりすぎたため中止しました。", extensions: { code: "REQUEST_TIMEOUT" } }] });
    expect(toApiError(timeout).code).toBe("REQUEST_TIMEOUT");
    expect(errorMessage(timeout, "x")).toBe("処理に時間がかかりすぎたため中止しました。");
  });

  it("says so in Japanese for a bare 429 (no GraphQL body) and for plain-HTTP uploads", () => {
    const bare = new ServerError("Response not successful: Received status code 429", { response: new Response("", { status: 429 }), bodyText: "" });
    expect(toApiError(bare)).toEqual({ code: "RATE_LIMITED", message: m.errors.rateLimited, fields: [] });
    expect(errorMessage(bare, "x")).toBe(m.errors.rateLimited);
    expect(m.errors.rateLimited).toBe("操作が続いたため、しばらく受け付けを停止しています。1分ほど待ってからもう一度お試しください。");
    expect(httpErrorMessage(429, undefined, "失敗")).toBe(m.errors.rateLimited);
    expect(httpErrorMessage(429, "サーバーの文", "失敗")).toBe("サーバーの文");
    expect(httpErrorMessage(500, null, "失敗")).toBe("失敗");
  });
});

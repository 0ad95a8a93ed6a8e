import { describe, expect, it } from "vitest";
import { splitTerms } from "./terms";

describe("synonym terms as typed", () => {
  it("splits on Japanese and latin separators and new lines, dropping blanks", () => {
    expect(splitTerms("キントーン、kintone")).toEqual(["キントーン", "kintone"]);
    expect(splitTerms(" 生成AI , ChatGPT，チャットGPT\n\n1on1；ワンオンワン;")).toEqual(["生成AI", "ChatGPT", "チャットGPT", "1on1", "ワンオンワン"]);
    expect(splitTerms("  ")).toEqual([]);
  });
});

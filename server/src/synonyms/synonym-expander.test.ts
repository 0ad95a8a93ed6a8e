import { describe, expect, it } from "vitest";
import { SynonymExpander } from "./synonym-expander.js";

describe("synonym expansion (index time)", () => {
  const expander = new SynonymExpander(
    [
      { mode: "EQUIVALENT", terms: ["キントーン", "kintone"] },
      { mode: "EQUIVALENT", terms: ["生成AI", "ChatGPT", "チャットGPT"] },
      { mode: "ONE_WAY", terms: ["残業", "時間外勤務"] },
    ],
    [{ term: "児童扶養手当", parts: ["児童", "扶養", "手当"] }],
  );

  it("adds every other term of an equivalent group, case-insensitively", () => {
    expect(expander.expand("Kintoneで予約アプリ")).toEqual(["キントーン"]);
    expect(expander.expand("キントーンを導入").sort()).toEqual(["kintone"]);
    expect(expander.expand("chatgptの利用").sort()).toEqual(["チャットGPT", "生成AI"].sort());
  });

  it("adds the source of a one-way group only to texts with its targets", () => {
    expect(expander.expand("時間外勤務の見える化")).toEqual(["残業"]);
    expect(expander.expand("残業の削減")).toEqual([]);
  });

  it("matches latin terms only as whole words, Japanese anywhere", () => {
    expect(expander.expand("kintonebook")).toEqual([]);
    expect(expander.expand("MYCHATGPT")).toEqual([]);
    expect(expander.expand("生成AI研修")).toEqual(expect.arrayContaining(["ChatGPT"]));
  });

  it("adds the parts of dictionary compounds", () => {
    expect(expander.expand("児童扶養手当現況報告")).toEqual(["児童 扶養 手当"]);
  });

  it("tells which term of a text a query found it by (synonyms only, as the text writes them)", () => {
    expect(expander.synonymsMatching("生成AI活用ハンズオン研修", "ＣｈａｔＧＰＴ")).toEqual(["生成AI"]);
    expect(expander.synonymsMatching("時間外勤務の見える化", "残業 削減")).toEqual(["時間外勤務"]);
    // One-way: 時間外勤務 does not find 残業; a compound's parts are not synonyms; latin whole words only.
    expect(expander.synonymsMatching("残業の削減", "時間外勤務")).toEqual([]);
    expect(expander.synonymsMatching("児童扶養手当現況報告", "扶養")).toEqual([]);
    expect(expander.synonymsMatching("生成AI研修", "mychatgpt")).toEqual([]);
  });
  it("makes a dictionary compound and its variants find each other (COMPOUND_VARIANTS), with no rule of the secretariat", () => {
    const builtIn = new SynonymExpander([]);
    expect(builtIn.expand("介護認定の進捗確認")).toContain("要介護認定");
    expect(builtIn.expand("要介護認定の申請")).toEqual(expect.arrayContaining(["介護認定", "要 介護 認定"]));
    expect(builtIn.expand("庁内照会の回答集約")).toContain("全庁照会");
    expect(builtIn.expand("全庁照会の回答集約")).toContain("庁内照会");
    // And a hit found so says why: 同義語「介護認定」に一致.
    expect(builtIn.synonymsMatching("介護認定の進捗確認", "要介護認定")).toEqual(["介護認定"]);
  });
});

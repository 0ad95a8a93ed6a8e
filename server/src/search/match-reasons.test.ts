import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchArgsSchema } from "@kb/shared";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";

/**
 * Why did this match? A hit found only through a synonym, or by the relaxed second search, says so
 * (searchCases → hits → matchReasons). Real PostgreSQL and Meilisearch; the synonym group
 * 生成AI = ChatGPT = チャットGPT comes with the migrations.
 */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  await kb.importCases([
    buildCase({ title: "生成AIで議事録の下書きを作る", summary: "会議の録音から要点をまとめる。", tags: ["議事録"] }),
    buildCase({ title: "ChatGPTの利用ルールを定めた", summary: "入力してよい情報を決めた。", tags: ["ガイドライン"] }),
    buildCase({ title: "除雪ドローンで道路の積雪を確認", summary: "積雪の深さを空から測る。", tags: ["道路"] }),
    buildCase({ title: "除雪車の位置を地図で共有", summary: "除雪の進み具合を住民に知らせる。", tags: ["道路"] }),
  ]);
});
afterAll(() => kb?.close());

const SEARCH = `query ($query: String!) {
  searchCases(query: $query, first: 20) { relaxed hits { case { title } matchReasons { kind term } } }
}`;

async function reasons(query: string) {
  const result = await kb.gql<{ searchCases: { relaxed: boolean; hits: { case: { title: string }; matchReasons: { kind: string; term: string | null }[] }[] } }>(
    SEARCH,
    { query: searchArgsSchema.parse({ query }).query },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.searchCases;
}

describe("match reasons of search hits", () => {
  it("a case found only through a synonym names the word it says; a case with the word itself has no reason", async () => {
    const found = await reasons("ＣｈａｔＧＰＴ");
    const byTitle = new Map(found.hits.map((h) => [h.case.title, h.matchReasons]));
    expect(byTitle.get("生成AIで議事録の下書きを作る")).toEqual([{ kind: "SYNONYM", term: "生成AI" }]);
    expect(byTitle.get("ChatGPTの利用ルールを定めた")).toEqual([]);
  });

  it("a relaxed search marks the hits that have only some of the words, not the complete matches", async () => {
    const found = await reasons("除雪 ドローン");
    expect(found.relaxed).toBe(true);
    const byTitle = new Map(found.hits.map((h) => [h.case.title, h.matchReasons]));
    expect(byTitle.get("除雪ドローンで道路の積雪を確認")).toEqual([]);
    expect(byTitle.get("除雪車の位置を地図で共有")).toEqual([{ kind: "RELAXED", term: null }]);
  });

  it("a search that shows its words gives no reason at all", async () => {
    const found = await reasons("議事録");
    expect(found.hits.map((h) => h.matchReasons)).toEqual([[]]);
  });
});

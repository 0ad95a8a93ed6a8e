import { randomBytes } from "node:crypto";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { COMPOUND_TERMS, MUNICIPAL_COMPOUNDS } from "../synonyms/index.js";
import { relaxedOrders, relaxQuery, relaxedStrategy } from "./search-request.js";

/**
 * The dictionary file writes each compound split the way Meilisearch segments it without the
 * dictionary; indexing relies on those splits (the parts keep 手当 finding 児童扶養手当). This checks
 * them against the engine, so a tokenizer change in a Meilisearch upgrade is caught here.
 */
const client = new Meilisearch({ host: inject("meiliUrl"), apiKey: inject("meiliMasterKey") });
const uid = `dictionary_check_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  await client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: 60_000 });
  const index = client.index(uid);
  await index.updateSettings({ searchableAttributes: ["text"], localizedAttributes: [{ attributePatterns: ["text"], locales: ["jpn"] }] }).waitTask({ timeout: 60_000 });
  await index.addDocuments(COMPOUND_TERMS.map((c, id) => ({ id, text: c.term }))).waitTask({ timeout: 60_000 });
});
afterAll(async () => {
  await client.deleteIndex(uid).waitTask({ timeout: 60_000 });
});

describe("municipal dictionary", () => {
  it("has no duplicate and no one-part entry", () => {
    expect(new Set(MUNICIPAL_COMPOUNDS).size).toBe(MUNICIPAL_COMPOUNDS.length);
    expect(COMPOUND_TERMS.filter((c) => c.parts.length < 2)).toEqual([]);
  });

  it("splits every compound exactly as Meilisearch 1.21 does without the dictionary", async () => {
    const index = client.index(uid);
    const splits: string[] = [];
    for (const [id, compound] of COMPOUND_TERMS.entries()) {
      const result = await index.search(compound.term, {
        locales: ["jpn"],
        matchingStrategy: "all",
        filter: undefined,
        limit: 100,
        attributesToHighlight: ["text"],
        highlightPreTag: "[",
        highlightPostTag: "]",
      });
      const hit = result.hits.find((h) => h.id === id);
      const formatted = String((hit?._formatted as { text?: string } | undefined)?.text ?? "");
      splits.push([...formatted.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]).join("/"));
    }
    expect(splits).toEqual([...MUNICIPAL_COMPOUNDS]);
  });

  it("relaxes a query by splitting its compounds, and never relaxes a lone compound into its parts", () => {
    expect(relaxQuery("児童扶養手当の現況報告")).toBe("児童 扶養 手当 の現況報告");
    expect(relaxedStrategy("児童扶養手当")).toBe("all");
    expect(relaxedStrategy("窓口の待ち時間を減らしたい")).toBe("last");
  });

  it("asks a relaxed phrase in word orders each led by one of its phrases (at most 4), a particle staying with its word", () => {
    expect(relaxedOrders("道路の穴を市民から通報してもらいたい")).toEqual([
      '"道路の穴"',
      "道路の 穴を 市民から 通報してもらいたい",
      "穴を 市民から 通報してもらいたい 道路の",
      "市民から 通報してもらいたい 道路の 穴を",
      "通報してもらいたい 道路の 穴を 市民から",
    ]);
    // Compounds split first; the lone の joins 手当, it leads nothing.
    expect(relaxedOrders("児童扶養手当の現況報告")[3]).toBe("現況報告 児童 扶養 手当の");
    expect(relaxedOrders("SNS 発信 広報 動画 写真")).toHaveLength(4);
    // One phrase: one order (a plain "last" query).
    expect(relaxedOrders("研修")).toEqual(["研修"]);
    expect(relaxedOrders("問い合わせたい")).toEqual(["問い合わせたい"]);
  });

  it("leads a relaxed phrase's orders with its 「XのY」 as written, asked as a phrase", () => {
    expect(relaxedOrders("紙の契約をやめたい")).toEqual(['"紙の契約"', "紙の 契約をやめたい", "契約をやめたい 紙の"]);
    // The compound stays whole in the phrase, split in the word orders.
    expect(relaxedOrders("窓口の待ち時間を減らしたい").slice(0, 2)).toEqual(['"窓口の待ち時間"', "窓口の 待ち 時間を 減らしたい"]);
    // Not the whole query again (the strict search asked it), not a particle alone, not inside the reader's own quotes.
    expect(relaxedOrders("児童扶養手当の現況報告")[0]).toBe("児童 扶養 手当の 現況報告");
    expect(relaxedOrders("外部人材に丸投げしない")[0]).toBe("外部人材に 丸投げしない");
    expect(relaxedOrders('"紙の契約"をやめたい').some((q) => q.startsWith('""'))).toBe(false);
    expect(relaxedOrders("このアプリの使い方を知りたい")[0]).toBe('"アプリの使い方"');
  });
});

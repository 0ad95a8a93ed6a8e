import { readFileSync } from "node:fs";
import path from "node:path";
import { fiscalYearOf, interchangeCaseSchema, parseInterchangeDate } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { REPO_ROOT } from "../config/index.js";

/**
 * Honest dates: seeded and imported cases carry their own 公開日 and 最終更新 — from the line,
 * or within their 年度 — instead of the day of the import; 新着 is ordered by publication.
 */
let kb: TestBackend;
const SEEDS = path.join(REPO_ROOT, "seeds/cases.jsonl");
const inJapan = (d: Date) => new Date(d.getTime() + 9 * 3600_000);
const dates = (externalId: string) =>
  kb.orm.em
    .fork()
    .execute<{ published_at: string | Date | null; updated_at: string | Date }[]>("select published_at, updated_at from cases where external_id = ?", [externalId])
    .then(([row]) => ({ published_at: row!.published_at === null ? null : new Date(row!.published_at), updated_at: new Date(row!.updated_at) }));

beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

describe("the seed file", () => {
  it("gives every case a publication date within its own 年度, none in the future", () => {
    const lines = readFileSync(SEEDS, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const record = interchangeCaseSchema.parse(JSON.parse(line));
      expect(record.publishedAt, record.externalId).toBeDefined();
      const published = parseInterchangeDate(record.publishedAt!)!;
      expect(fiscalYearOf(inJapan(published)), record.externalId).toBe(record.fiscalYear);
      expect(published.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });
});

describe("importing dates", () => {
  it("stores the line's publishedAt and updatedAt", async () => {
    await kb.importCases([buildCase({ externalId: "dated", fiscalYear: 2023, publishedAt: "2023-10-02", updatedAt: "2024-01-15T10:00:00+09:00" })]);
    const row = await dates("dated");
    expect(row.published_at?.toISOString()).toBe("2023-10-02T03:00:00.000Z");
    expect(row.updated_at.toISOString()).toBe("2024-01-15T01:00:00.000Z");
  });

  it("dates a published case without dates at the end of its 年度, not today; its 最終更新 is that day too", async () => {
    await kb.importCases([buildCase({ externalId: "undated", fiscalYear: 2021 })]);
    const row = await dates("undated");
    expect(row.published_at?.toISOString()).toBe("2022-03-31T03:00:00.000Z");
    expect(row.updated_at.toISOString()).toBe("2022-03-31T03:00:00.000Z");
    // A draft has no publication date.
    await kb.importCases([buildCase({ externalId: "undated-draft", fiscalYear: 2021, status: "DRAFT" })]);
    expect((await dates("undated-draft")).published_at).toBeNull();
  });

  it("keeps the publication date on a re-import that changes the text; the change itself is dated today", async () => {
    const before = Date.now();
    await kb.importCases([buildCase({ externalId: "undated", fiscalYear: 2021, summary: "書き直した概要" })]);
    const row = await dates("undated");
    expect(row.published_at?.toISOString()).toBe("2022-03-31T03:00:00.000Z");
    expect(row.updated_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe("新着 on the home page, with the seeds", () => {
  it("lists the most recently published first; no 令和3年度 case among them", async () => {
    const report = await kb.loadSeedCases();
    expect(report.imported).toBe(true);
    const result = await kb.gql<{ home: { newCases: { externalId: string; fiscalYear: number; publishedAt: string; updatedAt: string }[] } }>(
      "{ home(first: 6) { newCases { externalId fiscalYear publishedAt updatedAt } } }",
    );
    expect(result.errors).toBeUndefined();
    const cases = result.data!.home.newCases;
    expect(cases).toHaveLength(6);
    const published = cases.map((c) => Date.parse(c.publishedAt));
    expect([...published].sort((a, b) => b - a)).toEqual(published);
    // The newest seed lines by their own dates, not the order of the file or the day of the import.
    const seeds = readFileSync(SEEDS, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { externalId: string; publishedAt: string });
    const newest = [...seeds, { externalId: "dated", publishedAt: "2023-10-02" }]
      .sort((a, b) => parseInterchangeDate(b.publishedAt)!.getTime() - parseInterchangeDate(a.publishedAt)!.getTime())
      .slice(0, 6)
      .map((s) => s.externalId);
    expect(cases.map((c) => c.externalId)).toEqual(newest);
    expect(cases.every((c) => c.fiscalYear >= 2024)).toBe(true);
    // 最終更新 of a seed case is its own day, not today.
    expect(cases.every((c) => c.updatedAt === c.publishedAt)).toBe(true);
  });
});

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { importInterchangeFile } from "../../server/src/importer/import.service.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { RELEVANCE_QUERIES } from "./queries.js";
import { evaluateRelevance, metricLines } from "./relevance.js";

/**
 * The relevance suite over the seeds, through the real GraphQL searchCases (synonyms seeded by
 * the migration). Prints recall@5 and MRR@10 as JSON lines (`npm run relevance` runs only this).
 */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  const report = await importInterchangeFile(kb.orm, path.join(REPO_ROOT, "seeds/cases.jsonl"));
  expect(report.errors).toEqual([]);
  await kb.syncSearch();
});
afterAll(() => kb?.close());

const SEARCH = `query ($query: String!) { searchCases(query: $query, first: 10) { hits { case { externalId } } } }`;

describe("relevance over the seeds", () => {
  it("has at least 30 queries, each naming seeded cases", () => {
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(30);
  });

  it("reaches recall@5 ≥ 0.9 and prints recall@5 and MRR@10", async () => {
    const report = await evaluateRelevance(RELEVANCE_QUERIES, async (query) => {
      const result = await kb.gql<{ searchCases: { hits: { case: { externalId: string } }[] } }>(SEARCH, { query });
      expect(result.errors).toBeUndefined();
      return result.data!.searchCases.hits.map((h) => h.case.externalId);
    });
    for (const line of metricLines(report)) process.stdout.write(`${line}\n`);
    const misses = report.outcomes.filter((o) => o.recallAt5 < 1);
    if (misses.length) process.stdout.write(`${JSON.stringify({ misses: misses.map((o) => ({ q: o.query, recall: o.recallAt5, top: o.top.slice(0, 5) })) })}\n`);
    expect(report.recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(report.mrrAt10).toBeGreaterThanOrEqual(0.85);
  });
});

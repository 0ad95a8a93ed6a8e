import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importInterchangeFile } from "../../server/src/importer/import.service.js";
import { generateCase, generatedCaseFacts } from "../support/case-generator.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { createOrganisation } from "../../server/src/organisations/index.js";
import type { Viewer } from "../../server/src/kernel/index.js";
import { CROSS_ORGANISATION_QUERIES, CROSS_ORGANISATIONS, crossOrganisationCases, READER } from "./cross-organisation.js";
import { generatedTopics, matchesGenerated, RELEVANCE_QUERIES } from "./queries.js";
import {
  evaluateRelevance,
  judgeWithGenerated,
  lostPlaces,
  metricLines,
  scaleLines,
  scoreRelevance,
  SEEDS_JUDGE,
  type CaseLabel,
  type Judge,
  type RelevanceReport,
} from "./relevance.js";

/**
 * The relevance suite over the seeds, through the real GraphQL searchCases (synonyms seeded by
 * the migration). Prints recall@5 and MRR@10 as JSON lines (`npm run relevance` runs only this).
 *
 * Then the same queries with generated distractor cases imported beside the seeds (issue 17 item 6),
 * in the same run and index: RELEVANCE_DISTRACTORS cases (default 2,000; 0 skips it; the issue's
 * figure is 100,000), the figures at that size, the drop from the seeds alone, and the queries that
 * lost places with what took them. A distractor about what a query asks is relevant to it: each
 * query's `generated` judgement (queries.ts) over the topics the generator drew for the case.
 */
const DISTRACTORS = Number(process.env.RELEVANCE_DISTRACTORS ?? 2000);
/** The bench's generator seed: the distractors are the cases `npm run bench` searches. */
const DISTRACTOR_SEED = 4242;

let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  const report = await kb.loadSeedCases();
  expect(report.errors).toEqual([]);
  await kb.syncSearch();
});
afterAll(() => kb?.close());

const SEARCH = `query ($query: String!, $preferSimilar: Boolean!) { searchCases(query: $query, first: 10, preferSimilar: $preferSimilar) { hits { case { externalId title tags } } } }`;
const labels = new Map<string, CaseLabel>();
/** Who judges the hits: the seeds' judgements until the distractors join the index. */
let judge: Judge = SEEDS_JUDGE;

/** `as`: a signed-in reader (似た自治体を優先 applies unless `preferSimilar` is false); anonymous by default. */
function evaluate(queries = RELEVANCE_QUERIES, as: { viewer: Viewer; preferSimilar: boolean } | null = null): Promise<RelevanceReport> {
  return evaluateRelevance(
    queries,
    async (query) => {
      const result = await kb.gql<{ searchCases: { hits: { case: { externalId: string } & CaseLabel }[] } }>(
        SEARCH,
        { query, preferSimilar: as?.preferSimilar ?? true },
        { viewer: as?.viewer ?? null },
      );
      expect(result.errors).toBeUndefined();
      const hits = result.data!.searchCases.hits;
      for (const { case: c } of hits) labels.set(c.externalId, { title: c.title, tags: c.tags });
      return hits.map((h) => h.case.externalId);
    },
    judge,
  );
}

let small: RelevanceReport | undefined;

describe("relevance over the seeds", () => {
  it("has at least 30 queries, each naming seeded cases", () => {
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(30);
  });

  it("judges generated cases by what they are about: every query's generated judgement holds for some distractors, and never for a workshop's background subject", () => {
    const facts = Array.from({ length: 2000 }, (_, i) => generatedCaseFacts(i, DISTRACTOR_SEED));
    for (const q of RELEVANCE_QUERIES) {
      for (const alternative of q.generated ?? []) {
        expect(facts.some((f) => matchesGenerated({ ...q, generated: [alternative] }, generatedTopics(f))), `${q.query}: ${JSON.stringify(alternative)}`).toBe(true);
      }
    }
    // 転入届 is judged by subject: the case about it is relevant, a workshop citing it as an example is not.
    const tennyu = RELEVANCE_QUERIES.find((q) => q.query === "転入届")!;
    const aboutIt = facts.find((f) => f.subject === "転入届" && f.kind === "PRACTICE")!;
    const citesIt = facts.find((f) => f.subject === "転入届" && f.kind === "WORKSHOP")!;
    expect(matchesGenerated(tennyu, generatedTopics(aboutIt))).toBe(true);
    expect(matchesGenerated(tennyu, generatedTopics(citesIt))).toBe(false);
    // recall@5 counts over min(5, relevant in the index): with the generated judgements, 転入届 has more than 5.
    expect(judgeWithGenerated(DISTRACTOR_SEED, 2000).relevantInIndex(tennyu)).toBeGreaterThan(5);
  });

  it("reaches recall@5 ≥ 0.9 and prints recall@5 and MRR@10", async () => {
    const report = (small = await evaluate());
    for (const line of metricLines(report)) process.stdout.write(`${line}\n`);
    const misses = report.outcomes.filter((o) => o.recallAt5 < 1);
    if (misses.length) process.stdout.write(`${JSON.stringify({ misses: misses.map((o) => ({ q: o.query, recall: o.recallAt5, top: o.top.slice(0, 5) })) })}\n`);
    expect(report.recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(report.mrrAt10).toBeGreaterThanOrEqual(0.85);
  });
});

describe.skipIf(DISTRACTORS <= 0)(`relevance with ${DISTRACTORS} generated distractors beside the seeds`, () => {
  // Importing and indexing take about 1 ms per case here (README, Benchmarks); the rest is margin.
  it("prints recall@5 and MRR@10 at that size and the drop from the seeds alone", { timeout: 120_000 + DISTRACTORS * 15 }, async () => {
    small ??= await evaluate();
    // The bulk import path `npm run bench` uses: an interchange file, imported as one, then indexed.
    const file = path.join(os.tmpdir(), `kb-relevance-${process.pid}-${DISTRACTORS}.jsonl`);
    const lines: string[] = [];
    for (let i = 0; i < DISTRACTORS; i++) lines.push(JSON.stringify(generateCase(i, DISTRACTOR_SEED)));
    await fsp.writeFile(file, `${lines.join("\n")}\n`);
    try {
      const report = await importInterchangeFile(kb.orm, file);
      expect(report.errors).toEqual([]);
      expect(report.created).toBe(DISTRACTORS);
    } finally {
      await fsp.rm(file, { force: true });
    }
    await kb.syncSearch();

    judge = judgeWithGenerated(DISTRACTOR_SEED, DISTRACTORS);
    const large = await evaluate();
    const largeSeedsJudgedOnly = scoreRelevance(RELEVANCE_QUERIES, large.outcomes.map((o) => o.top), SEEDS_JUDGE);
    for (const line of scaleLines(small, large, DISTRACTORS, largeSeedsJudgedOnly)) process.stdout.write(`${line}\n`);
    const isDistractor = (id: string) => id.startsWith(`gen-${DISTRACTOR_SEED}-`);
    for (const lost of lostPlaces(small, large, RELEVANCE_QUERIES, judge, isDistractor, (id) => labels.get(id) ?? { title: "?", tags: [] })) {
      process.stdout.write(`${JSON.stringify({ lostAtScale: lost })}\n`);
    }
  });
});

/**
 * 似た自治体 (issue 16 item 3): cross-organisation queries read by staff of one organisation, with
 * 似た自治体を優先 and without; and the suite above read by the same staff both ways, to show the boost
 * costs the ordinary queries nothing. Printed as JSON lines; the figures are the measurement, the
 * expectations only that the boost does not make things worse.
 */
describe("似た自治体: cross-organisation queries, with and without the boost", () => {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const print = (suite: string, boost: boolean, report: RelevanceReport) => {
    for (const [metric, value] of [["recall@5", report.recallAt5], ["mrr@10", report.mrrAt10]] as const) {
      process.stdout.write(`${JSON.stringify({ metric: `relevance.similar.${suite}.${metric}`, value: round(value), unit: "ratio", boost, queries: report.queries })}\n`);
    }
  };

  it("the seeds' queries, read by staff of a seeded 中核市 (姫路市), lose nothing to the boost", async () => {
    // Before the cross-organisation cases join: the judgements cover the seeds and the distractors only.
    const viewer = await kb.createViewer({ organisation: "282014", department: "業務改革推進課" });
    const on = await evaluate(RELEVANCE_QUERIES, { viewer, preferSimilar: true });
    const off = await evaluate(RELEVANCE_QUERIES, { viewer, preferSimilar: false });
    print("seeds", true, on);
    print("seeds", false, off);
    expect(on.recallAt5).toBeGreaterThanOrEqual(off.recallAt5 - 0.02);
  });

  it("the cross-organisation queries find the cases of organisations like the reader's sooner", { timeout: 120_000 }, async () => {
    const organisationIds = new Map<string, string>();
    for (const o of [READER, ...CROSS_ORGANISATIONS]) {
      const created = await createOrganisation(
        kb.orm.em.fork(),
        { name: o.name, kana: "てすと", prefecture: o.prefecture, kind: o.kind, code: o.code, population: o.population, populationAsOf: "2025-01-01" },
        null,
      );
      organisationIds.set(o.key, created.id);
    }
    const cases = crossOrganisationCases();
    for (const [key, id] of organisationIds) {
      await kb.importCases(cases.filter((c) => c.organisationKey === key).map((c) => c.record), { organisationId: id });
    }
    const viewer = await kb.createViewer({ organisation: READER.code, department: "業務改革推進課" });
    const on = await evaluate(CROSS_ORGANISATION_QUERIES, { viewer, preferSimilar: true });
    const off = await evaluate(CROSS_ORGANISATION_QUERIES, { viewer, preferSimilar: false });
    print("cross", true, on);
    print("cross", false, off);
    expect(on.recallAt5).toBeGreaterThanOrEqual(off.recallAt5);
    expect(on.mrrAt10).toBeGreaterThanOrEqual(off.mrrAt10);
  });
});

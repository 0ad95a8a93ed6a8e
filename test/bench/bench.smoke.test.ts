import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { runNode } from "../support/processes.js";

/**
 * `npm run bench` is not part of `npm test` (it takes minutes at 100k cases); this runs the same
 * script on a few hundred cases against the run's services, so it cannot rot unnoticed.
 */
describe("benchmark script (smoke)", () => {
  it("runs end to end on a small data set and prints every metric as a JSON line", { timeout: 180_000 }, async () => {
    const admin = new URL(inject("databaseAdminUrl"));
    const { code, output } = await runNode(path.join("test", "bench", "bench.ts"), [], {
      DATABASE_URL: admin.toString(),
      MEILI_URL: inject("meiliUrl"),
      MEILI_MASTER_KEY: inject("meiliMasterKey"),
      BENCH_CASES: "300",
      BENCH_REQUESTS: "20",
      BENCH_SECONDS: "10",
      BENCH_FRESHNESS: "3",
      BENCH_LOAD_RATE: "10",
      BENCH_LOAD_SECONDS: "15",
    });
    expect(code, output.slice(-3000)).toBe(0);
    const metrics = new Map<string, { value: number; unit: string; [key: string]: unknown }>();
    for (const line of output.split("\n")) {
      if (!line.startsWith("{")) continue;
      const parsed = JSON.parse(line) as { metric: string; value: number; unit: string; [key: string]: unknown };
      metrics.set(parsed.metric, parsed);
    }
    for (const name of [
      "import.throughput",
      "import.searchable",
      "search.raw.c1.p95",
      "search.graphql.c1.p95",
      "search.graphql_vs_raw.c16.p95_ratio",
      "search.graphql.c16.p99",
      "search.reader",
      "organisations.count",
      "engine.throughput",
      "import.vs_engine.throughput_ratio",
      "freshness.under_load.p95",
      "freshness.under_load.stage.claim.p95",
      "freshness.under_load.stage.index.p95",
      "freshness.under_load.stage.total.p95",
      "freshness.load.rate.achieved",
      "memory.under_load.server.rss",
      "search.sql_statements.max",
      "search.similar_vs_plain.c1.p95_ratio",
      "freshness.p95",
      "memory.server.rss",
    ]) {
      expect(metrics.get(name), name).toBeDefined();
      expect(Number.isFinite(metrics.get(name)!.value), name).toBe(true);
    }
    expect(metrics.get("import.cases")!.value).toBe(300);
    // 300 cases over 30 generated organisations (cases / 10), of every kind.
    expect(metrics.get("organisations.count")!.value).toBe(30);
    const engine = metrics.get("engine.documents") as { value: number } | undefined;
    const published = (metrics.get("import.cases") as unknown as { published: number }).published;
    expect(published).toBeLessThan(300); // a few drafts
    expect(engine?.value).toBe(published);
    expect(metrics.get("freshness.under_load.p95") as unknown).toMatchObject({ target: "≤ 250 (issue 17)" });
    expect(metrics.get("freshness.under_load.stage.total.p95") as unknown).toMatchObject({ target: "≤ 250 (issue 17)" });
    expect(metrics.get("search.errors.c1")!.value).toBe(0);
    expect(metrics.get("search.sql_statements.max")!.value).toBeLessThanOrEqual(3);
  });
});

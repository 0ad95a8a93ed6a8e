/**
 * `npm run bench`: the search benchmarks of issue 4, printed as JSON lines on stdout
 * ({"metric", "value", "unit", …}); progress goes to stderr. Loopback only, bounded in count and time.
 *
 *   BENCH_CASES     cases to generate and import (default 100000)
 *   BENCH_REQUESTS  requests per mode and concurrency (default 800)
 *   BENCH_SECONDS   time bound per mode and concurrency (default 60)
 *   BENCH_FRESHNESS publish → searchable samples (default 40)
 *   DATABASE_URL / MEILI_URL (+ MEILI_MASTER_KEY): use these services instead of fresh embedded ones
 *
 * Raw Meilisearch and GraphQL `searchCases` run side by side in one run, on the same queries: the
 * raw side sends exactly the multi-search request the service sends for a page (same filters,
 * disjunctive facet queries, highlights), so the difference is what our layer adds.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { interchangeCaseSchema, searchArgsSchema, type SearchArgs } from "@kb/shared";
import { CaseService } from "../../server/dist/cases/case.service.js";
import { initOrm } from "../../server/dist/db/orm.js";
import { importCases, importInterchangeFile } from "../../server/dist/importer/import.service.js";
import { startEmbeddedMeilisearch } from "../../server/dist/infra/embedded-meilisearch.js";
import { ensureDatabase, startEmbeddedPostgres } from "../../server/dist/infra/embedded-postgres.js";
import { createLogger } from "../../server/dist/logger.js";
import { CaseSearchIndex } from "../../server/dist/search/case-search-index.js";
import { planSearch } from "../../server/dist/search/search-request.js";
import { SearchService } from "../../server/dist/search/search.service.js";
import { generateCase } from "../support/case-generator.ts";
import { memoryOf, metric, note, percentile, postJson, runLoad, spawnNode } from "./lib.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 800);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const FRESHNESS_SAMPLES = Number(process.env.BENCH_FRESHNESS ?? 40);
const logger = createLogger("warn");
const stops: (() => Promise<void>)[] = [];

/** What staff type, over the generated cases; a third with a filter, as the facets get used. */
const QUERIES: SearchArgs[] = [
  "児童手当", "転入届", "kintone", "キントーン", "生成AI", "ChatGPT", "窓口", "研修", "ワークショップ", "RPA",
  "申請", "議事録", "補助金", "公用車", "防災訓練", "アンケート集計", "データ活用", "子育て", "道路損傷", "介護認定",
  "窓口の待ち時間を減らしたい", "紙の申請をなくしたい", "ｋｉｎｔｏｎｅ", "ﾃﾚﾜｰｸ", "ペーパーレス", "", "家屋調査", "会議室の利用調整",
  "残業", "電子申請",
].flatMap((query, i) => {
  const plain = searchArgsSchema.parse({ query, first: 20 });
  const filters = [
    { kinds: ["KINTONE_APP" as const] },
    { departments: ["子育て支援課", "保育課"] },
    { tags: ["業務改善"], fiscalYears: [2024, 2025] },
  ];
  return i % 3 === 0 ? [plain, searchArgsSchema.parse({ query, first: 20, filter: filters[(i / 3) % 3] })] : [plain];
});

const GQL = `query SearchCases($query: String!, $first: Int!, $offset: Int!, $filter: CaseSearchFilter) {
  searchCases(query: $query, first: $first, offset: $offset, filter: $filter) {
    total processingTimeMs relaxed
    hits { case { id title kind fiscalYear tags department { id name } } highlights { title summary snippet } }
    facets { kind { value count } department { value count } fiscalYear { value count } tags { value count } }
  }
}`;

async function main(): Promise<void> {
  metric("machine.cpus", os.cpus().length, "cores", { model: os.cpus()[0]?.model ?? "?" });
  metric("machine.memory", os.totalmem() / 2 ** 30, "GiB");

  // --- services -----------------------------------------------------------------------------
  const suffix = randomBytes(3).toString("hex");
  let databaseUrl = process.env.DATABASE_URL;
  let meiliUrl = process.env.MEILI_URL;
  let meiliKey = process.env.MEILI_MASTER_KEY ?? "";
  let meiliPid: number | undefined;
  let dataDir: string | undefined;
  if (!databaseUrl || !meiliUrl) {
    await fs.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
    dataDir = await fs.mkdtemp(path.join(REPO_ROOT, ".data", "bench-"));
    await fs.chmod(dataDir, 0o755);
    // A key that cannot start with "-" (which Meilisearch would read as a flag).
    await fs.mkdir(path.join(dataDir, "secrets"), { recursive: true });
    await fs.writeFile(path.join(dataDir, "secrets", "meili-master-key"), `k${randomBytes(24).toString("hex")}\n`, { mode: 0o600 });
    stops.push(() => fs.rm(dataDir!, { recursive: true, force: true }));
  }
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(dataDir!, logger);
    stops.push(() => pg.stop());
    databaseUrl = pg.url;
  } else {
    const admin = new URL(databaseUrl);
    admin.pathname = "/postgres";
    await ensureDatabase(admin.toString(), `kb_bench_${suffix}`);
    const own = new URL(databaseUrl);
    own.pathname = `/kb_bench_${suffix}`;
    databaseUrl = own.toString();
  }
  if (!meiliUrl) {
    const meili = await startEmbeddedMeilisearch(dataDir!, logger);
    stops.push(() => meili.stop());
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
    meiliPid = meili.pid;
  }
  const indexUid = `bench_${suffix}`;

  // --- the server, as `npm start` runs it -------------------------------------------------------
  const server = spawnNode(path.join(REPO_ROOT, "server/dist/main.js"), [], {
    DATABASE_URL: databaseUrl,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: meiliKey,
    KB_SEARCH_INDEX: indexUid,
    KB_SEED: "false",
    PORT: "0",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
  });
  stops.unshift(() => server.stop());
  const baseUrl = (await server.waitFor(/is running: (http:\/\/localhost:\d+\/)/, 120_000))[1]!.replace("localhost", "127.0.0.1");
  note(`server at ${baseUrl}, ${CASES} cases`);
  const orm = await initOrm(databaseUrl);
  stops.unshift(() => orm.close(true));
  const index = CaseSearchIndex.connect(meiliUrl, meiliKey, indexUid);
  stops.unshift(async () => {
    await index.client.deleteIndex(indexUid).waitTask().catch(() => {});
  });

  // --- import and time until searchable ----------------------------------------------------------
  const file = path.join(os.tmpdir(), `kb-bench-${suffix}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < CASES; i++) lines.push(JSON.stringify(generateCase(i, 4242)));
  await fs.writeFile(file, `${lines.join("\n")}\n`);
  stops.push(() => fs.rm(file, { force: true }));
  const t0 = performance.now();
  const report = await importInterchangeFile(orm, file);
  const imported = performance.now() - t0;
  if (!report.imported) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  metric("import.cases", report.created, "cases");
  metric("import.throughput", report.created / (imported / 1000), "cases/s", { seconds: Math.round(imported / 100) / 10 });
  for (;;) {
    const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
    const docs = await index.documentCount().catch(() => 0);
    if (Number(row!.n) === 0 && docs >= report.created) break;
    if (performance.now() - t0 > 30 * 60_000) throw new Error(`not searchable after 30 minutes (${docs} documents)`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const searchable = performance.now() - t0;
  metric("import.searchable", searchable / 1000, "s", { cases: report.created, target: "≤ 300 s" });
  metric("import.indexing_throughput", report.created / (searchable / 1000), "cases/s");

  // --- latency: raw Meilisearch vs GraphQL searchCases, same queries --------------------------------
  const auth = { authorization: `Bearer ${meiliKey}` };
  // Raw: the Meilisearch requests the service sends for the query, sent by the service's own code
  // (runPlan: the strict multi-search, plus the relaxed one when it relaxes) — nothing else.
  const planner = new SearchService(index, new CaseService(orm.em.fork()));
  const raw = async (i: number) => {
    await planner.runPlan(QUERIES[i % QUERIES.length]!);
  };
  // For reference: one strict multi-search per query, as a client without relaxation would send.
  const rawStrict = async (i: number) => {
    const args = QUERIES[i % QUERIES.length]!;
    const res = await postJson(`${meiliUrl}/multi-search`, { queries: planSearch(indexUid, args, "all").queries }, auth);
    if (res.status !== 200) throw new Error(`meili ${res.status}`);
  };
  const graphql = async (i: number) => {
    const args = QUERIES[i % QUERIES.length]!;
    const res = await postJson(`${baseUrl}graphql`, { query: GQL, variables: { query: args.query, first: args.first, offset: 0, filter: args.filter } });
    const body = res.body as { errors?: unknown };
    if (res.status !== 200 || body.errors) throw new Error(`graphql ${res.status} ${JSON.stringify(body.errors)}`);
  };
  // Warm both paths (caches, JIT) before measuring.
  await runLoad(4, QUERIES.length * 2, 60, raw);
  await runLoad(4, QUERIES.length * 2, 60, rawStrict);
  await runLoad(4, QUERIES.length * 2, 60, graphql);
  for (const concurrency of [1, 16]) {
    const results: Record<string, number[]> = { raw: [], graphql: [] };
    let errors = 0;
    // Alternate halves so that drift on the machine affects both sides alike.
    for (let half = 0; half < 2; half++) {
      for (const [name, task] of [["raw", raw], ["graphql", graphql]] as const) {
        const r = await runLoad(concurrency, Math.ceil(REQUESTS / 2), SECONDS / 2, task);
        results[name]!.push(...r.latencies);
        errors += r.errors;
      }
    }
    for (const name of ["raw", "graphql"] as const) {
      const sorted = results[name]!.sort((a, b) => a - b);
      for (const p of [50, 95, 99]) metric(`search.${name}.c${concurrency}.p${p}`, percentile(sorted, p), "ms", { requests: sorted.length });
    }
    const ratio = percentile(results.graphql!, 95) / percentile(results.raw!, 95);
    metric(`search.graphql_vs_raw.c${concurrency}.p95_ratio`, ratio, "x", { target: "≤ 1.5" });
    metric(`search.errors.c${concurrency}`, errors, "requests");
  }
  const strict = await runLoad(1, REQUESTS, SECONDS, rawStrict);
  for (const p of [50, 95, 99]) metric(`search.raw_strict_only.c1.p${p}`, percentile(strict.latencies, p), "ms", { requests: strict.latencies.length });

  // --- SQL statements per search page ------------------------------------------------------------
  let statements = 0;
  const connection = orm.em.getConnection();
  const execute = connection.execute.bind(connection);
  connection.execute = ((...args: Parameters<typeof execute>) => {
    statements++;
    return execute(...args);
  }) as typeof connection.execute;
  const sizes = [10, 20, 50, 100];
  let most = 0;
  for (const first of sizes) {
    const em = orm.em.fork();
    const service = new SearchService(index, new CaseService(em));
    statements = 0;
    const result = await service.search(searchArgsSchema.parse({ query: "申請", first }), em);
    most = Math.max(most, statements);
    metric(`search.sql_statements.page${first}`, statements, "statements", { hits: result.hits.length });
  }
  connection.execute = execute;
  metric("search.sql_statements.max", most, "statements", { target: "≤ 3", pageSizes: sizes });

  // --- freshness: publish → searchable through the running server's worker ------------------------
  const fresh: number[] = [];
  for (let i = 0; i < FRESHNESS_SAMPLES; i++) {
    const token = `鮮度${suffix}x${i}`;
    const record = interchangeCaseSchema.parse({ ...generateCase(CASES + i, 4242), title: `${token} の公開事例` });
    const start = performance.now();
    await importCases(orm.em.fork(), [record]);
    for (;;) {
      const res = await postJson(`${meiliUrl}/indexes/${indexUid}/search`, { q: token, limit: 1, locales: ["jpn"], attributesToRetrieve: ["id"] }, auth);
      const body = res.body as { hits: unknown[] };
      if (body.hits.length) break;
      if (performance.now() - start > 30_000) throw new Error("a published case was not searchable within 30 s");
      await new Promise((r) => setTimeout(r, 5));
    }
    fresh.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 100));
  }
  fresh.sort((a, b) => a - b);
  metric("freshness.p50", percentile(fresh, 50), "ms", { samples: fresh.length });
  metric("freshness.p95", percentile(fresh, 95), "ms", { samples: fresh.length, target: "≤ 1000" });

  // --- memory --------------------------------------------------------------------------------------
  const serverMemory = server.child.pid ? memoryOf(server.child.pid) : undefined;
  if (serverMemory) {
    metric("memory.server.rss", serverMemory.rss, "MiB");
    metric("memory.server.peak", serverMemory.peak, "MiB");
  }
  const meiliMemory = meiliPid ? memoryOf(meiliPid) : undefined;
  if (meiliMemory) {
    metric("memory.meilisearch.rss", meiliMemory.rss, "MiB");
    metric("memory.meilisearch.peak", meiliMemory.peak, "MiB");
  }
}

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch((error: unknown) => note(`cleanup: ${String(error)}`));
}

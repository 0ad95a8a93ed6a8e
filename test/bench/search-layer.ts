/**
 * `npm run bench:layer`: where a `searchCases` request spends its time on top of Meilisearch
 * (issue 17 item 2), on a modest corpus, in a few minutes. JSON lines on stdout, progress on stderr.
 *
 *   BENCH_CASES     cases (default 5000), spread over generated organisations as `npm run bench` does
 *   BENCH_REQUESTS  requests per mode at concurrency 1 (default 300; 16: the same count)
 *
 * The same queries and reader as bench.ts (a staff member of a mid-size 一般市, visibility filter
 * on, search-answer cache off). Each request index runs every mode back to back, so drift on the
 * shared machine touches all modes alike:
 *
 *   raw            the plan alone (runPlan: strict + relaxed multi-search, main query with its hits):
 *                  what bench.ts called raw before the 似た自治体 page was counted
 *   raw_sent       every Meilisearch request the service sends for the page, as it sends them
 *                  (runPage: with a signed-in reader and preferSimilar, the default of the GraphQL
 *                  argument and of the search page, the plan asks for counts only and the federated
 *                  page goes beside it); bench.ts's raw since
 *   service        SearchService.search in-process, as the resolver calls it (tag filter, plan,
 *                  reader's organisation, hydration SQL, hits and facets), no GraphQL, no HTTP
 *   execute        graphql-js execute of the search page's operation on the app's schema, in-process
 *                  (resolvers, type-graphql, completion), no Apollo, no HTTP, no JSON
 *   graphql        the full request over HTTP to the running server (Apollo, session, JSON)
 *   floor          `{ __typename }` over HTTP with the same cookie: HTTP + session + Apollo alone
 *
 * Inside `service`, the stages are timed by wrapping the index's and the connection's calls:
 * Meilisearch round trips (sum), SQL round trips (sum), and the rest (CPU: hits, highlights,
 * match reasons, facets). Printed, never asserted.
 */
import os from "node:os";
import { parse, execute as executeGraphql } from "graphql";
import { searchArgsSchema, type SearchArgs } from "@kb/shared";
import { createRequestContext } from "../../server/dist/app/index.js";
import { AuthService } from "../../server/dist/auth/index.js";
import { buildAppSchema } from "../../server/dist/graphql/schema.js";
import { createUser } from "../../server/dist/users/user.service.js";
import { federatedPage, readerOrganisation } from "../../server/dist/search/similar-organisations.js";
import { httpRequest, importGeneratedCases, metric, note, percentile, postJson, runLoad, SEARCH_FILTERS, SEARCH_GQL, SEARCH_WORDS, setNotePrefix, startStack } from "./lib.ts";
import { createOrganisations, generateOrganisations } from "./national.ts";

const CASES = Number(process.env.BENCH_CASES ?? 5000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? Math.min(1700, Math.max(7, Math.floor(CASES / 10))));
const stops: (() => Promise<void>)[] = [];
setNotePrefix("bench:layer");

/** As bench.ts: the words staff type, a third of them also with a filter. */
const QUERIES: SearchArgs[] = SEARCH_WORDS.flatMap((query, i) => {
  const plain = searchArgsSchema.parse({ query, first: 20 });
  return i % 3 === 0 ? [plain, searchArgsSchema.parse({ query, first: 20, filter: SEARCH_FILTERS[(i / 3) % 3] })] : [plain];
});

const load = () => Math.round(os.loadavg()[0]! * 100) / 100;

async function main(): Promise<void> {
  metric("machine.load_average", load(), "1-min", { at: "start", cpus: os.cpus().length });
  const stack = await startStack("layer", stops, { KB_SEARCH_CACHE_ENTRIES: "0" });
  const { baseUrl, orm, index, suffix } = stack;
  const organisations = generateOrganisations(ORGANISATIONS, CASES);
  const organisationIds = await createOrganisations(orm, organisations);
  const { published, searchableSeconds } = await importGeneratedCases(stack, CASES, { organisations });
  note(`${published} published cases searchable after ${Math.round(searchableSeconds)} s`);

  // The reader of bench.ts: a staff member of a mid-size 一般市.
  const cities = organisations.filter((o) => o.kind === "CITY" && o.cases > 0).sort((a, b) => a.population - b.population);
  const readerOrg = cities[Math.floor(cities.length / 2)] ?? organisations.find((o) => o.cases > 0)!;
  const email = `layer-${suffix}@example.jp`;
  const password = `layer-${suffix}-password`;
  await createUser(orm.em.fork(), { email, displayName: "ベンチ 職員", role: "STAFF", department: "情報政策課", departmentPath: ["総務部"], password, organisation: readerOrg.code });
  const login = await httpRequest(`${baseUrl}graphql`, {
    body: JSON.stringify({ query: `mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { id } }`, variables: { email, password } }),
    headers: { "content-type": "application/json", "x-kb-request": "1" },
    timeoutMs: 60_000,
  });
  const cookie = login.headers["set-cookie"]?.[0]?.split(";")[0];
  if (!cookie) throw new Error(`could not sign in: ${login.text}`);
  const token = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  const viewer = await new AuthService(orm.em.fork()).viewerForToken(token);
  if (!viewer || viewer.organisationId !== organisationIds.get(readerOrg.code)) throw new Error("the reader's session does not resolve");
  const headers = { cookie, "x-kb-request": "1" };

  // --- stage timers: wrapped once, counted only while `timing` is on (the service mode) ---------------
  const stage = { meili: 0, meiliCalls: 0, sql: 0, sqlCalls: 0 };
  let timing = false;
  const timed = <A extends unknown[], R>(fn: (...a: A) => Promise<R>, key: "meili" | "sql") =>
    async (...a: A): Promise<R> => {
      if (!timing) return fn(...a);
      const t = performance.now();
      try {
        return await fn(...a);
      } finally {
        stage[key] += performance.now() - t;
        stage[key === "meili" ? "meiliCalls" : "sqlCalls"]++;
      }
    };
  index.multiSearch = timed(index.multiSearch.bind(index), "meili");
  index.federatedSearch = timed(index.federatedSearch.bind(index), "meili");
  const connection = orm.em.getConnection();
  connection.execute = timed(connection.execute.bind(connection), "sql") as typeof connection.execute;

  const schema = await buildAppSchema();
  const document = parse(SEARCH_GQL);
  const contextOf = () => createRequestContext(orm, index, { viewer });
  const variablesOf = (args: SearchArgs) => ({ query: args.query, first: args.first, offset: 0, filter: args.filter });
  let bytes = 0;

  const modes: Record<string, (args: SearchArgs) => Promise<void>> = {
    raw: async (args) => {
      await contextOf().services.search.runPlan(args);
    },
    raw_sent: async (args) => {
      const ctx = contextOf();
      const search = ctx.services.search as unknown as Record<string, unknown>;
      const reader = args.preferSimilar ? await readerOrganisation(ctx.em, viewer) : null;
      // The service's own way of sending them, where it has one (runPage); else as search() did: plan, then page.
      if (typeof search.runPage === "function") {
        await (search.runPage as (a: SearchArgs, r: typeof reader) => Promise<unknown>).call(search, args, reader);
        return;
      }
      const { plan } = await ctx.services.search.runPlan(args);
      if (reader) await index.federatedSearch(federatedPage(plan.queries[0]!, reader, args.offset, args.first));
    },
    service: async (args) => {
      const ctx = contextOf();
      const { filter } = await ctx.services.search.canonicalTagFilter(ctx.em, args.filter);
      await ctx.services.search.search({ ...args, filter }, ctx.reads);
    },
    execute: async (args) => {
      const result = await executeGraphql({ schema, document, variableValues: variablesOf(args), contextValue: contextOf() });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
    },
    graphql: async (args) => {
      const res = await postJson(`${baseUrl}graphql`, { query: SEARCH_GQL, variables: variablesOf(args) }, headers);
      const body = res.body as { errors?: unknown };
      if (res.status !== 200 || body.errors) throw new Error(`graphql ${res.status} ${JSON.stringify(body.errors)}`);
      bytes += JSON.stringify(res.body).length;
    },
    floor: async () => {
      const res = await postJson(`${baseUrl}graphql`, { query: "{ __typename }" }, headers);
      if (res.status !== 200) throw new Error(`floor ${res.status}`);
    },
  };

  // The page's totals and facets do not depend on whether the main query also asks for its hits
  // (runPlan's countsOnly, used when the page comes from the 似た自治体 request): checked on every query.
  {
    let differences = 0;
    const service = contextOf().services.search;
    for (const args of QUERIES) {
      const full = await service.runPlan(args);
      const counts = await (service.runPlan as (a: SearchArgs, o: { countsOnly: boolean }) => ReturnType<typeof service.runPlan>)(args, { countsOnly: true });
      const view = (r: typeof full) => JSON.stringify([r.relaxed, r.strictTotal, r.results.map((x) => [x.estimatedTotalHits, x.facetDistribution])]);
      if (view(full) !== view(counts)) {
        differences++;
        note(`counts differ for ${JSON.stringify(args)}: ${view(full).slice(0, 300)} vs ${view(counts).slice(0, 300)}`);
      }
    }
    metric("layer.check.counts_only_differences", differences, "queries", { queries: QUERIES.length, target: "0" });
  }

  // Warm every path (JIT, caches of the index version, the schema's documents).
  for (const run of Object.values(modes)) for (const args of QUERIES) await run(args);

  // --- concurrency 1: every mode for request i, back to back ------------------------------------------
  const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
  const stages = { meili: [] as number[], sql: [] as number[], cpu: [] as number[], meiliCalls: 0, sqlCalls: 0 };
  bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const args = QUERIES[i % QUERIES.length]!;
    for (const [name, run] of Object.entries(modes)) {
      if (name === "service") {
        Object.assign(stage, { meili: 0, meiliCalls: 0, sql: 0, sqlCalls: 0 });
        timing = true;
      }
      const t = performance.now();
      await run(args);
      const ms = performance.now() - t;
      timing = false;
      latencies[name]!.push(ms);
      if (name === "service") {
        stages.meili.push(stage.meili);
        stages.sql.push(stage.sql);
        stages.cpu.push(ms - stage.meili - stage.sql);
        stages.meiliCalls += stage.meiliCalls;
        stages.sqlCalls += stage.sqlCalls;
      }
    }
  }
  const extra = { requests: REQUESTS, cases: published, load: load() };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  for (const [name, xs] of Object.entries(latencies)) {
    const sorted = [...xs].sort((a, b) => a - b);
    metric(`layer.${name}.c1.p50`, percentile(sorted, 50), "ms", extra);
    metric(`layer.${name}.c1.p95`, percentile(sorted, 95), "ms", extra);
    metric(`layer.${name}.c1.mean`, mean(xs), "ms", extra);
  }
  metric("layer.service.stage.meili.mean", mean(stages.meili), "ms", { callsPerSearch: stages.meiliCalls / REQUESTS, ...extra });
  metric("layer.service.stage.sql.mean", mean(stages.sql), "ms", { callsPerSearch: stages.sqlCalls / REQUESTS, ...extra });
  metric("layer.service.stage.cpu.mean", mean(stages.cpu), "ms", { note: "service time outside Meilisearch and SQL round trips", ...extra });
  const m = (name: string) => mean(latencies[name]!);
  metric("layer.breakdown.federated_page.mean", m("raw_sent") - m("raw"), "ms", { note: "raw_sent − raw: the 似た自治体 page request", ...extra });
  metric("layer.breakdown.graphql_execution.mean", m("execute") - m("service"), "ms", { note: "execute − service", ...extra });
  metric("layer.breakdown.http_apollo_json.mean", m("graphql") - m("execute"), "ms", { note: "graphql − execute", ...extra });
  metric("layer.graphql.response_bytes.mean", bytes / REQUESTS, "bytes", extra);
  const ratio = (a: string, b: string) => percentile([...latencies[a]!].sort((x, y) => x - y), 95) / percentile([...latencies[b]!].sort((x, y) => x - y), 95);
  metric("layer.graphql_vs_raw.c1.p95_ratio", ratio("graphql", "raw"), "x", { target: "≤ 1.2 (issue 17)", ...extra });
  metric("layer.graphql_vs_raw_sent.c1.p95_ratio", ratio("graphql", "raw_sent"), "x", extra);

  // --- concurrency 16: raw, raw_sent and graphql, alternated in halves ---------------------------------
  const c16: Record<string, number[]> = { raw: [], raw_sent: [], graphql: [] };
  for (let half = 0; half < 2; half++) {
    for (const name of Object.keys(c16)) {
      const r = await runLoad(16, Math.ceil(REQUESTS / 2), 60, (i) => modes[name]!(QUERIES[i % QUERIES.length]!));
      if (r.errors) note(`${name} c16: ${r.errors} errors, first ${r.firstError}`);
      c16[name]!.push(...r.latencies);
    }
  }
  const extra16 = { requests: REQUESTS, cases: published, load: load() };
  for (const [name, xs] of Object.entries(c16)) {
    xs.sort((a, b) => a - b);
    metric(`layer.${name}.c16.p50`, percentile(xs, 50), "ms", extra16);
    metric(`layer.${name}.c16.p95`, percentile(xs, 95), "ms", extra16);
  }
  metric("layer.graphql_vs_raw.c16.p95_ratio", percentile(c16.graphql!, 95) / percentile(c16.raw!, 95), "x", { target: "≤ 1.2 (issue 17)", ...extra16 });
  metric("layer.graphql_vs_raw_sent.c16.p95_ratio", percentile(c16.graphql!, 95) / percentile(c16.raw_sent!, 95), "x", extra16);
}

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch((error: unknown) => note(`cleanup: ${String(error)}`));
}

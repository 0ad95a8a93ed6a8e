/**
 * `npm run load`: a mixed workload at a fixed arrival rate against a running server, on loopback,
 * for a bounded time; the results are JSON lines on stdout ({"metric", "value", "unit", …}, as
 * `npm run bench` prints them), progress on stderr.
 *
 *   --cases N      cases to generate and import first (default 100000; LOAD_CASES)
 *   --rate R       operations started per second (default 200; LOAD_RATE)
 *   --duration S   seconds of load (default 60; LOAD_DURATION)
 *   --instances N  server processes to start on the one database and index, behind a loopback
 *                  round-robin proxy (test/support/round-robin-proxy.ts; default 1; LOAD_INSTANCES).
 *                  With N > 1 the load goes through the proxy, per request to the next instance, and
 *                  the memory and search-cache figures add up the instances.
 *   --url URL      load this running server instead of starting one (LOAD_URL). Its DATABASE_URL
 *                  must be set too: the load users are created in its database (they stay there,
 *                  each run with its own e-mail addresses and 課), and the cases read and adopted
 *                  are its own published ones. No cases are imported then.
 *   DATABASE_URL / MEILI_URL (+ MEILI_MASTER_KEY) without --url: services to use instead of fresh
 *                  embedded ones (a database and an index of this run's own are made in them).
 *
 * The mix, by operation: search 80 % (30 Japanese queries, a third of them with a facet filter,
 * pages 1–3), case reads 12 % (a published case with its detail fields, its department and its
 * 横展開 summary), submissions 4 % (a logged-in staff member saves a draft, then submits it: two
 * requests), adoptions 4 % (staff record their 課's adoption of a published case of another 課).
 *
 * Fixed arrival rate, open loop. A closed-loop tool (autocannon included: each connection sends its
 * next request when the previous answer arrives) sends less when the server stalls and measures
 * latency from when it finally sent, so a stall hides itself ("coordinated omission"). Here the
 * schedule is fixed in advance — operation i is due at t0 + i / rate — and each one is sent when it
 * is due whatever is still in flight (an agent without a socket limit, so nothing queues on our
 * side), and its latency is measured from when it was DUE, not from when it was sent. A server that
 * stalls for a second therefore shows a second of latency on every request due in that second.
 * We report the achieved rate next to the target, and how late the scheduler itself started
 * operations (if this process could not keep up, the figures say so instead of flattering the server).
 *
 * Mutations are limited per user (KB_MUTATION_RATE_PER_MINUTE, default 120): the run creates enough
 * staff users that each one stays under half of that limit, and spreads the mutations over them
 * round-robin. Each simulated client (anonymous readers, and every staff user) sends its own
 * X-Forwarded-For, as clients behind the city hall's reverse proxy would appear to the server.
 */
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import { createUser } from "../../server/dist/users/user.service.js";
import { initOrm } from "../../server/dist/db/orm.js";
import type { MikroORM } from "@mikro-orm/postgresql";
import {
  httpRequest,
  importGeneratedCases,
  memoryOf,
  metric,
  note,
  percentile,
  SEARCH_FILTERS,
  SEARCH_GQL,
  SEARCH_WORDS,
  setNotePrefix,
  startServer,
  startStack,
  TimeoutError,
} from "../bench/lib.ts";
import { startRoundRobinProxy } from "../support/round-robin-proxy.ts";

setNotePrefix("load");
const { values: flags } = parseArgs({
  options: {
    cases: { type: "string" },
    rate: { type: "string" },
    duration: { type: "string" },
    url: { type: "string" },
    instances: { type: "string" },
  },
});
const CASES = Number(flags.cases ?? process.env.LOAD_CASES ?? 100_000);
const RATE = Number(flags.rate ?? process.env.LOAD_RATE ?? 200);
const DURATION = Number(flags.duration ?? process.env.LOAD_DURATION ?? 60);
const URL_FLAG = flags.url ?? process.env.LOAD_URL;
const INSTANCES = Math.max(1, Math.floor(Number(flags.instances ?? process.env.LOAD_INSTANCES ?? 1)));
const MUTATION_LIMIT = Number(process.env.KB_MUTATION_RATE_PER_MINUTE ?? 120);
/** A request without a complete answer after this long counts as a timeout (a hung request). */
const TIMEOUT_MS = 10_000;
const MIX = { search: 0.8, case: 0.12, submission: 0.04, adoption: 0.04 } as const;
type Operation = keyof typeof MIX;
/** Mutations per operation: a submission is createCase + submitCase. */
const MUTATIONS: Record<Operation, number> = { search: 0, case: 0, submission: 2, adoption: 1 };
const stops: (() => Promise<void>)[] = [];

const CASE_GQL = `query Case($id: ID!) {
  case(id: $id) {
    id externalId kind title summary background actions results tips fiscalYear tags status version publishedAt updatedAt details
    effects { label before after unit }
    department { id name path }
    adoptionSummary { considering trial adopted declined adoptionCount }
  }
}`;
const CREATE_GQL = `mutation Create($input: CaseDraftInput!) { createCase(input: $input) { id version status } }`;
const SUBMIT_GQL = `mutation Submit($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { id version status } }`;
const ADOPT_GQL = `mutation Adopt($input: AdoptionInput!) { recordAdoption(input: $input) { id status version } }`;
const LOGIN_GQL = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { id } }`;

interface Client {
  ip: string;
  cookie?: string;
  /** Staff only: their 課's adoptions so far (one per case). */
  adopted?: number;
  index?: number;
}

/** An agent without a socket limit: an operation that is due is sent, never queued behind others. */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

class Tally {
  latencies = new Map<string, number[]>();
  errors = { non2xx: new Map<string, number>(), graphql: new Map<string, number>(), timeouts: new Map<string, number>(), network: new Map<string, number>() };
  requests = 0;

  ok(kind: string, ms: number): void {
    this.requests++;
    const list = this.latencies.get(kind) ?? [];
    list.push(ms);
    this.latencies.set(kind, list);
  }

  fail(type: keyof Tally["errors"], key: string): void {
    this.requests++;
    this.errors[type].set(key, (this.errors[type].get(key) ?? 0) + 1);
  }

  errorCount(type?: keyof Tally["errors"]): number {
    const maps = type ? [this.errors[type]] : Object.values(this.errors);
    return maps.reduce((sum, m) => sum + [...m.values()].reduce((a, b) => a + b, 0), 0);
  }
}

/**
 * One GraphQL request; records its latency (from `due`) under `kind`, or its error. Resolves with
 * the data, or undefined when it failed (the failure is counted, the operation goes no further).
 */
async function gql<T>(
  tally: Tally,
  baseUrl: string,
  kind: string,
  due: number,
  client: Client,
  query: string,
  variables: Record<string, unknown>,
): Promise<T | undefined> {
  try {
    const answer = await httpRequest(`${baseUrl}graphql`, {
      body: JSON.stringify({ query, variables }),
      agent,
      timeoutMs: TIMEOUT_MS,
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": client.ip,
        "x-kb-request": "1",
        ...(client.cookie ? { cookie: client.cookie } : {}),
      },
    });
    if (answer.status < 200 || answer.status >= 300) {
      tally.fail("non2xx", `${kind}:${answer.status}`);
      return undefined;
    }
    const body = JSON.parse(answer.text) as { data?: T; errors?: { extensions?: { code?: string } }[] };
    if (body.errors?.length) {
      tally.fail("graphql", `${kind}:${body.errors[0]!.extensions?.code ?? "?"}`);
      return undefined;
    }
    tally.ok(kind, performance.now() - due);
    const setCookie = answer.headers["set-cookie"]?.[0];
    if (setCookie) client.cookie = setCookie.split(";")[0];
    return body.data;
  } catch (error) {
    if (error instanceof TimeoutError) tally.fail("timeouts", kind);
    else tally.fail("network", `${kind}:${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return undefined;
  }
}

/** Creates `count` staff users, each in a 課 of its own (so that every case is "another 課's"), and logs them in. */
async function createStaff(orm: MikroORM, baseUrl: string, suffix: string, count: number): Promise<Client[]> {
  const staff: Client[] = [];
  for (let i = 0; i < count; i++) {
    const email = `load-${suffix}-${i}@example.jp`;
    const password = `load-${suffix}-password-${i}`;
    await createUser(orm.em.fork(), {
      email,
      displayName: `負荷試験 職員${i + 1}`,
      role: "STAFF",
      department: `負荷試験${suffix}第${i + 1}課`,
      departmentPath: ["負荷試験部"],
      password,
    });
    const client: Client = { ip: `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`, adopted: 0, index: i };
    const tally = new Tally();
    const data = await gql<{ login: { id: string } }>(tally, baseUrl, "login", performance.now(), client, LOGIN_GQL, { email, password });
    if (!data || !client.cookie) throw new Error(`could not log in ${email}: ${JSON.stringify([...tally.errors.graphql, ...tally.errors.non2xx])}`);
    staff.push(client);
  }
  return staff;
}

/** A deterministic mix: operation i's kind, spread evenly (no random clumps of mutations). */
function operationOf(i: number): Operation {
  const slot = (i * 0.6180339887) % 1; // golden-ratio sequence: evenly spread in [0, 1)
  if (slot < MIX.search) return "search";
  if (slot < MIX.search + MIX.case) return "case";
  if (slot < MIX.search + MIX.case + MIX.submission) return "submission";
  return "adoption";
}

async function main(): Promise<void> {
  metric("machine.cpus", os.cpus().length, "cores", { model: os.cpus()[0]?.model ?? "?" });
  let baseUrl: string;
  let orm: MikroORM;
  /** Each server's own URL (for /healthz: the proxy would answer for one of them only). */
  let instanceUrls: string[] = [];
  let suffix: string;
  if (URL_FLAG) {
    if (!process.env.DATABASE_URL) throw new Error("--url needs DATABASE_URL (the server's database) to create the load users");
    baseUrl = URL_FLAG.endsWith("/") ? URL_FLAG : `${URL_FLAG}/`;
    orm = await initOrm(process.env.DATABASE_URL);
    stops.push(() => orm.close(true));
    suffix = Math.random().toString(36).slice(2, 8);
    note(`loading ${baseUrl}`);
  } else {
    // Clients send their own X-Forwarded-For, as behind a reverse proxy on this host (not trusted by default).
    const stack = await startStack("load", stops, { KB_TRUST_PROXY: "loopback" });
    ({ baseUrl, orm, suffix } = stack);
    const servers = [stack.server];
    instanceUrls = [baseUrl];
    for (let i = 1; i < INSTANCES; i++) {
      const more = await startServer(stack, stops, { KB_TRUST_PROXY: "loopback" });
      servers.push(more.server);
      instanceUrls.push(more.baseUrl);
    }
    if (INSTANCES > 1) {
      const proxy = await startRoundRobinProxy(instanceUrls);
      stops.unshift(() => proxy.close());
      baseUrl = proxy.url;
      metric("load.instances", INSTANCES, "servers", { proxy: "round-robin per request, loopback" });
    }
    serverPids = servers.flatMap((s) => (s.child.pid ? [s.child.pid] : []));
    serverLog = () => servers.map((s) => s.output()).join("\n");
    note(`server${INSTANCES > 1 ? `s behind ${baseUrl}: ${instanceUrls.join(" ")}` : ` at ${baseUrl}`}; importing ${CASES} cases`);
    const { report, searchableSeconds } = await importGeneratedCases(stack, CASES);
    metric("load.cases", report.created, "cases", { searchableSeconds: Math.round(searchableSeconds) });
    // The figures are for a knowledge base *at* 100k cases, not one still digesting them: let
    // PostgreSQL analyse the new rows (autovacuum would, minutes later, in the middle of the run)
    // and Meilisearch finish its queue before the clock starts.
    const settleStart = performance.now();
    await orm.em.fork().execute("vacuum (analyze)");
    for (;;) {
      const busy = await stack.index.client.tasks.getTasks({ statuses: ["enqueued", "processing"], limit: 1 });
      if (busy.results.length === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    metric("load.settle", (performance.now() - settleStart) / 1000, "s", { note: "vacuum (analyze) and Meilisearch queue empty, before the run" });
  }

  // Published cases to read and adopt (a random sample, so reads do not all hit one page of rows).
  const published = (
    // Only cases every client may read (anonymous readers: the commons of organisations that read
    // publicly), so that a read or an adoption of a 庁内限定 case of another organisation (a national
    // data set, `npm run bench`) is not counted as an error.
    await orm.em
      .fork()
      .execute<{ id: string }[]>(
        "select id from cases where status = 'PUBLISHED' and sharing = 'COMMONS' and organisation_id in (select id from organisations where public_reading) order by random() limit 5000",
      )
  ).map((r) => r.id);
  if (!published.length) throw new Error("the server has no published case to read");

  const mutationsPerMinute = RATE * 60 * Object.entries(MIX).reduce((sum, [op, share]) => sum + share * MUTATIONS[op as Operation], 0);
  const staffCount = Math.max(4, Math.ceil(mutationsPerMinute / (MUTATION_LIMIT * 0.5)));
  const staff = await createStaff(orm, baseUrl, suffix, staffCount);
  metric("load.staff_users", staffCount, "users", { mutationsPerMinute: Math.round(mutationsPerMinute), limitPerUserPerMinute: MUTATION_LIMIT });
  const readers: Client[] = Array.from({ length: 256 }, (_, i) => ({ ip: `10.78.${Math.floor(i / 250)}.${(i % 250) + 1}` }));

  const tally = new Tally();
  let nextStaff = 0;
  const pickStaff = () => staff[nextStaff++ % staff.length]!;
  const run = async (i: number, due: number): Promise<void> => {
    const op = operationOf(i);
    if (op === "search") {
      const word = SEARCH_WORDS[i % SEARCH_WORDS.length]!;
      const filter = i % 3 === 0 ? SEARCH_FILTERS[Math.floor(i / 3) % SEARCH_FILTERS.length] : undefined;
      const page = Math.floor(i / 7) % 3; // pages 1, 2 and 3
      await gql(tally, baseUrl, "search", due, readers[i % readers.length]!, SEARCH_GQL, { query: word, first: 20, offset: page * 20, filter });
    } else if (op === "case") {
      await gql(tally, baseUrl, "case", due, readers[i % readers.length]!, CASE_GQL, { id: published[i % published.length] });
    } else if (op === "submission") {
      const user = pickStaff();
      const created = await gql<{ createCase: { id: string; version: number } }>(tally, baseUrl, "createCase", due, user, CREATE_GQL, {
        input: {
          kind: "PRACTICE",
          title: `負荷試験の投稿 ${suffix}-${i}: 庁内照会の回答集約をオンライン化`,
          summary: "庁内照会の回答をフォームで集め、集計の手間を減らしました。",
          actions: "照会ごとにフォームを作り、回答を一覧で確認できるようにしました。",
          results: "集計にかかる時間が1件あたり30分から5分になりました。",
          fiscalYear: 2025,
          tags: ["業務改善", "ペーパーレス"],
          effects: [{ label: "集計時間", before: 30, after: 5, unit: "分" }],
        },
      });
      if (!created) return;
      const submitDue = performance.now();
      await gql(tally, baseUrl, "submitCase", submitDue, user, SUBMIT_GQL, { id: created.createCase.id, version: created.createCase.version });
    } else {
      const user = pickStaff();
      // Each 課 adopts each case once: user k takes published[k], published[k + n], … in turn.
      const caseId = published[(user.index! + user.adopted! * staff.length) % published.length]!;
      user.adopted!++;
      await gql(tally, baseUrl, "adoption", due, user, ADOPT_GQL, {
        input: { caseId, status: i % 2 ? "CONSIDERING" : "TRIAL", note: "負荷試験: 自課での導入を検討しています。" },
      });
    }
  };

  // Warm-up, not measured: first connections, JIT and caches on both sides (reads only). The first
  // search after Meilisearch starts loads its Japanese dictionary, which can take longer than the
  // server's search timeout: wait until a search answers before warming up.
  const warmup = new Tally();
  for (let start = performance.now(); ; ) {
    if (await gql(warmup, baseUrl, "search", performance.now(), readers[0]!, SEARCH_GQL, { query: "窓口", first: 20, offset: 0 })) break;
    if (performance.now() - start > 120_000) throw new Error(`no search answered within 120 s: ${JSON.stringify(Object.fromEntries(warmup.errors.graphql))}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  for (let i = 0; i < 60; i++) {
    const client = readers[i % readers.length]!;
    if (i % 4 === 3) await gql(warmup, baseUrl, "case", performance.now(), client, CASE_GQL, { id: published[(i * 7919) % published.length] });
    else await gql(warmup, baseUrl, "search", performance.now(), client, SEARCH_GQL, { query: SEARCH_WORDS[(i * 7) % SEARCH_WORDS.length], first: 20, offset: 0 });
  }

  // --- the open-loop schedule ----------------------------------------------------------------------
  note(`${RATE} operations/s for ${DURATION} s`);
  const inflight = new Set<Promise<void>>();
  const operations = Math.floor(RATE * DURATION);
  const lags: number[] = [];
  let rssPeak = 0;
  const sampler = setInterval(() => {
    const m = memoryOfServers();
    if (m) rssPeak = Math.max(rssPeak, m.rss);
  }, 1000);
  const t0 = performance.now();
  for (let i = 0; i < operations; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lags.push(performance.now() - due);
    const p = run(i, due).finally(() => inflight.delete(p));
    inflight.add(p);
  }
  const sent = performance.now();
  await Promise.all(inflight);
  clearInterval(sampler);
  const elapsed = (sent - t0) / 1000 + 1 / RATE;

  // --- report ----------------------------------------------------------------------------------------
  metric("load.rate.target", RATE, "operations/s", { durationSeconds: DURATION, mix: MIX });
  metric("load.rate.achieved", operations / elapsed, "operations/s", { operations, requests: tally.requests });
  lags.sort((a, b) => a - b);
  metric("load.schedule_lag.p99", percentile(lags, 99), "ms", { note: "how late this process started operations" });
  metric("load.schedule_lag.max", lags.at(-1) ?? 0, "ms");
  const all: number[] = [];
  for (const [kind, list] of tally.latencies) {
    list.sort((a, b) => a - b);
    all.push(...list);
    for (const p of [50, 95, 99]) {
      metric(`load.${kind}.p${p}`, percentile(list, p), "ms", { requests: list.length, ...(kind === "search" && p === 95 ? { target: "≤ 100" } : {}) });
    }
  }
  all.sort((a, b) => a - b);
  for (const p of [50, 95, 99]) metric(`load.all.p${p}`, percentile(all, p), "ms", { requests: all.length });
  for (const type of ["non2xx", "graphql", "timeouts", "network"] as const) {
    metric(`load.errors.${type}`, tally.errorCount(type), "requests", { byKind: Object.fromEntries(tally.errors[type]) });
  }
  metric("load.errors.total", tally.errorCount(), "requests", { target: 0 });
  // An unexpected error is a bug, not load: show what the server logged about it.
  const unexpected = serverLog()
    .split("\n")
    .filter((line) => line.includes("unexpected error"));
  for (const line of unexpected.slice(-5)) note(`server: ${line.slice(0, 2000)}`);
  let cache: { hits: number; misses: number } | undefined;
  for (const url of instanceUrls.length ? instanceUrls : [baseUrl]) {
    const health = await httpRequest(`${url}healthz`, { timeoutMs: 5000 }).catch(() => null);
    const own = health ? (JSON.parse(health.text) as { searchCache?: { hits: number; misses: number } }).searchCache : undefined;
    if (own) cache = { hits: (cache?.hits ?? 0) + own.hits, misses: (cache?.misses ?? 0) + own.misses };
  }
  if (cache) {
    metric("load.search_cache.hit_ratio", cache.hits / Math.max(1, cache.hits + cache.misses), "ratio", {
      ...cache,
      note: "since the server started (warm-up included); answers reused while the index is unchanged",
    });
  }
  const memory = memoryOfServers();
  if (memory) {
    metric("load.server.rss", memory.rss, "MiB", INSTANCES > 1 ? { instances: INSTANCES, note: "the instances added up" } : {});
    metric("load.server.rss_peak_during_load", rssPeak, "MiB");
    metric("load.server.peak", memory.peak, "MiB", { note: "VmHWM since start, import included" });
  }
}

/** The memory of the started servers, added up (undefined with --url). */
function memoryOfServers(): { rss: number; peak: number } | undefined {
  const each = serverPids.map((pid) => memoryOf(pid));
  if (!each.length || each.some((m) => !m)) return undefined;
  return { rss: each.reduce((sum, m) => sum + m!.rss, 0), peak: each.reduce((sum, m) => sum + m!.peak, 0) };
}

/** The started server processes (none with --url). */
let serverPids: number[] = [];

/** The started server's recent output (empty with --url). */
let serverLog: () => string = () => "";

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch((error: unknown) => note(`cleanup: ${String(error)}`));
}

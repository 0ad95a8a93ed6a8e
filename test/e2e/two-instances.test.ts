import fs from "node:fs/promises";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import { interchangeCaseSchema } from "@kb/shared";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { initOrm } from "../../server/src/db/orm.js";
import { runFreshnessCheck } from "../../server/src/freshness/freshness.service.js";
import { importCases } from "../../server/src/importer/import.service.js";
import { ensureDatabase } from "../../server/src/infra/embedded-postgres.js";
import { CaseSearchIndex } from "../../server/src/search/case-search-index.js";
import { checkIndex, driftOf } from "../../server/src/search/index-check.js";
import { createUser } from "../../server/src/users/user.service.js";
import { generateCase } from "../support/case-generator.js";
import { importCsv, importMapping, importRow as importRowOf } from "../support/import-csv.js";
import { httpRequest } from "../support/http-request.js";
import { spawnNode, type Spawned } from "../support/processes.js";
import { startRoundRobinProxy, type RoundRobinProxy } from "../support/round-robin-proxy.js";
import { testEnv } from "../support/test-backend.js";

/**
 * Issue 17: two REAL server processes (`node server/dist/main.js`, started at the same moment on a
 * fresh database) on one database and one search index, behind a per-request round-robin proxy
 * (test/support/round-robin-proxy.ts) — DESIGN §10's stateless instances behind a load balancer.
 * Each check below is one piece of state that would break if it were kept in a process's memory:
 * a session, the login-failure limit, the write budget, the search outbox claim, the search-answer
 * cache and import runs. Each passes only because the two processes share it through PostgreSQL
 * (or Meilisearch's index version); a per-process copy fails it, as the comments say how.
 */
const BUDGET = 12; // KB_MUTATION_RATE_PER_MINUTE of both instances
const PUBLISHES = 40;
const REQUEST_TIMEOUT_MS = 15_000;
/** The search-answer cache reads the index version at most every 100 ms (search-result-cache.ts); allowed here with room for a busy machine. */
const STALE_BOUND_MS = 1500;

let databaseUrl: string;
let indexUid: string;
let meiliUrl: string;
let meiliKey: string;
let dataDir: string;
let orm: MikroORM;
/** Asks Meilisearch itself (no answer cache): what the index holds right now. */
let index: CaseSearchIndex;
const servers: Spawned[] = [];
const urls: string[] = [];
let proxy: RoundRobinProxy;

function report(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ metric: `two_instances.${name}`, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Client {
  ip: string;
  cookie?: string;
}

type Gql = { status: number; data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };

async function gql(baseUrl: string, client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Gql> {
  const answer = await httpRequest(`${baseUrl}graphql`, {
    body: JSON.stringify({ query, variables }),
    timeoutMs: REQUEST_TIMEOUT_MS,
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": client.ip,
      "x-kb-request": "1",
      ...(client.cookie ? { cookie: client.cookie } : {}),
    },
  });
  const setCookie = answer.headers["set-cookie"]?.[0];
  if (setCookie) {
    const pair = setCookie.split(";")[0]!;
    client.cookie = pair.endsWith("=") ? undefined : pair;
  }
  return { status: answer.status, ...(JSON.parse(answer.text) as Omit<Gql, "status">) };
}

const code = (answer: Gql) => answer.errors?.[0]?.extensions?.code;

async function ok(baseUrl: string, client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const answer = await gql(baseUrl, client, query, variables);
  if (answer.errors?.length || !answer.data) throw new Error(`${query.slice(0, 60)}: ${answer.status} ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`;
const ME = `{ me { id } }`;
const CREATE = `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`;
const PUBLISH = `mutation ($id: ID!) { reviewCase(id: $id, input: { decision: PUBLISH }) { id status } }`;
const SEARCH = `query ($q: String!) { searchCases(query: $q, first: 10) { total hits { case { id } } } }`;
const draft = (title: string) => ({ input: { kind: "PRACTICE", title, summary: "概要。", actions: "取組。", results: "成果。", fiscalYear: 2025 } });

let userSequence = 0;
async function newUser(role: "STAFF" | "SECRETARIAT" | "ADMIN", loginVia: string): Promise<Client & { id: string; email: string; password: string }> {
  const n = ++userSequence;
  const email = `two-${n}@example.jp`;
  const password = `two-instances-password-${n}`;
  const user = await createUser(orm.em.fork(), { email, displayName: `二台試験 ${n}`, role, department: `二台試験第${n}課`, password });
  const client: Client = { ip: `10.66.0.${n}` };
  await ok(loginVia, client, LOGIN, { e: email, p: password });
  return { ...client, id: user.id, email, password };
}

/** Cases in SUBMITTED (not in the index yet), written directly; their import's outbox rows drained. */
async function submittedCases(count: number, seed: number, title?: (i: number) => string): Promise<string[]> {
  const records = Array.from({ length: count }, (_, i) => {
    const c = generateCase(i, seed);
    return interchangeCaseSchema.parse({ ...c, externalId: `two-${seed}-${i}`, status: "SUBMITTED", ...(title ? { title: title(i) } : {}) });
  });
  await importCases(orm.em.fork(), records);
  await waitOutboxDrained();
  const rows = await orm.em.fork().execute<{ id: string }[]>("select id from cases where external_id like ? order by external_id", [`two-${seed}-%`]);
  return rows.map((r) => r.id);
}

async function waitOutboxDrained(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
    if (Number(row!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`search outbox still has ${row!.n} rows after ${timeoutMs} ms`);
    await sleep(100);
  }
}

function startServer(): Spawned {
  return spawnNode("server/dist/main.js", [], {
    DATABASE_URL: databaseUrl,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: meiliKey,
    KB_SEARCH_INDEX: indexUid,
    KB_SEED: "false",
    KB_DEMO_ACCOUNTS: "false",
    KB_MUTATION_RATE_PER_MINUTE: String(BUDGET),
    KB_SEARCH_COUNTS_WINDOW_MS: "1000",
    // The proxy appends its client (loopback) to the X-Forwarded-For the test sends, as a balancer would.
    KB_TRUST_PROXY: "loopback",
    KB_DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
  });
}

beforeAll(async () => {
  const env = testEnv();
  const adminUrl = new URL(inject("databaseAdminUrl"));
  adminUrl.pathname = "/postgres";
  await ensureDatabase(adminUrl.toString(), env.database);
  databaseUrl = env.env.DATABASE_URL!;
  indexUid = env.env.KB_SEARCH_INDEX!;
  meiliUrl = env.env.MEILI_URL!;
  meiliKey = env.env.MEILI_MASTER_KEY!;
  await fs.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
  dataDir = await fs.mkdtemp(path.join(REPO_ROOT, ".data", "two-instances-"));

  // Both at once, on an empty database: they take turns to migrate and create the index (db/startup-lock.ts).
  servers.push(startServer(), startServer());
  for (const server of servers) {
    urls.push((await server.waitForOutput(/is running: (http:\/\/localhost:\d+\/)/, 120_000))[1]!.replace("localhost", "127.0.0.1"));
  }
  proxy = await startRoundRobinProxy(urls);
  orm = await initOrm(databaseUrl);
  index = CaseSearchIndex.connect(meiliUrl, meiliKey, indexUid, { resultCacheEntries: 0 });
  // The first search after Meilisearch opens an index loads its Japanese dictionary: wait for one.
  for (const deadline = Date.now() + 120_000; ; await sleep(200)) {
    if ((await gql(proxy.url, { ip: "10.66.9.9" }, SEARCH, { q: "窓口" })).data) break;
    if (Date.now() > deadline) throw new Error("no search answered within 120 s");
  }
}, 240_000);

afterEach((context) => {
  if (context.task.result?.state === "fail") {
    servers.forEach((s, i) => process.stderr.write(`--- server ${i + 1} output ---\n${s.output().slice(-4000)}\n`));
  }
});

afterAll(async () => {
  await proxy?.close().catch(() => {});
  for (const server of servers) {
    if (server.child.exitCode === null && !server.child.signalCode) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }
  await orm?.close(true).catch(() => {});
  await index?.client.deleteIndex(indexUid).waitTask().catch(() => {});
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe("two server instances behind a round-robin proxy", () => {
  it("started together on an empty database, both serve (one migrated, the other found it done)", async () => {
    const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from mikro_orm_migrations");
    expect(Number(row!.n)).toBeGreaterThan(0);
    for (const url of urls) expect((await httpRequest(`${url}healthz`, { timeoutMs: 5000 })).status).toBe(200);
  });

  it("a session made on instance 1 works on instance 2 and through the proxy; logout on 2 ends it on both", async () => {
    // Per-process sessions: instance 2 would not know the token, and `me` would be null there.
    const user = await newUser("STAFF", urls[0]!);
    expect((await ok(urls[1]!, user, ME)).me).toEqual({ id: user.id });
    const before = new Map(proxy.served);
    for (let i = 0; i < 6; i++) expect((await ok(proxy.url, user, ME)).me).toEqual({ id: user.id });
    // The proxy spread those requests over both instances (no stickiness).
    for (const url of urls) expect(proxy.served.get(url)! - before.get(url)!).toBe(3);

    const copy: Client = { ip: user.ip, cookie: user.cookie };
    expect((await ok(urls[1]!, user, `mutation { logout }`)).logout).toBe(true);
    for (const url of urls) expect((await ok(url, copy, ME)).me, url).toBeNull();
  });

  it("the login-failure limit holds across the pair: five failures in all, not five per instance", async () => {
    // Per-process counters would let each instance see only 3 or 2 failures and accept the right password.
    const user = await newUser("STAFF", urls[0]!);
    const attempt = (i: number, password: string) => gql(urls[i % 2]!, { ip: `10.66.1.${i + 1}` }, LOGIN, { e: user.email, p: password });
    for (let i = 0; i < 5; i++) expect(code(await attempt(i, "wrong password")), `failure ${i + 1}`).toBe("UNAUTHENTICATED");
    expect(code(await attempt(5, user.password))).toBe("RATE_LIMITED");
    expect(code(await attempt(6, user.password))).toBe("RATE_LIMITED");
    report("login_failures_allowed", 5, "failures", { perAccountLimit: 5, instances: 2 });
  });

  it("the write budget (KB_MUTATION_RATE_PER_MINUTE) is one for the pair, not one per instance", async () => {
    // Per-process counters: each instance would have seen BUDGET / 2 writes and allowed BUDGET more.
    const user = await newUser("STAFF", urls[0]!);
    for (let i = 0; i < BUDGET; i++) expect(code(await gql(urls[i % 2]!, user, CREATE, draft(`二台 予算 ${i}`))), `write ${i + 1}`).toBeUndefined();
    for (const url of urls) {
      const refused = await gql(url, user, CREATE, draft("二台 予算 超過"));
      expect(refused.status).toBe(429);
      expect(code(refused)).toBe("RATE_LIMITED");
    }
    const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where title like '二台 予算 %'");
    expect(Number(row!.n)).toBe(BUDGET);
    report("writes_allowed_per_minute", BUDGET, "writes", { budget: BUDGET, instances: 2 });
  });

  it("both outbox workers running: publishes through alternating instances index every case exactly once, index == database", { timeout: 120_000 }, async () => {
    // Both workers LISTEN (each is woken by every publish's NOTIFY and races the other for the rows).
    const [listening] = await orm.em
      .fork()
      .execute<{ n: string }[]>("select count(*) as n from pg_stat_activity where query ilike 'listen kb_search_outbox%' and datname = current_database()");
    expect(Number(listening!.n)).toBe(2);
    const ids = await submittedCases(PUBLISHES, 71);
    const curators = await Promise.all([0, 1, 2, 3, 4].map(() => newUser("SECRETARIAT", urls[1]!)));
    const [mark] = (await index.client.tasks.getTasks({ indexUids: [indexUid], limit: 1 })).results;
    const [{ max: outboxMark } = { max: "0" }] = await orm.em.fork().execute<{ max: string | null }[]>("select coalesce(max(id), 0) as max from search_outbox");

    // In bursts of four at once, alternating instances (through the proxy: it alternates per request).
    for (let start = 0; start < ids.length; start += 4) {
      await Promise.all(
        ids.slice(start, start + 4).map(async (id, j) => {
          const data = await ok(proxy.url, curators[(start + j) % curators.length]!, PUBLISH, { id });
          expect(data.reviewCase).toEqual({ id, status: "PUBLISHED" });
        }),
      );
    }
    await waitOutboxDrained();

    // One outbox row per publish, each processed.
    const rows = await orm.em.fork().execute<{ case_id: string }[]>("select case_id from search_outbox where id > ?", [outboxMark]);
    expect(rows.map((r) => r.case_id).sort()).toEqual([...ids].sort());
    // Exactly once: Meilisearch received each published case in one document addition, not two (two
    // workers claiming the same rows — no FOR UPDATE SKIP LOCKED — would send both).
    const tasks = (
      await index.client.tasks.getTasks({ indexUids: [indexUid], types: ["documentAdditionOrUpdate"], statuses: ["succeeded"], limit: 1000 })
    ).results.filter((t) => t.uid > (mark?.uid ?? -1));
    const received = tasks.reduce((sum, t) => sum + Number((t.details as { receivedDocuments?: number } | undefined)?.receivedDocuments ?? 0), 0);
    expect(received).toBe(PUBLISHES);
    const check = await checkIndex(orm, index);
    expect({ missing: check.missing, extra: check.extra, stale: check.stale, pending: check.pending }).toEqual({ missing: [], extra: [], stale: [], pending: 0 });
    expect(driftOf(check)).toBe(0);
    report("outbox.documents_sent", received, "documents", { publishes: PUBLISHES, tasks: tasks.length, indexed: check.indexed });
  });

  it("a publish through one instance is found by searches on both within the cache's bound (no stale answer kept)", async () => {
    // A made-up ASCII word: no other case matches it, whatever the Japanese tokenizer does.
    const word = "zqtwoinstances";
    const [id] = await submittedCases(1, 72, () => `${word} 窓口の受付を一本化`);
    const curator = await newUser("SECRETARIAT", urls[0]!);
    const reader: Client = { ip: "10.66.2.1" };
    const total = async (url: string) => ((await ok(url, reader, SEARCH, { q: word })).searchCases as { total: number }).total;
    // Both instances cache the answer "nothing" (asked twice: the second is a cache hit).
    for (const url of urls) {
      expect(await total(url)).toBe(0);
      const hitsBefore = (JSON.parse((await httpRequest(`${url}healthz`)).text) as { searchCache: { hits: number } }).searchCache.hits;
      expect(await total(url)).toBe(0);
      const hitsAfter = (JSON.parse((await httpRequest(`${url}healthz`)).text) as { searchCache: { hits: number } }).searchCache.hits;
      expect(hitsAfter, "the second identical search was answered from the cache").toBeGreaterThan(hitsBefore);
    }

    await ok(urls[0]!, curator, PUBLISH, { id });
    // When Meilisearch itself has it: one worker indexed it, the other instance only sees the index
    // version move. Per-process invalidation alone would leave that one answering 0 for ever.
    for (const deadline = Date.now() + 30_000; ; await sleep(20)) {
      const found = await index.client.index(indexUid).search(word, { limit: 1 }).catch(() => null);
      if (found?.estimatedTotalHits) break;
      if (Date.now() > deadline) throw new Error("the publish never reached Meilisearch");
    }
    const indexedAt = performance.now();
    for (const [i, url] of urls.entries()) {
      for (;;) {
        if ((await total(url)) === 1) break;
        expect(performance.now() - indexedAt, `instance ${i + 1} still answers from before the publish`).toBeLessThan(STALE_BOUND_MS);
        await sleep(10);
      }
      report(`search.fresh_after_index.instance${i + 1}`, performance.now() - indexedAt, "ms", { bound: STALE_BOUND_MS, versionTtlMs: 100 });
    }
  });

  it("the 鮮度確認 check, run by two instances at once, notifies each due case once", async () => {
    // Every instance's FreshnessJob runs the check (6-hourly, not waited for here): two pools of
    // their own stand in for two processes. Without the advisory lock both would read the same due
    // cases and notify each twice.
    await importCases(
      orm.em.fork(),
      Array.from({ length: 30 }, (_, i) => interchangeCaseSchema.parse({ ...generateCase(i, 74), externalId: `two-74-${i}`, status: "PUBLISHED" })),
    );
    await orm.em.fork().execute("update cases set published_at = published_at - interval '3 years' where status = 'PUBLISHED'");
    const due = (await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where status = 'PUBLISHED'"))[0]!.n;
    const other = await initOrm(databaseUrl);
    try {
      const reports = await Promise.all([orm, other, orm, other].map((o) => runFreshnessCheck(o, { batchSize: 5 })));
      const notified = reports.flatMap((r) => r.notified);
      expect(Number(due)).toBeGreaterThanOrEqual(30);
      expect(notified.length).toBe(Number(due));
      expect(new Set(notified).size).toBe(notified.length);
      report("freshness.notified_once", notified.length, "cases", { runs: reports.length, skipped: reports.filter((r) => r.skipped).length });
    } finally {
      await other.close(true);
    }
  });

  it("an import started on instance 1 is visible with its progress on instance 2; instance 1 killed mid-import, instance 2 reports it FAILED", { timeout: 180_000 }, async () => {
    const admin = await newUser("ADMIN", urls[0]!);
    const total = 3000;
    const csv = importCsv(Array.from({ length: total }, (_, i) => importRow(i)));
    const form = new FormData();
    form.set("mapping", MAPPING);
    form.set("status", "PUBLISHED");
    form.set("file", new Blob([csv], { type: "text/csv" }), "two-instances.csv");
    const uploaded = await fetch(`${urls[0]}api/imports`, { method: "POST", headers: headersOf(admin), body: form });
    const run = (await uploaded.json()) as ImportRun;
    expect(uploaded.status, JSON.stringify(run).slice(0, 500)).toBe(201);
    // Planned on 1, seen on 2 (per-process runs: 404 there).
    expect(await importRun(urls[1]!, admin, run.id)).toMatchObject({ id: run.id, state: "PLANNED", total });

    const started = await httpRequest(`${urls[0]}api/imports/${run.id}/start`, { method: "POST", headers: headersOf(admin), timeoutMs: REQUEST_TIMEOUT_MS });
    expect(started.status, started.text.slice(0, 300)).toBeLessThan(300);
    // Its progress, written by instance 1, read on instance 2.
    let seen: ImportRun;
    for (const deadline = Date.now() + 60_000; ; await sleep(10)) {
      seen = await importRun(urls[1]!, admin, run.id);
      if (seen.state !== "RUNNING") throw new Error(`the import ended before instance 1 could be killed: ${JSON.stringify(seen).slice(0, 300)}`);
      if (seen.phase === "write" && seen.done > 0) break;
      if (Date.now() > deadline) throw new Error("no progress within 60 s");
    }
    report("import.progress_seen_on_instance2", seen.done, "rows", { total });

    servers[0]!.child.kill("SIGKILL");
    await servers[0]!.exited;
    proxy.remove(urls[0]!); // what the balancer's health check would do
    // Instance 2 knows at once: the runner was on this host and its process is gone (import-run.service.ts).
    expect(await importRun(urls[1]!, admin, run.id)).toMatchObject({ state: "FAILED" });
    expect(await importRun(proxy.url, admin, run.id)).toMatchObject({ state: "FAILED" });
    const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where external_id like 'two-import-%'");
    expect(Number(row!.n)).toBe(0); // all or nothing: the killed transaction left nothing
    // The proxy goes on with the instance that is left.
    expect((await ok(proxy.url, admin, ME)).me).toEqual({ id: admin.id });
  });
});

// --- the admin import, as in test/fault/server-faults.test.ts ----------------------------------------

interface ImportRun {
  id: string;
  state: string;
  phase: string;
  done: number;
  total: number;
}

const headersOf = (client: Client) => ({ cookie: client.cookie ?? "", "x-kb-request": "1", "x-forwarded-for": client.ip });

async function importRun(baseUrl: string, client: Client, id: string): Promise<ImportRun> {
  const answer = await httpRequest(`${baseUrl}api/imports/${id}`, { headers: headersOf(client), timeoutMs: REQUEST_TIMEOUT_MS });
  if (answer.status !== 200) throw new Error(`GET import ${id} on ${baseUrl}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return JSON.parse(answer.text) as ImportRun;
}

const MAPPING = importMapping("two-import-");
const importRow = (i: number) => importRowOf(i, { seed: 73, offset: 20000, titleMark: "二台取込" });

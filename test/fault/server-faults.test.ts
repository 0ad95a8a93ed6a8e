import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import { interchangeCaseSchema } from "@kb/shared";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { initOrm } from "../../server/src/db/orm.js";
import { importCases } from "../../server/src/importer/import.service.js";
import { startEmbeddedMeilisearch, type RunningMeilisearch } from "../../server/src/infra/embedded-meilisearch.js";
import { startEmbeddedPostgres, type RunningPostgres } from "../../server/src/infra/embedded-postgres.js";
import { getFreePort } from "../../server/src/infra/process-utils.js";
import { createLogger } from "../../server/src/logger.js";
import { CaseSearchIndex } from "../../server/src/search/case-search-index.js";
import { checkIndex, driftOf } from "../../server/src/search/index-check.js";
import { createUser } from "../../server/src/users/user.service.js";
import { generateCase } from "../support/case-generator.js";
import { httpRequest, TimeoutError } from "../support/http-request.js";
import { importCsv, importMapping, importRow as importRowOf } from "../support/import-csv.js";
import { spawnNode, type Spawned } from "../support/processes.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

/**
 * Faults under a REAL server process (`node server/dist/main.js`, as `npm start` runs it) whose
 * PostgreSQL and Meilisearch belong to this test: (a) Meilisearch is SIGKILLed mid-load and started
 * again, (b) PostgreSQL stops (fast shutdown) mid-load and starts again on the same port, (c) the
 * server is `kill -9`ed in the middle of an admin import (the import an operator runs against a
 * running server) and started again, and the import is run again.
 *
 * Then: the server recovered by itself in (a) and (b) — same process, /healthz 200 again, searches
 * answer and writes succeed; every write acknowledged is in the database exactly once; the index
 * equals the database by id and document hash (checkIndex); the import counts add up. Errors while
 * a service is down are allowed, but each must be a clean answer (a 503 or a coded GraphQL error),
 * never a hung request. The figures are printed as JSON lines ({"metric", "value", "unit"}).
 */
const logger = createLogger(process.env.LOG_LEVEL ?? "error");
const INDEX = "cases";
const REQUEST_TIMEOUT_MS = 15_000;
const SEED_CASES = 400;

let dataDir: string;
let pgPort: number;
let pg: RunningPostgres | undefined;
let meili: RunningMeilisearch | undefined;
let proxy: TcpProxy;
let databaseUrl: string;
let meiliKey: string;
let orm: MikroORM;
let index: CaseSearchIndex;
let server: Spawned | undefined;
let baseUrl: string;
const staff: Session[] = [];
/** Adoptions recorded so far by the write lanes of every scenario. */
let adoptions = 0;
let admin: Session;

interface Session {
  ip: string;
  cookie?: string;
  department?: string;
}

function report(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ metric: `fault.${name}`, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServer(): Promise<void> {
  server = spawnNode("server/dist/main.js", [], {
    DATABASE_URL: databaseUrl,
    MEILI_URL: proxy.url,
    MEILI_MASTER_KEY: meiliKey,
    KB_SEARCH_INDEX: INDEX,
    // Adoption counts reach the index once per window (30 s by default): a short one keeps the
    // "index == database" checks from waiting out the default.
    KB_SEARCH_COUNTS_WINDOW_MS: "3000",
    KB_SEED: "false",
    KB_DEMO_ACCOUNTS: "false",
    // Sessions send their own X-Forwarded-For, as behind a reverse proxy on this host.
    KB_TRUST_PROXY: "loopback",
    KB_DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
  });
  baseUrl = (await server.waitForOutput(/is running: (http:\/\/localhost:\d+\/)/, 120_000))[1]!.replace("localhost", "127.0.0.1");
}

async function stopServer(): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode) return;
  server.child.kill("SIGTERM");
  await server.exited;
}

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; kind: "coded" | "503" | "hung" | "refused" | "other"; detail: string };

async function gql(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  try {
    const answer = await httpRequest(`${baseUrl}graphql`, {
      body: JSON.stringify({ query, variables }),
      timeoutMs: REQUEST_TIMEOUT_MS,
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": session.ip,
        "x-kb-request": "1",
        ...(session.cookie ? { cookie: session.cookie } : {}),
      },
    });
    const setCookie = answer.headers["set-cookie"]?.[0];
    if (setCookie) session.cookie = setCookie.split(";")[0];
    let body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = undefined;
    }
    if (answer.status === 200 && body?.data && !body.errors?.length) return { ok: true, data: body.data };
    const code = body?.errors?.[0]?.extensions?.code;
    if (code) return { ok: false, kind: "coded", detail: `${answer.status} ${code}` };
    if (answer.status === 503) return { ok: false, kind: "503", detail: answer.text.slice(0, 200) };
    return { ok: false, kind: "other", detail: `${answer.status} ${answer.text.slice(0, 200)}` };
  } catch (error) {
    if (error instanceof TimeoutError) return { ok: false, kind: "hung", detail: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, kind: code === "ECONNREFUSED" || code === "ECONNRESET" ? "refused" : "other", detail: String(code ?? error) };
  }
}

async function healthStatus(): Promise<number> {
  try {
    return (await httpRequest(`${baseUrl}healthz`, { timeoutMs: 5000 })).status;
  } catch {
    return 0;
  }
}

/**
 * Polls a search until it answers. Meilisearch loads its Japanese dictionary on the first search
 * after a start, which can take longer than the server's search timeout on a busy machine.
 */
async function waitSearchAnswers(timeoutMs = 120_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    const answer = await gql({ ip: "10.88.9.9" }, SEARCH, { q: "窓口", offset: 0 });
    if (answer.ok) return performance.now() - start;
    if (performance.now() - start > timeoutMs) throw new Error(`no search answered within ${timeoutMs} ms: ${answer.detail}`);
    await sleep(100);
  }
}

/** Polls /healthz until it answers 200; returns the milliseconds it took. */
async function waitHealthy(timeoutMs = 120_000): Promise<number> {
  const start = performance.now();
  while ((await healthStatus()) !== 200) {
    if (performance.now() - start > timeoutMs) throw new Error(`/healthz not 200 after ${timeoutMs} ms:\n${server?.output().slice(-3000)}`);
    await sleep(100);
  }
  return performance.now() - start;
}

const SEARCH = `query ($q: String!, $offset: Int!) { searchCases(query: $q, first: 10, offset: $offset) { total hits { case { id title } } } }`;
const CREATE = `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`;
const SUBMIT = `mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { id status } }`;
const ADOPT = `mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id } }`;
const WORDS = ["児童手当", "kintone", "窓口", "生成AI", "研修", "補助金", "防災訓練", "議事録", ""];

interface Outcome {
  at: number;
  kind: string;
  answer: Answer;
}

/**
 * Searches (two lanes) and writes (one lane: a draft saved then submitted, or an adoption recorded)
 * until stopped. Every write acknowledged is remembered, and so is every write attempted, so that
 * afterwards the database can be checked for each of them.
 */
function startTraffic(label: string) {
  const outcomes: Outcome[] = [];
  const acked = { drafts: new Map<string, string>(), submitted: new Set<string>(), adoptions: new Map<string, string>() };
  const attemptedTitles: string[] = [];
  let running = true;
  let n = 0;
  const record = (kind: string, answer: Answer) => outcomes.push({ at: performance.now(), kind, answer });
  const searchLane = async (lane: number) => {
    for (let i = 0; running; i++) {
      const answer = await gql({ ip: `10.88.0.${lane + 1}` }, SEARCH, { q: WORDS[(i + lane) % WORDS.length], offset: (i % 3) * 10 });
      record("search", answer);
      await sleep(30);
    }
  };
  const writeLane = async () => {
    const published = (await orm.em.fork().execute<{ id: string }[]>("select id from cases where status = 'PUBLISHED' order by external_id")).map((r) => r.id);
    while (running) {
      const i = n++;
      const user = staff[i % staff.length]!;
      if (i % 2 === 0) {
        const title = `障害試験 ${label}-${i}: 窓口の予約受付をオンライン化`;
        attemptedTitles.push(title);
        const created = await gql(user, CREATE, {
          input: {
            kind: "PRACTICE",
            title,
            summary: "来庁予約をフォームで受け付けるようにしました。",
            actions: "予約フォームを作り、受付の一覧を窓口で共有しました。",
            results: "待ち時間が平均20分から5分になりました。",
            fiscalYear: 2025,
            tags: ["窓口DX"],
            effects: [{ label: "待ち時間", before: 20, after: 5, unit: "分" }],
          },
        });
        record("createCase", created);
        if (created.ok) {
          const c = created.data.createCase as { id: string; version: number };
          acked.drafts.set(c.id, title);
          const submitted = await gql(user, SUBMIT, { id: c.id, version: c.version });
          record("submitCase", submitted);
          if (submitted.ok) acked.submitted.add(c.id);
        }
      } else {
        // Each 課 adopts each case at most once, across scenarios: adoption g is user g mod n's, of case g.
        const g = adoptions++;
        const adopter = staff[g % staff.length]!;
        const caseId = published[g % published.length]!;
        const adopted = await gql(adopter, ADOPT, { input: { caseId, status: "CONSIDERING", note: `障害試験 ${label}` } });
        record("adoption", adopted);
        if (adopted.ok) acked.adoptions.set((adopted.data.recordAdoption as { id: string }).id, caseId);
      }
      // About 6 writes/s over 12 users: each stays far under the per-user mutation limit (120/min).
      await sleep(150);
    }
  };
  const lanes = Promise.all([searchLane(0), searchLane(1), writeLane()]);
  return {
    outcomes,
    acked,
    attemptedTitles,
    async stop() {
      running = false;
      await lanes;
    },
  };
}

/** What the traffic saw before, during and after the fault window [from, to]. */
function summarize(outcomes: Outcome[], from: number, to: number) {
  const before = outcomes.filter((o) => o.at < from);
  const during = outcomes.filter((o) => o.at >= from && o.at <= to);
  const after = outcomes.filter((o) => o.at > to);
  const failures = (list: Outcome[]) => list.filter((o) => !o.answer.ok);
  const byKind: Record<string, number> = {};
  for (const o of failures(during)) {
    const key = o.answer.ok ? o.kind : `${o.kind}:${o.answer.kind === "coded" ? o.answer.detail.split(" ")[1] : o.answer.kind}`;
    byKind[key] = (byKind[key] ?? 0) + 1;
  }
  return {
    before: { requests: before.length, errors: failures(before) },
    during: { requests: during.length, errors: failures(during), byKind },
    after: { requests: after.length, errors: failures(after), ok: after.filter((o) => o.answer.ok) },
  };
}

async function waitOutboxDrained(timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
    if (Number(row!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`search outbox still has ${row!.n} rows after ${timeoutMs} ms:\n${server?.output().slice(-3000)}`);
    await sleep(200);
  }
}

/** The index equals the database (ids and document hashes), once the running server's worker has caught up. */
async function expectIndexEqualsDatabase(scenario: string): Promise<void> {
  await waitOutboxDrained();
  const check = await checkIndex(orm, index);
  expect({ missing: check.missing, extra: check.extra, stale: check.stale, pending: check.pending }).toEqual({ missing: [], extra: [], stale: [], pending: 0 });
  expect(driftOf(check)).toBe(0);
  const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where status = 'PUBLISHED'");
  expect(check.indexed).toBe(Number(row!.n));
  report(`${scenario}.index_checked`, check.indexed, "documents", { missing: 0, extra: 0, stale: 0 });
}

/** Every acknowledged write is in the database exactly once; no attempted one is there twice. */
async function expectWritesKept(scenario: string, traffic: ReturnType<typeof startTraffic>): Promise<void> {
  const em = orm.em.fork();
  const titles = await em.execute<{ id: string; title: string; status: string }[]>("select id, title, status from cases where title in (?)", [
    traffic.attemptedTitles,
  ]);
  const byTitle = new Map<string, { id: string; status: string }[]>();
  for (const r of titles) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), { id: r.id, status: r.status }]);
  for (const title of traffic.attemptedTitles) expect(byTitle.get(title)?.length ?? 0, title).toBeLessThanOrEqual(1);
  for (const [id, title] of traffic.acked.drafts) {
    expect(byTitle.get(title), title).toEqual([{ id, status: traffic.acked.submitted.has(id) ? "SUBMITTED" : expect.stringMatching(/^(DRAFT|SUBMITTED)$/) }]);
  }
  const adoptionIds = [...traffic.acked.adoptions.keys()];
  if (adoptionIds.length) {
    const rows = await em.execute<{ id: string; case_id: string }[]>("select id, case_id from adoptions where id in (?)", [adoptionIds]);
    expect(new Map(rows.map((r) => [r.id, r.case_id]))).toEqual(traffic.acked.adoptions);
  }
  const [dup] = await em.execute<{ n: string }[]>(
    "select count(*) as n from (select case_id, department_id from adoptions group by 1, 2 having count(*) > 1) d",
  );
  expect(Number(dup!.n)).toBe(0);
  report(`${scenario}.writes_acknowledged`, traffic.acked.drafts.size + traffic.acked.adoptions.size, "writes", {
    drafts: traffic.acked.drafts.size,
    submitted: traffic.acked.submitted.size,
    adoptions: traffic.acked.adoptions.size,
    attemptedDrafts: traffic.attemptedTitles.length,
    inDatabaseOnce: true,
  });
}

/** Runs traffic, injects a fault, heals it, and checks recovery; returns nothing, asserts everything. */
async function faultUnderLoad(
  scenario: string,
  inject: () => Promise<void>,
  heal: () => Promise<void>,
  downMs: number,
  /** The codes a request may get while the service is down: it names the outage, never "unexpected". */
  allowedCodes: string[],
): Promise<void> {
  const pid = server!.child.pid;
  const traffic = startTraffic(scenario);
  await sleep(2500);
  const from = performance.now();
  await inject();
  await sleep(downMs);
  await heal();
  const recoveryMs = await waitHealthy();
  const searchRecoveryMs = recoveryMs + (await waitSearchAnswers());
  // Requests already on their way when searches answered again may still fail: "after" starts a second later.
  const to = performance.now() + 1000;
  await sleep(4000);
  await traffic.stop();
  const seen = summarize(traffic.outcomes, from, to);

  // The same process recovered by itself.
  expect(server!.child.pid).toBe(pid);
  expect(server!.child.exitCode).toBeNull();
  expect(seen.before.errors, `fault at ${from}`).toEqual([]);
  // Errors in the window are clean answers, never a hung request.
  expect(seen.during.errors.filter((o) => !o.answer.ok && !["coded", "503"].includes(o.answer.kind))).toEqual([]);
  expect(seen.during.errors.filter((o) => !o.answer.ok && o.answer.kind === "coded" && !allowedCodes.includes(o.answer.detail.split(" ")[1]!))).toEqual([]);
  // After it: searches answer and writes succeed.
  expect(seen.after.errors).toEqual([]);
  expect(seen.after.ok.some((o) => o.kind === "search")).toBe(true);
  expect(seen.after.ok.some((o) => o.kind === "createCase" || o.kind === "adoption")).toBe(true);
  report(`${scenario}.recovery`, recoveryMs, "ms", { from: "service back", to: "/healthz 200" });
  report(`${scenario}.recovery_search`, searchRecoveryMs, "ms", { from: "service back", to: "a search answers" });
  report(`${scenario}.fault_window`, to - 1000 - from, "ms", { from: "fault", to: "/healthz 200 and a search answers" });
  report(`${scenario}.errors_during_fault`, seen.during.errors.length, "requests", { requests: seen.during.requests, byKind: seen.during.byKind });
  report(`${scenario}.errors_after_recovery`, seen.after.errors.length, "requests", { requests: seen.after.requests });

  await expectWritesKept(scenario, traffic);
  await expectIndexEqualsDatabase(scenario);
  await expectOneListener(scenario);
}

/**
 * The search worker LISTENs again after losing its connection (else it would fall back to polling
 * and publish → searchable would take seconds), and only once.
 */
async function expectOneListener(scenario: string): Promise<void> {
  const start = performance.now();
  let listeners = 0;
  while (performance.now() - start < 20_000) {
    const [row] = await orm.em
      .fork()
      .execute<{ n: string }[]>("select count(*) as n from pg_stat_activity where query ilike 'listen kb_search_outbox%' and pid <> pg_backend_pid()");
    listeners = Number(row!.n);
    if (listeners === 1) break;
    await sleep(200);
  }
  expect(listeners).toBe(1);
  report(`${scenario}.search_worker_listening`, listeners, "connections");
}

async function login(session: Session, email: string, password: string): Promise<void> {
  const answer = await gql(session, `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, { e: email, p: password });
  if (!answer.ok) throw new Error(`login failed: ${answer.detail}`);
}

beforeAll(async () => {
  await fs.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
  dataDir = await fs.mkdtemp(path.join(REPO_ROOT, ".data", "fault-server-"));
  await fs.chmod(dataDir, 0o755);
  // A key that cannot start with "-" (which Meilisearch would read as a flag).
  await fs.mkdir(path.join(dataDir, "secrets"), { recursive: true });
  await fs.writeFile(path.join(dataDir, "secrets", "meili-master-key"), `k${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  pgPort = await getFreePort();
  [pg, meili] = await Promise.all([startEmbeddedPostgres(dataDir, logger, { port: pgPort }), startEmbeddedMeilisearch(dataDir, logger)]);
  databaseUrl = pg.url;
  meiliKey = meili.masterKey;
  proxy = await startTcpProxy(meili.url);
  index = CaseSearchIndex.connect(proxy.url, meiliKey, INDEX);

  await startServer(); // migrates the database and creates the index
  orm = await initOrm(databaseUrl, logger);
  await importCases(
    orm.em.fork(),
    Array.from({ length: SEED_CASES }, (_, i) => interchangeCaseSchema.parse(generateCase(i, 66))),
  );
  for (let i = 0; i < 12; i++) {
    const email = `fault-staff-${i}@example.jp`;
    const password = `fault-staff-password-${i}`;
    await createUser(orm.em.fork(), { email, displayName: `障害試験 職員${i + 1}`, role: "STAFF", department: `障害試験第${i + 1}課`, departmentPath: ["障害試験部"], password });
    const session: Session = { ip: `10.89.0.${i + 1}` };
    await login(session, email, password);
    staff.push(session);
  }
  await createUser(orm.em.fork(), { email: "fault-admin@example.jp", displayName: "障害試験 管理者", role: "ADMIN", department: "情報政策課", password: "fault-admin-password" });
  admin = { ip: "10.89.1.1" };
  await login(admin, "fault-admin@example.jp", "fault-admin-password");
  await waitOutboxDrained();
  await waitSearchAnswers();
}, 240_000);

afterEach((context) => {
  // The server's own log says why, when a check failed.
  if (context.task.result?.state === "fail") process.stderr.write(`--- server output ---\n${server?.output().slice(-6000)}\n`);
});

afterAll(async () => {
  await stopServer().catch(() => {});
  await orm?.close(true).catch(() => {});
  await proxy?.close().catch(() => {});
  await meili?.stop().catch(() => {});
  await pg?.stop().catch(() => {});
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe("a running server under load", () => {
  it("(a) Meilisearch SIGKILLed and restarted: the server recovers by itself, nothing is lost, index == database", { timeout: 240_000 }, async () => {
    await faultUnderLoad(
      "meilisearch_kill",
      async () => {
        process.kill(meili!.pid, "SIGKILL");
        await meili!.exited;
        proxy.dropConnections();
      },
      async () => {
        meili = await startEmbeddedMeilisearch(dataDir, logger);
        proxy.retarget(meili.url);
      },
      4000,
      ["SEARCH_UNAVAILABLE"],
    );
  });

  it("(b) PostgreSQL stopped (fast shutdown) and started on the same port: the server recovers by itself, nothing is lost", { timeout: 240_000 }, async () => {
    await faultUnderLoad(
      "postgres_restart",
      async () => {
        await pg!.stop();
      },
      async () => {
        pg = await startEmbeddedPostgres(dataDir, logger, { port: pgPort });
      },
      4000,
      ["DATABASE_UNAVAILABLE"],
    );
  });

  it("(c) the server kill -9ed during an admin import: started again, the same import adds the rest once", { timeout: 240_000 }, async () => {
    const total = 3000;
    const head = 150;
    const rows = Array.from({ length: total }, (_, i) => importRow(i));
    const csv = (n: number) => importCsv(rows.slice(0, n));

    // An earlier import of the first rows, so that the repeated run has rows that are already there.
    const first = await runImport(csv(head), "head.csv");
    expect(first.report).toMatchObject({ created: head, updated: 0, unchanged: 0, imported: true });

    // The whole file; the server is killed while the import's transaction is writing.
    const traffic = startTraffic("import");
    const run = await uploadImport(csv(total), "all.csv");
    await call("POST", `/api/imports/${run.id}/start`);
    let seen: ImportRun | undefined;
    for (;;) {
      seen = (await call("GET", `/api/imports/${run.id}`)) as ImportRun;
      if (seen.state !== "RUNNING" && seen.state !== "PLANNED") throw new Error(`the import ended before it could be interrupted: ${JSON.stringify(seen).slice(0, 500)}`);
      if (seen.phase === "write" && seen.done > 0) break;
      await sleep(10);
    }
    const killedAt = performance.now();
    server!.child.kill("SIGKILL");
    await server!.exited;
    await traffic.stop();
    report("import_kill.killed_at", seen.done, "rows written", { total });
    const count = async () => {
      const [row] = await orm.em.fork().execute<{ n: string; distinct: string }[]>(
        "select count(*) as n, count(distinct external_id) as distinct from cases where external_id like 'fault-import-%'",
      );
      return { n: Number(row!.n), distinct: Number(row!.distinct) };
    };
    // All or nothing: the killed import's transaction left no case behind.
    expect(await count()).toEqual({ n: head, distinct: head });
    // Requests in flight when the server died failed as refused/reset connections, never hung.
    expect(traffic.outcomes.filter((o) => !o.answer.ok && o.answer.kind === "hung")).toEqual([]);
    expect(traffic.outcomes.filter((o) => !o.answer.ok && o.at < killedAt)).toEqual([]);

    await startServer();
    const restartMs = await waitHealthy();
    report("import_kill.restart_to_healthy", restartMs, "ms", { from: "new process listening", to: "/healthz 200" });
    for (const s of [admin, ...staff]) expect((await gql(s, "{ me { id } }")).ok).toBe(true); // sessions survive the restart
    // The killed run: nothing of it was written; the restarted server marked it failed (its runner is gone).
    const killed = (await call("GET", `/api/imports/${run.id}`)) as ImportRun;
    expect(killed.state).toBe("FAILED");
    report("import_kill.killed_run_state", killed.state === "FAILED" ? 1 : 0, "failed", { state: killed.state, done: killed.done });

    const again = await runImport(csv(total), "all.csv");
    expect(again.report).toMatchObject({ created: total - head, updated: 0, unchanged: head, imported: true });
    expect(await count()).toEqual({ n: total, distinct: total });
    report("import_kill.rerun", again.report.created, "cases created", { unchanged: again.report.unchanged, updated: again.report.updated, total });
    await expectWritesKept("import_kill", traffic);
    await expectIndexEqualsDatabase("import_kill");
  });
});

// --- the admin import, over HTTP as the admin page does it -----------------------------------------

const MAPPING = importMapping("fault-import-");
const importRow = (i: number) => importRowOf(i, { seed: 67, offset: 10000, titleMark: "取込" });

interface ImportRun {
  id: string;
  state: string;
  phase: string;
  done: number;
  total: number;
  report: { created: number; updated: number; unchanged: number; imported: boolean } | null;
  error: string | null;
}

async function call(method: string, url: string): Promise<unknown> {
  const answer = await httpRequest(`${baseUrl}${url.slice(1)}`, {
    method,
    timeoutMs: REQUEST_TIMEOUT_MS,
    headers: { cookie: admin.cookie ?? "", "x-kb-request": "1", "x-forwarded-for": admin.ip },
  });
  if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${answer.text.slice(0, 500)}`);
  return JSON.parse(answer.text);
}

async function uploadImport(csv: string, fileName: string): Promise<ImportRun> {
  const form = new FormData();
  form.set("mapping", MAPPING);
  form.set("status", "PUBLISHED");
  form.set("file", new Blob([csv], { type: "text/csv" }), fileName);
  const res = await fetch(`${baseUrl}api/imports`, {
    method: "POST",
    headers: { cookie: admin.cookie ?? "", "x-kb-request": "1", "x-forwarded-for": admin.ip },
    body: form,
  });
  const body = (await res.json()) as ImportRun & { plan?: { records: number; rejected: number } };
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(body).slice(0, 800)}`);
  expect(body.plan?.rejected, JSON.stringify(body).slice(0, 800)).toBe(0);
  return body;
}

async function runImport(csv: string, fileName: string): Promise<ImportRun & { report: NonNullable<ImportRun["report"]> }> {
  const run = await uploadImport(csv, fileName);
  await call("POST", `/api/imports/${run.id}/start`);
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(100)) {
    const seen = (await call("GET", `/api/imports/${run.id}`)) as ImportRun;
    if (seen.state === "SUCCEEDED") return seen as ImportRun & { report: NonNullable<ImportRun["report"]> };
    if (seen.state === "FAILED") throw new Error(`import failed: ${seen.error}`);
  }
  throw new Error("the import did not finish within 120 s");
}

import fs from "node:fs/promises";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { initOrm } from "../../server/src/db/orm.js";
import { isProcessAlive } from "../../server/src/infra/process-utils.js";
import { createLogger } from "../../server/src/logger.js";
import { CaseSearchIndex } from "../../server/src/search/case-search-index.js";
import { checkIndex, driftOf } from "../../server/src/search/index-check.js";
import { createUser } from "../../server/src/users/user.service.js";
import { httpRequest, TimeoutError } from "../support/http-request.js";
import { embeddedProduct, type EmbeddedProduct, type ServicesRecord, type Spawned } from "../support/processes.js";

/**
 * The default set-up — `npm start` with no URLs, so the server runs its own PostgreSQL and
 * Meilisearch — loses one of them to SIGKILL while staff write and search. The server must restart
 * the child by itself on the same URL, say "degraded" and what is down on /healthz meanwhile, and
 * come back to "ok" with no person involved; every write it acknowledged is in the database, and
 * the index equals the database. Figures are printed as JSON lines ({"metric", "value", "unit"}).
 */
const logger = createLogger(process.env.LOG_LEVEL ?? "error");
let product: EmbeddedProduct;
let server: Spawned;
let baseUrl: string;
let orm: MikroORM;
let index: CaseSearchIndex;
const staff: Session[] = [];
let secretariat: Session;

interface Session {
  ip: string;
  cookie?: string;
}
interface Health {
  status: string;
  down: string[];
  embedded: Record<string, { state: string; restarts: number }>;
}
type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; kind: "coded" | "503" | "hung" | "other"; detail: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const report = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ metric: `fault.${name}`, value: Math.round(value), unit, ...extra })}\n`);

async function gql(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  try {
    const answer = await httpRequest(`${baseUrl}graphql`, {
      body: JSON.stringify({ query, variables }),
      timeoutMs: 20_000,
      headers: { "content-type": "application/json", "x-forwarded-for": session.ip, "x-kb-request": "1", ...(session.cookie ? { cookie: session.cookie } : {}) },
    });
    const setCookie = answer.headers["set-cookie"]?.[0];
    if (setCookie) session.cookie = setCookie.split(";")[0];
    let body: { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } | undefined;
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = undefined;
    }
    if (answer.status === 200 && body?.data && !body.errors?.length) return { ok: true, data: body.data };
    const code = body?.errors?.[0]?.extensions?.code;
    if (code) return { ok: false, kind: "coded", detail: code };
    return { ok: false, kind: answer.status === 503 ? "503" : "other", detail: `${answer.status} ${answer.text.slice(0, 200)}` };
  } catch (error) {
    return { ok: false, kind: error instanceof TimeoutError ? "hung" : "other", detail: String(error) };
  }
}

async function health(): Promise<{ status: number; body?: Health }> {
  try {
    const answer = await httpRequest(`${baseUrl}healthz`, { timeoutMs: 10_000 });
    return { status: answer.status, body: JSON.parse(answer.text) as Health };
  } catch {
    return { status: 0 };
  }
}

const SEARCH = `query ($q: String!) { searchCases(query: $q, first: 10) { total } }`;
const CREATE = `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`;
const SUBMIT = `mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { id } }`;
const PUBLISH = `mutation ($id: ID!) { reviewCase(id: $id, input: { decision: PUBLISH }) { id status } }`;

/** Searches, and cases written, submitted and published, until stopped; remembers what was acknowledged. */
function startTraffic(label: string) {
  const outcomes: { kind: string; answer: Answer }[] = [];
  const acked = new Map<string, { title: string; published: boolean }>();
  let running = true;
  const searchLane = async () => {
    for (let i = 0; running; i++) {
      outcomes.push({ kind: "search", answer: await gql({ ip: "10.77.0.1" }, SEARCH, { q: ["窓口", "予約", ""][i % 3] }) });
      await sleep(50);
    }
  };
  const writeLane = async () => {
    for (let i = 0; running; i++) {
      const user = staff[i % staff.length]!;
      const title = `監視試験 ${label}-${i}: 窓口の予約受付をオンライン化`;
      const created = await gql(user, CREATE, {
        input: {
          kind: "PRACTICE",
          title,
          summary: "来庁予約をフォームで受け付けるようにしました。",
          actions: "予約フォームを作り、受付の一覧を窓口で共有しました。",
          results: "待ち時間が平均20分から5分になりました。",
          fiscalYear: 2025,
          tags: ["窓口DX"],
        },
      });
      outcomes.push({ kind: "write", answer: created });
      if (created.ok) {
        const c = created.data.createCase as { id: string; version: number };
        acked.set(c.id, { title, published: false });
        const submitted = await gql(user, SUBMIT, { id: c.id, version: c.version });
        outcomes.push({ kind: "write", answer: submitted });
        if (submitted.ok) {
          const published = await gql(secretariat, PUBLISH, { id: c.id });
          outcomes.push({ kind: "write", answer: published });
          if (published.ok) acked.get(c.id)!.published = true;
        }
      }
      await sleep(100);
    }
  };
  const lanes = Promise.all([searchLane(), writeLane()]);
  return {
    outcomes,
    acked,
    async stop() {
      running = false;
      await lanes;
    },
  };
}

/** Kills one embedded child under traffic and watches /healthz until the server says it is whole again. */
async function killUnderLoad(part: "postgres" | "meilisearch", pidOf: (r: ServicesRecord) => number) {
  const before = await product.readRecord();
  const traffic = startTraffic(part);
  await sleep(2000);
  const killedAt = performance.now();
  process.kill(pidOf(before), "SIGKILL");
  const seen: Health[] = [];
  let healthyAfterMs = 0;
  for (;;) {
    const h = await health();
    if (h.body) seen.push(h.body);
    if (h.status === 200 && h.body?.embedded[part]?.restarts === 1) {
      healthyAfterMs = performance.now() - killedAt;
      break;
    }
    if (performance.now() - killedAt > 120_000) throw new Error(`not healthy again after 120 s: ${JSON.stringify(seen.at(-1))}\n${server.output().slice(-3000)}`);
    await sleep(100);
  }
  await sleep(3000);
  await traffic.stop();
  const after = await product.readRecord();
  return { before, after, seen, traffic, healthyAfterMs };
}

async function expectWritesKeptAndIndexed(traffic: ReturnType<typeof startTraffic>): Promise<void> {
  const ids = [...traffic.acked.keys()];
  expect(ids.length).toBeGreaterThan(0);
  const rows = await orm.em.fork().execute<{ id: string; title: string; status: string }[]>("select id, title, status from cases where id in (?)", [ids]);
  const inDb = new Map(rows.map((r) => [r.id, r]));
  for (const [id, write] of traffic.acked) {
    expect(inDb.get(id)?.title, id).toBe(write.title);
    if (write.published) expect(inDb.get(id)?.status, id).toBe("PUBLISHED");
  }
  for (const deadline = Date.now() + 120_000; ; await sleep(200)) {
    const [row] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
    if (Number(row!.n) === 0) break;
    if (Date.now() > deadline) throw new Error(`the search outbox still holds ${row!.n} rows`);
  }
  const check = await checkIndex(orm, index);
  expect({ missing: check.missing, extra: check.extra, stale: check.stale, pending: check.pending }).toEqual({ missing: [], extra: [], stale: [], pending: 0 });
  expect(driftOf(check)).toBe(0);
  const [published] = await orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where status = 'PUBLISHED'");
  expect(check.indexed).toBe(Number(published!.n));
}

async function login(session: Session, email: string, password: string): Promise<void> {
  const answer = await gql(session, `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, { e: email, p: password });
  if (!answer.ok) throw new Error(`login failed: ${answer.detail}`);
}

beforeAll(async () => {
  product = await embeddedProduct("supervision", {
    KB_SEED: "false",
    KB_DEMO_ACCOUNTS: "false",
    KB_MUTATION_RATE_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
  });
  const started = await product.start(150_000);
  server = started.server;
  baseUrl = started.url.replace("localhost", "127.0.0.1");
  const record = await product.readRecord();
  orm = await initOrm(record.databaseUrl, logger);
  const key = (await fs.readFile(path.join(product.dataDir, "secrets", "meili-master-key"), "utf8")).trim();
  index = CaseSearchIndex.connect(record.meiliUrl, key, "cases");
  for (let i = 0; i < 4; i++) {
    await createUser(orm.em.fork(), { email: `watch-${i}@example.jp`, displayName: `監視 職員${i + 1}`, role: "STAFF", department: `監視第${i + 1}課`, password: `watch-password-${i}` });
    const session: Session = { ip: `10.78.0.${i + 1}` };
    await login(session, `watch-${i}@example.jp`, `watch-password-${i}`);
    staff.push(session);
  }
  await createUser(orm.em.fork(), { email: "watch-sec@example.jp", displayName: "監視 事務局", role: "SECRETARIAT", department: "行政改革課", password: "watch-sec-password" });
  secretariat = { ip: "10.78.1.1" };
  await login(secretariat, "watch-sec@example.jp", "watch-sec-password");
}, 240_000);

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  const errors = (server?.output() ?? "").split("\n").filter((line) => /"level":(50|60)/.test(line));
  process.stderr.write(`--- server errors ---\n${errors.join("\n").slice(-8000)}\n--- server output ---\n${server?.output().slice(-3000)}\n`);
});

afterAll(async () => {
  await orm?.close(true).catch(() => {});
  await product?.remove();
});

describe("embedded services supervised by the server (default set-up)", () => {
  it("Meilisearch SIGKILLed under writes: degraded, restarted on the same URL, nothing lost, index == database", { timeout: 300_000 }, async () => {
    const { before, after, seen, traffic, healthyAfterMs } = await killUnderLoad("meilisearch", (r) => r.meiliPid);
    // The same server process throughout, with a new Meilisearch on the old URL.
    expect(server.child.exitCode).toBeNull();
    expect(after.ownerPid).toBe(before.ownerPid);
    expect(after.meiliUrl).toBe(before.meiliUrl);
    expect(after.meiliPid).not.toBe(before.meiliPid);
    expect(isProcessAlive(before.meiliPid)).toBe(false);
    // /healthz said what was down while it was down.
    expect(seen.some((h) => h.status === "degraded" && h.down.includes("search") && h.embedded.meilisearch?.state === "restarting")).toBe(true);
    expect(seen.every((h) => !h.down.includes("database"))).toBe(true);
    // Searches failed only as SEARCH_UNAVAILABLE; every write went through (the outbox held it for the index).
    const failed = traffic.outcomes.filter((o) => !o.answer.ok);
    expect(failed.filter((o) => o.kind === "write")).toEqual([]);
    expect(failed.filter((o) => !(o.answer.ok === false && o.answer.kind === "coded" && o.answer.detail === "SEARCH_UNAVAILABLE"))).toEqual([]);
    await expectWritesKeptAndIndexed(traffic);
    report("embedded_meilisearch_kill.healthy_again", healthyAfterMs, "ms", { from: "SIGKILL", to: "/healthz 200, restarted", failedSearches: failed.length, writes: traffic.acked.size });
  });

  it("PostgreSQL SIGKILLed under writes: degraded, restarted on the same URL, every acknowledged write kept", { timeout: 300_000 }, async () => {
    const { before, after, seen, traffic, healthyAfterMs } = await killUnderLoad("postgres", (r) => r.postgresPid);
    expect(server.child.exitCode).toBeNull();
    expect(after.ownerPid).toBe(before.ownerPid);
    expect(after.databaseUrl).toBe(before.databaseUrl);
    expect(after.postgresPid).not.toBe(before.postgresPid);
    expect(seen.some((h) => h.status === "degraded" && h.down.includes("database") && h.embedded.postgres?.state === "restarting")).toBe(true);
    // While it was down: clean coded answers, never a hung request; afterwards everything works.
    const failed = traffic.outcomes.filter((o) => !o.answer.ok);
    expect(failed.filter((o) => o.answer.ok === false && !["DATABASE_UNAVAILABLE", "SEARCH_UNAVAILABLE"].includes(o.answer.detail))).toEqual([]);
    expect((await gql(staff[0]!, "{ me { id } }")).ok).toBe(true);
    await expectWritesKeptAndIndexed(traffic);
    report("embedded_postgres_kill.healthy_again", healthyAfterMs, "ms", { from: "SIGKILL", to: "/healthz 200, restarted", failedRequests: failed.length, writes: traffic.acked.size });
  });
});

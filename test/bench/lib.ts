import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MikroORM } from "@mikro-orm/postgresql";
import { initOrm } from "../../server/dist/db/orm.js";
import { importInterchangeFile } from "../../server/dist/importer/import.service.js";
import { startEmbeddedMeilisearch } from "../../server/dist/infra/embedded-meilisearch.js";
import { ensureDatabase, startEmbeddedPostgres } from "../../server/dist/infra/embedded-postgres.js";
import { createLogger } from "../../server/dist/logger.js";
import { CaseSearchIndex } from "../../server/dist/search/case-search-index.js";
import type { InterchangeCaseInput } from "@kb/shared";
import { generateCase } from "../support/case-generator.ts";
import { nationalCase, type GeneratedOrganisation } from "./national.ts";
import { httpRequest } from "../support/http-request.ts";
export { httpRequest, TimeoutError, type HttpAnswer } from "../support/http-request.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Small helpers for the benchmark scripts (plain TypeScript, run by Node's type stripping). */

export function metric(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  const rounded = Math.round(value * 100) / 100;
  process.stdout.write(`${JSON.stringify({ metric: name, value: rounded, unit, ...extra })}\n`);
}

let notePrefix = "bench";
export function setNotePrefix(prefix: string): void {
  notePrefix = prefix;
}

export function note(message: string): void {
  process.stderr.write(`[${notePrefix}] ${message}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface LoadResult {
  latencies: number[];
  errors: number;
  /** The first failure's message, to tell a timeout from a bug. */
  firstError?: string;
  seconds: number;
}

/** Runs `requests` calls of `task(i)` with `concurrency` in flight; bounded by `maxSeconds` too. */
export async function runLoad(concurrency: number, requests: number, maxSeconds: number, task: (i: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const lane = async () => {
    while (next < requests && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await task(i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= String(error).slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  latencies.sort((a, b) => a - b);
  return { latencies, errors, firstError, seconds: (performance.now() - started) / 1000 };
}

/** Resident and peak memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

export interface Child {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function spawnNode(script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) throw new Error(`process exited: ${output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out waiting for ${pattern}: ${output.slice(-2000)}`);
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * POST JSON over node:http with keep-alive. Both sides of the comparison use it: Node's fetch
 * stalls ~40 ms per request against Meilisearch on loopback (see server/src/search/meili-http.ts),
 * which would make the raw baseline look slower than it is.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const answer = await httpRequest(url, { body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers }, agent, timeoutMs: 60_000 });
  return { status: answer.status, body: JSON.parse(answer.text) as unknown };
}

export interface Stack {
  /** The server's base URL, ending in "/". */
  baseUrl: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  meiliPid?: number;
  /** The embedded PostgreSQL's postmaster (undefined with DATABASE_URL). */
  pgPid?: number;
  indexUid: string;
  suffix: string;
  server: Child;
  orm: MikroORM;
  index: CaseSearchIndex;
}

/**
 * The services (fresh embedded PostgreSQL and Meilisearch, or the ones named by DATABASE_URL /
 * MEILI_URL, with a database and an index of this run's own) and the built server, started as
 * `npm start` runs it. Shared by `npm run bench` and `npm run load`. Cleanups go to the front of
 * `stops` as things start (so running them in order stops the server before the services), even
 * when a later step fails.
 */
export async function startStack(label: string, stops: (() => Promise<void>)[], serverEnv: Record<string, string> = {}): Promise<Stack> {
  const logger = createLogger("warn");
  const suffix = randomBytes(3).toString("hex");
  let databaseUrl = process.env.DATABASE_URL;
  let meiliUrl = process.env.MEILI_URL;
  let meiliKey = process.env.MEILI_MASTER_KEY ?? "";
  let meiliPid: number | undefined;
  let pgPid: number | undefined;
  let dataDir: string | undefined;
  if (!databaseUrl || !meiliUrl) {
    await fsp.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
    dataDir = await fsp.mkdtemp(path.join(REPO_ROOT, ".data", `${label}-`));
    await fsp.chmod(dataDir, 0o755);
    // A key that cannot start with "-" (which Meilisearch would read as a flag).
    await fsp.mkdir(path.join(dataDir, "secrets"), { recursive: true });
    await fsp.writeFile(path.join(dataDir, "secrets", "meili-master-key"), `k${randomBytes(24).toString("hex")}\n`, { mode: 0o600 });
    stops.unshift(() => fsp.rm(dataDir!, { recursive: true, force: true }));
  }
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(dataDir!, logger);
    stops.unshift(() => pg.stop());
    databaseUrl = pg.url;
    pgPid = pg.pid;
  } else {
    const admin = new URL(databaseUrl);
    admin.pathname = "/postgres";
    await ensureDatabase(admin.toString(), `kb_${label}_${suffix}`);
    const own = new URL(databaseUrl);
    own.pathname = `/kb_${label}_${suffix}`;
    databaseUrl = own.toString();
  }
  if (!meiliUrl) {
    const meili = await startEmbeddedMeilisearch(dataDir!, logger);
    stops.unshift(() => meili.stop());
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
    meiliPid = meili.pid;
  }
  const indexUid = `${label}_${suffix}`;
  const { server, baseUrl } = await startServer({ databaseUrl, meiliUrl, meiliKey, indexUid }, stops, serverEnv);
  const orm = await initOrm(databaseUrl);
  stops.unshift(() => orm.close(true));
  // No result cache here: the benchmark's raw side and the checks must ask Meilisearch itself.
  const index = CaseSearchIndex.connect(meiliUrl, meiliKey, indexUid, { resultCacheEntries: 0 });
  stops.unshift(async () => {
    await index.client.deleteIndex(indexUid).waitTask().catch(() => {});
  });
  return { baseUrl, databaseUrl, meiliUrl, meiliKey, meiliPid, pgPid, indexUid, suffix, server, orm, index };
}

/**
 * The built server (`server/dist/main.js`) as `npm start` runs it, on the given services and index:
 * everything else is the default configuration unless `serverEnv` says otherwise.
 */
export async function startServer(
  services: Pick<Stack, "databaseUrl" | "meiliUrl" | "meiliKey" | "indexUid">,
  stops: (() => Promise<void>)[],
  serverEnv: Record<string, string> = {},
): Promise<{ server: Child; baseUrl: string }> {
  const server = spawnNode(path.join(REPO_ROOT, "server/dist/main.js"), [], {
    DATABASE_URL: services.databaseUrl,
    MEILI_URL: services.meiliUrl,
    MEILI_MASTER_KEY: services.meiliKey,
    KB_SEARCH_INDEX: services.indexUid,
    KB_SEED: "false",
    PORT: "0",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    ...serverEnv,
  });
  stops.unshift(() => server.stop());
  const baseUrl = (await server.waitFor(/is running: (http:\/\/localhost:\d+\/)/, 120_000))[1]!.replace("localhost", "127.0.0.1");
  return { server, baseUrl };
}

/**
 * Imports `count` generated cases (seed 4242) and waits until the running server's search worker
 * has indexed them all. Returns the import report and the two durations in seconds.
 *
 * With `national` (test/bench/national.ts), each case names its organisation (interchange
 * `organisation`, created beforehand) and a 公開範囲, some are drafts; the lines go organisation by
 * organisation into files of at most `chunk` lines, imported one after the other (as organisations
 * send their own files; a million lines would not fit one string, nor sensibly one transaction).
 * Files are written before the clock starts; import seconds add up the imports, searchable runs
 * from the first import until the index holds every published case and the outbox is empty.
 */
export async function importGeneratedCases(
  stack: Stack,
  count: number,
  national?: { organisations: readonly GeneratedOrganisation[]; chunk?: number },
) {
  const files: string[] = [];
  let published = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (!lines.length) return;
    const file = path.join(os.tmpdir(), `kb-${stack.indexUid}-${files.length}.jsonl`);
    await fsp.writeFile(file, `${lines.join("\n")}\n`);
    files.push(file);
    lines = [];
  };
  const chunk = national?.chunk ?? (national ? 50_000 : Infinity);
  const add = async (record: InterchangeCaseInput) => {
    if (record.status !== "DRAFT") published++;
    lines.push(JSON.stringify(record));
    if (lines.length >= chunk) await flush();
  };
  if (national) {
    let i = 0;
    for (const o of national.organisations) for (let k = 0; k < o.cases; k++) await add(nationalCase(i++, o.code));
  } else {
    for (let i = 0; i < count; i++) await add(generateCase(i, 4242));
  }
  await flush();
  try {
    const t0 = performance.now();
    let importing = 0;
    const report = { created: 0, updated: 0, unchanged: 0, files: files.length };
    for (const file of files) {
      const t = performance.now();
      const one = await importInterchangeFile(stack.orm, file);
      importing += performance.now() - t;
      if (!one.imported) throw new Error(`import failed: ${JSON.stringify(one.errors.slice(0, 3))}`);
      report.created += one.created;
      report.updated += one.updated;
      report.unchanged += one.unchanged;
      if (files.length > 1) note(`imported file ${files.indexOf(file) + 1}/${files.length} (${report.created} cases, ${Math.round((performance.now() - t0) / 1000)} s)`);
    }
    for (let polls = 0; ; polls++) {
      const [row] = await stack.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
      const docs = await stack.index.documentCount().catch(() => 0);
      if (Number(row!.n) === 0 && docs >= published) break;
      if (polls % 240 === 0) note(`indexing: ${docs}/${published} documents, ${row!.n} outbox rows pending, ${Math.round((performance.now() - t0) / 1000)} s`);
      if (performance.now() - t0 > 120 * 60_000) throw new Error(`not searchable after 120 minutes (${docs} documents)`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return { report, published, importSeconds: importing / 1000, searchableSeconds: (performance.now() - t0) / 1000 };
  } finally {
    for (const file of files) await fsp.rm(file, { force: true });
  }
}

/** What staff type, over the generated cases (bench and load search with these). */
export const SEARCH_WORDS = [
  "児童手当", "転入届", "kintone", "キントーン", "生成AI", "ChatGPT", "窓口", "研修", "ワークショップ", "RPA",
  "申請", "議事録", "補助金", "公用車", "防災訓練", "アンケート集計", "データ活用", "子育て", "道路損傷", "介護認定",
  "窓口の待ち時間を減らしたい", "紙の申請をなくしたい", "ｋｉｎｔｏｎｅ", "ﾃﾚﾜｰｸ", "ペーパーレス", "", "家屋調査", "会議室の利用調整",
  "残業", "電子申請",
];

/** The facet filters staff use, over the generated cases' departments, kinds, tags and years. */
export const SEARCH_FILTERS = [
  { kinds: ["KINTONE_APP" as const] },
  { departments: ["子育て支援課", "保育課"] },
  { tags: ["業務改善"], fiscalYears: [2024, 2025] },
];

/** The search page's request (hits with highlights, and the facets). */
export const SEARCH_GQL = `query SearchCases($query: String!, $first: Int!, $offset: Int!, $filter: CaseSearchFilter) {
  searchCases(query: $query, first: $first, offset: $offset, filter: $filter) {
    total processingTimeMs relaxed
    hits { case { id title kind fiscalYear tags department { id name } } highlights { title summary snippet } }
    facets { kind { value count } department { value count } fiscalYear { value count } tags { value count } }
  }
}`;

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs/promises";
import path from "node:path";
import type { ApolloServer } from "@apollo/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBackend, type Backend } from "../../server/src/app.js";
import { parseConfig, REPO_ROOT } from "../../server/src/config/config.js";
import { parseLsn, replicaMonitorOf } from "../../server/src/db/replicas.js";
import { buildAppSchema } from "../../server/src/graphql/schema.js";
import { createHttpApp } from "../../server/src/http/http-app.js";
import { listenHttp } from "../../server/src/http/http-server.js";
import type { RequestContext } from "../../server/src/kernel/index.js";
import { createLogger } from "../../server/src/logger.js";
import { createUser } from "../../server/src/users/user.service.js";
import { importCases } from "../../server/src/importer/import.service.js";
import { SearchOutboxWorker } from "../../server/src/search/search-outbox.worker.js";
import { interchangeCaseSchema } from "@kb/shared";
import { generateCase } from "../support/case-generator.js";

/**
 * Issue 17, read replicas (server/src/db/replicas.ts), on real processes: the embedded PostgreSQL and
 * a streaming replica of it (KB_DB_REPLICA=embedded: pg_basebackup + the bundled postgres), the real
 * HTTP app in front. Which server answered a list is shown by its content, not by timing: replay is
 * paused on the replica, so a collection published afterwards exists on the primary only.
 */
const MAX_LAG_MS = 8000;

let dataDir: string;
let backend: Backend;
let server: Server;
let apollo: ApolloServer<RequestContext>;
let url: string;
let replica: pg.Client;
let primary: pg.Client;

/** A browser on our origin: keeps every cookie the server sets (the session and kb_written_lsn). */
class Browser {
  readonly cookies = new Map<string, string>();

  private get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response): void {
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const [name, value] = pair!.split("=");
      this.cookies.set(name!, value!);
    }
  }

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.cookieHeader },
      body: JSON.stringify({ query, variables }),
    });
    this.remember(res);
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data!;
  }

  /** A REST call under /api, as the app's pages make it (the CSRF header, multipart or no body). */
  async api<T>(method: string, pathname: string, body?: FormData): Promise<{ status: number; json: T }> {
    const res = await fetch(`${url}${pathname}`, { method, headers: { cookie: this.cookieHeader, "x-kb-request": "1" }, body });
    this.remember(res);
    return { status: res.status, json: (await res.json()) as T };
  }

  async login(email: string) {
    await this.gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, { e: email, p: PASSWORD });
  }

  async publishedCollectionTitles(): Promise<string[]> {
    const data = await this.gql<{ collections: { items: { title: string }[] } }>(`{ collections(status: PUBLISHED, first: 50) { items { title } } }`);
    return data.collections.items.map((c) => c.title).sort();
  }

  async publishCollection(title: string): Promise<void> {
    const created = await this.gql<{ createCollection: { id: string } }>(
      `mutation ($t: String!) { createCollection(input: { title: $t, scope: ORGANISATION }) { id } }`,
      { t: title },
    );
    const { id } = created.createCollection;
    const added = await this.gql<{ addCollectionEntry: { version: number } }>(
      `mutation ($c: ID!, $k: ID!) { addCollectionEntry(input: { collectionId: $c, caseId: $k, reason: "参考になる" }) { version } }`,
      { c: id, k: firstCaseId },
    );
    await this.gql(`mutation ($id: ID!, $v: Int!) { publishCollection(id: $id, version: $v) { id } }`, { id, v: added.addCollectionEntry.version });
  }

  /** The titles of a search page's hits (Meilisearch finds the ids; PostgreSQL hydrates them). */
  async searchTitles(): Promise<string[]> {
    const data = await this.gql<{ searchCases: { hits: { case: { title: string } }[] } }>(`{ searchCases(query: "", sort: NEWEST) { hits { case { title } } } }`);
    return data.searchCases.hits.map((h) => h.case.title).sort();
  }
}

const PASSWORD = "correct horse battery staple";
let firstCaseId: string;
let firstTitle: string;
let worker: SearchOutboxWorker;

/** A published case, imported (not a person's write) and indexed; answers its title. */
async function importCase(n: number): Promise<string> {
  const record = interchangeCaseSchema.parse(generateCase(n));
  await importCases(backend.orm.em.fork(), [record]);
  await worker.drainUntilEmpty();
  return record.title;
}
const curator = new Browser();
const staff = new Browser();
const admin = new Browser();

async function lsnOf(client: pg.Client, sql: string): Promise<string> {
  return (await client.query<{ lsn: string }>(sql)).rows[0]!.lsn;
}

/** Until the replica has replayed everything the primary has now. */
async function replicaCaughtUp(): Promise<void> {
  const target = await lsnOf(primary, "select pg_current_wal_lsn()::text as lsn");
  await expect
    .poll(async () => (await replica.query(`select pg_last_wal_replay_lsn() >= '${target}'::pg_lsn as ok`)).rows[0].ok, { timeout: 20_000 })
    .toBe(true);
  // …and the app's monitor has seen that much (it looks every MAX_LAG_MS / 5), within the lag bound.
  const monitor = replicaMonitorOf(backend.orm)!;
  await expect
    .poll(() => monitor.usable().length === 1 && parseLsn(monitor.snapshot()[0]!.replayLsn) >= parseLsn(target), { timeout: 20_000 })
    .toBe(true);
}

beforeAll(async () => {
  // Under root PostgreSQL runs as the `postgres` user, which must reach its data dirs.
  await fs.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
  dataDir = await fs.mkdtemp(path.join(REPO_ROOT, ".data", "replicas-"));
  await fs.chmod(dataDir, 0o755);
  const config = parseConfig({
    NODE_ENV: "test",
    KB_DATA_DIR: dataDir,
    KB_DB_REPLICA: "embedded",
    KB_DB_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
    MEILI_URL: inject("meiliUrl"),
    MEILI_MASTER_KEY: inject("meiliMasterKey"),
    KB_SEARCH_INDEX: `cases_test_replicas_${process.pid}`,
    // Every search asks Meilisearch and hydrates anew (no answer cache in between).
    KB_SEARCH_CACHE_ENTRIES: "0",
    KB_SEED: "false",
    KB_DEMO_ACCOUNTS: "false",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  const logger = createLogger(config.logLevel);
  backend = await openBackend(config, logger, { reuseRunningServices: false });
  expect(backend.services.replicaUrls).toHaveLength(1);
  const http = await createHttpApp({ config, logger, orm: backend.orm, index: backend.index, schema: await buildAppSchema() });
  apollo = http.apollo;
  server = await listenHttp(http.app, 0, "127.0.0.1");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  primary = new pg.Client({ connectionString: backend.services.databaseUrl });
  replica = new pg.Client({ connectionString: backend.services.replicaUrls[0] });
  // (This test stops the replica under its own connection: that is expected, not an error.)
  replica.on("error", () => {});
  await Promise.all([primary.connect(), replica.connect()]);

  worker = new SearchOutboxWorker(backend.orm, backend.index, backend.services.databaseUrl, logger);
  firstTitle = await importCase(1);
  firstCaseId = (await primary.query<{ id: string }>("select id from cases")).rows[0]!.id;
  for (const [browser, role, n] of [[curator, "SECRETARIAT", 1], [staff, "STAFF", 2], [admin, "ADMIN", 3]] as const) {
    const email = `replica-user${n}@example.lg.jp`;
    await createUser(backend.orm.em.fork(), { email, displayName: `利用者${n}`, password: PASSWORD, role, department: "テスト課" });
    await browser.login(email);
  }
  await curator.publishCollection("前からある好事例集");
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([primary?.end(), replica?.end()]);
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  server?.closeAllConnections();
  await apollo?.stop();
  await worker?.stop();
  await backend?.index.client.deleteIndex(backend.index.uid).waitTask().catch(() => {});
  await backend?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe("read replicas", () => {
  it("runs a real streaming replica of the embedded PostgreSQL", async () => {
    await replicaCaughtUp();
    expect((await replica.query("select pg_is_in_recovery() as r")).rows[0].r).toBe(true);
    expect((await primary.query("select count(*)::int as n from pg_stat_replication where state = 'streaming'")).rows[0].n).toBe(1);
    expect(decodeURIComponent(curator.cookies.get("kb_written_lsn")!)).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; replicas: { up: boolean }[] };
    expect(health.status).toBe("ok");
    expect(health.replicas).toEqual([expect.objectContaining({ up: true })]);
  });

  it("serves another person's list from the replica, and the writer's own from the primary", async () => {
    await replicaCaughtUp();
    await replica.query("select pg_wal_replay_pause()");
    try {
      // A case only the primary has, which Meilisearch finds too: a search page hydrated from the replica lacks it.
      const secondTitle = await importCase(2);
      await curator.publishCollection("書いた直後の好事例集");
      expect(await staff.searchTitles()).toEqual([firstTitle]);
      expect(await curator.searchTitles()).toEqual([firstTitle, secondTitle].sort());
      // Only the primary has it: the writer sees it (their cookie is past the replica's replay position)…
      expect(await curator.publishedCollectionTitles()).toEqual(["前からある好事例集", "書いた直後の好事例集"]);
      // …another person, whose last write the replica has, is served by the replica: not there yet.
      expect(await staff.publishedCollectionTitles()).toEqual(["前からある好事例集"]);
      // A replica further behind than KB_DB_REPLICA_MAX_LAG_MS is skipped: their reads go to the primary.
      await expect.poll(() => staff.publishedCollectionTitles(), { timeout: MAX_LAG_MS * 5, interval: 250 }).toEqual(["前からある好事例集", "書いた直後の好事例集"]);
      expect(replicaMonitorOf(backend.orm)!.usable()).toEqual([]);
    } finally {
      await replica.query("select pg_wal_replay_resume()");
    }
    await replicaCaughtUp();
    expect(await staff.publishedCollectionTitles()).toEqual(["前からある好事例集", "書いた直後の好事例集"]);
  });

  it("an import through /api, then a search: the importer sees the imported cases at once, another person once the replica has them", async () => {
    const examples = path.join(REPO_ROOT, "seeds", "import-examples");
    const form = new FormData();
    form.append("mapping", await fs.readFile(path.join(examples, "kintone-export.mapping.json"), "utf8"));
    form.append("status", "PUBLISHED");
    form.append("encoding", "auto");
    form.append("file", new Blob([new Uint8Array(await fs.readFile(path.join(examples, "kintone-export.csv")))]), "kintone-export.csv");
    await replicaCaughtUp();
    await replica.query("select pg_wal_replay_pause()");
    const before = await staff.searchTitles();
    let imported: string[] = [];
    try {
      const loginLsn = admin.cookies.get("kb_written_lsn")!;
      const planned = await admin.api<{ id: string; plan: { created: number } }>("POST", "/api/imports", form);
      expect(planned.status).toBe(201);
      expect(planned.json.plan.created).toBe(3);
      // The upload stored the planned run: the cookie moved past it.
      expect(parseLsn(decodeURIComponent(admin.cookies.get("kb_written_lsn")!))).toBeGreaterThan(parseLsn(decodeURIComponent(loginLsn)));
      expect((await admin.api("POST", `/api/imports/${planned.json.id}/start`)).status).toBe(202);
      await expect.poll(async () => (await admin.api<{ state: string }>("GET", `/api/imports/${planned.json.id}`)).json.state, { timeout: 20_000, interval: 100 }).toBe("SUCCEEDED");
      await worker.drainUntilEmpty();
      imported = (await primary.query<{ title: string }>("select title from cases where not (title = any($1))", [before])).rows.map((r) => r.title);
      expect(imported).toHaveLength(3);
      // The importer's search page is hydrated from the primary: their cookie is past the replica's position…
      expect(await admin.searchTitles()).toEqual([...before, ...imported].sort());
      // …while another person is still served by the replica, which has not replayed the import.
      expect(await staff.searchTitles()).toEqual(before);
    } finally {
      await replica.query("select pg_wal_replay_resume()");
    }
    await replicaCaughtUp();
    expect(await staff.searchTitles()).toEqual([...before, ...imported].sort());
  });

  it("a refused write under /api leaves the cookie as it was", async () => {
    const lsn = admin.cookies.get("kb_written_lsn");
    const refused = await admin.api<{ error: { code: string } }>("DELETE", "/api/import-mappings/00000000-0000-4000-8000-000000000000");
    expect(refused.status).toBe(404);
    expect(admin.cookies.get("kb_written_lsn")).toBe(lsn);
  });

  it("reads from the primary, with no error, once the replica is stopped", async () => {
    await replicaCaughtUp();
    // The monitor stops looking here, so that it still believes the replica is up when the next
    // read reaches it: that read fails as unreachable and must be retried on the primary.
    const monitor = replicaMonitorOf(backend.orm)!;
    await monitor.stop();
    const pid = Number((await fs.readFile(path.join(dataDir, "postgres-replica", "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGINT");
    await expect.poll(() => fs.access(path.join(dataDir, "postgres-replica", "postmaster.pid")).then(() => true, () => false), { timeout: 30_000 }).toBe(false);
    await curator.publishCollection("止まった後の好事例集");
    expect(monitor.usable()).toEqual([0]);
    const all = ["前からある好事例集", "書いた直後の好事例集", "止まった後の好事例集"].sort();
    expect(await staff.publishedCollectionTitles()).toEqual(all);
    // The failure told the monitor, which looked again and now skips the replica for everyone.
    await expect.poll(() => monitor.usable(), { timeout: 10_000 }).toEqual([]);
    expect(await staff.publishedCollectionTitles()).toEqual(all);
    const home = await staff.gql<{ home: { newCases: unknown[] } }>(`{ home { newCases { id } } }`);
    const [{ n }] = (await primary.query<{ n: number }>("select count(*)::int as n from cases where status = 'PUBLISHED'")).rows as [{ n: number }];
    expect(home.home.newCases).toHaveLength(Math.min(n, 6));
  });
});

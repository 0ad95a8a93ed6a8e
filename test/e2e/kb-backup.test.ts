import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBackend, seedIfEmpty } from "../../server/src/app.js";
import { storeAttachment } from "../../server/src/attachments/attachment.service.js";
import { findPgTools } from "../../server/src/backup/pg-tools.js";
import { parseConfig } from "../../server/src/config/config.js";
import { createLogger } from "../../server/src/logger.js";
import { runNode } from "../support/processes.js";
import { createTestBackend } from "../support/test-backend.js";

/**
 * `kb backup` and `kb restore` as an operator runs them (the built CLI in its own process), round
 * trip on the seeds plus an attachment: back up, damage the data and drop the search index, restore,
 * and get back exactly what was backed up — rows, case versions, attachment bytes — searchable again.
 */
const KB = "server/dist/cli/kb.js";
let env: Record<string, string>;
let database: string;
let scratch: string;
let archive: string;
const pdfBytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from("好事例の資料".repeat(2000)), Buffer.from("\n%%EOF\n")]);

const adminUrl = () => {
  const url = new URL(env.DATABASE_URL!);
  url.pathname = "/postgres";
  return url.toString();
};

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], db = database): Promise<T[]> {
  const url = new URL(env.DATABASE_URL!);
  url.pathname = `/${db}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** What must survive: every case with its version and title, every attachment's bytes by hash. */
async function snapshot(db = database) {
  const cases = await query<{ id: string; version: number; title: string }>("select id, version, title from cases order by id", [], db);
  const attachments = await query<{ id: string; file_name: string; digest: string }>(
    `select a.id, a.file_name, encode(sha256(c.bytes), 'hex') as digest
       from attachments a join attachment_contents c on c.attachment_id = a.id order by a.id`,
    [],
    db,
  );
  const [users] = await query<{ n: string }>("select count(*) as n from users", [], db);
  return { cases, attachments, users: Number(users!.n) };
}

beforeAll(async () => {
  const kb = await createTestBackend();
  env = kb.env;
  database = new URL(env.DATABASE_URL!).pathname.slice(1);
  await seedIfEmpty(kb);
  const curator = await kb.createViewer({ role: "SECRETARIAT" });
  const [first] = await query<{ id: string }>("select id from cases where external_id = 'takarazuka-2024-kintone-01'");
  await storeAttachment(kb.orm.em.fork(), curator, first!.id, { fileName: "予約アプリ説明.pdf", bytes: pdfBytes, isKintoneTemplate: false });
  // Signed in when the backup is taken; signed out before the restore (see the restore test).
  await query("insert into sessions (token_hash, user_id, id, created_at, last_seen_at, expires_at) values ($1, $2, gen_random_uuid(), now(), now(), now() + interval '1 day')", [
    "f".repeat(64),
    curator.userId,
  ]);
  // Leaves the database (and no index: the restore must build one from scratch).
  await kb.close();
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), "kb-backup-test-"));
  archive = path.join(scratch, "seeds.tar");
});

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  for (const db of [database, `${database}_previous`, `${database}_restoring`]) {
    await admin.query(`drop database if exists ${admin.escapeIdentifier(db)} with (force)`);
  }
  await admin.end();
  if (scratch) await fs.rm(scratch, { recursive: true, force: true });
});

describe("kb backup / kb restore", () => {
  it("backs up to a tar holding a pg_dump archive and a manifest", async () => {
    const result = await runNode(KB, ["backup", "--out", archive], env);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("バックアップしました");
    expect(result.output).toMatch(/添付ファイル 1件/);

    const listing = execFileSync("tar", ["tf", archive], { encoding: "utf8" }).trim().split("\n").sort();
    expect(listing).toEqual(["database.dump", "manifest.json"]);
    execFileSync("tar", ["xf", archive, "-C", scratch]);
    // pg_dump's own custom format: pg_restore reads its table of contents.
    const tools = await findPgTools(15, undefined);
    const toc = execFileSync(tools.pgRestore, ["--list", path.join(scratch, "database.dump")], { encoding: "utf8" });
    expect(toc).toMatch(/TABLE DATA public cases/);
    expect(toc).toMatch(/TABLE DATA public attachment_contents/);
    const manifest = JSON.parse(await fs.readFile(path.join(scratch, "manifest.json"), "utf8"));
    expect(manifest.format).toBe("kojirei-kb-backup/1");
    expect(manifest.tables.cases).toBeGreaterThan(5);
    expect(manifest.attachments).toEqual({ count: 1, bytes: pdfBytes.length });

    // The same name is never overwritten.
    const again = await runNode(KB, ["backup", "--out", archive], env);
    expect(again.code).toBe(2);
    expect(again.output).toContain("上書きはしません");
  });

  it("restores exactly what was backed up, keeps the replaced data aside and rebuilds the search index", async () => {
    const before = await snapshot();
    expect(before.attachments).toHaveLength(1);

    // The session the backup holds has been ended since (ログアウト): the restore must not revive it.
    expect(await query("delete from sessions returning id")).toHaveLength(1);
    // Damage: cases lost, a title changed, the attachment gone.
    await query("delete from attachments");
    await query("update cases set title = '壊れたタイトル', version = version + 1 where id = $1", [before.cases[0]!.id]);
    await query("delete from cases where id in (select id from cases order by id limit 3)");
    const damaged = await snapshot();
    expect(damaged).not.toEqual(before);

    const result = await runNode(KB, ["restore", archive, "--yes"], env);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("件数と中身は目録と一致しました");
    expect(result.output).toContain("ずれ 0件");
    expect(result.output).toContain(`${database}_previous`);

    expect(await snapshot()).toEqual(before);
    expect(await snapshot(`${database}_previous`)).toEqual(damaged);
    expect(await query("select token_hash from sessions")).toEqual([]);
    expect(result.output).toContain("セッション 1件を終了しました");

    // Searchable again, from an index the restore built (the old one was dropped before).
    const check = await runNode(KB, ["check-index"], env);
    expect(check.code, check.output).toBe(0);
    const backend = await openBackend(parseConfig({ ...env, NODE_ENV: "test" }), createLogger("warn"), { reuseRunningServices: false });
    try {
      const hits = await backend.index.index.search("予約", { limit: 3 });
      expect(hits.hits[0]?.externalId).toBe("takarazuka-2024-kintone-01");
      expect(hits.estimatedTotalHits).toBeGreaterThan(0);
    } finally {
      await backend.close();
    }
  });

  it("refuses a damaged archive, a database in use and a restore without confirmation — changing nothing", async () => {
    const before = await snapshot();

    const broken = path.join(scratch, "broken.tar");
    const bytes = await fs.readFile(archive);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    await fs.writeFile(broken, bytes);
    const damaged = await runNode(KB, ["restore", broken, "--yes"], env);
    expect(damaged.code).toBe(1);
    expect(damaged.output).toContain("壊れています");

    const notATar = path.join(scratch, "notes.tar");
    await fs.writeFile(notATar, "これはバックアップではありません\n");
    const wrong = await runNode(KB, ["restore", notATar, "--yes"], env);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/バックアップファイル/);

    // A server (here: any other session) on the database: the restore must not pull it away.
    const url = new URL(env.DATABASE_URL!);
    const holder = new pg.Client({ connectionString: url.toString() });
    await holder.connect();
    try {
      const busy = await runNode(KB, ["restore", archive, "--yes"], env);
      expect(busy.code).toBe(1);
      expect(busy.output).toContain("サーバー（npm start）を止めてから復元してください");
    } finally {
      await holder.end();
    }

    const unconfirmed = await runNode(KB, ["restore", archive], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.output).toContain("--yes");

    expect(await snapshot()).toEqual(before);
    const leftovers = await query<{ datname: string }>("select datname from pg_database where datname = $1", [`${database}_restoring`], "postgres");
    expect(leftovers).toEqual([]);
  });
});

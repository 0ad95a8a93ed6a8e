import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import * as tar from "tar";
import { readDatabaseFacts } from "./database-facts.js";
import { BACKUP_FORMAT, DUMP_ENTRY, MANIFEST_ENTRY, type BackupManifest } from "./backup-manifest.js";
import { findPgTools, libpqTarget, runPgTool } from "./pg-tools.js";

export interface BackupOptions {
  databaseUrl: string;
  /** The archive to write (a .tar); written under a temporary name and renamed when complete. */
  outFile: string;
  appVersion: string;
  pgBinDir?: string;
  onStep?: (message: string) => void;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function serverMajorOf(client: pg.ClientBase): Promise<{ major: number; version: string }> {
  const { rows } = await client.query<{ server_version_num: string; server_version: string }>(
    "select current_setting('server_version_num') as server_version_num, current_setting('server_version') as server_version",
  );
  return { major: Math.floor(Number(rows[0]!.server_version_num) / 10000), version: rows[0]!.server_version };
}

/**
 * `kb backup`: one tar holding a pg_dump custom-format archive of the whole database (attachments
 * are rows, so they are in it) and a manifest. The manifest's counts and digests are read inside
 * the very snapshot pg_dump dumps (pg_export_snapshot), so they describe the dump exactly even
 * while the server keeps writing.
 */
export async function createBackup(options: BackupOptions): Promise<BackupManifest> {
  const step = options.onStep ?? (() => {});
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const partsDir = await fs.mkdtemp(path.join(path.dirname(path.resolve(options.outFile)), ".kb-backup-"));
  const partial = `${options.outFile}.partial`;
  try {
    const server = await serverMajorOf(client);
    const tools = await findPgTools(server.major, options.pgBinDir);

    await client.query("begin isolation level repeatable read read only");
    const { rows } = await client.query<{ snapshot: string }>("select pg_export_snapshot() as snapshot");
    step("データベースの中身を数えています…");
    const facts = await readDatabaseFacts(client);

    step(`データベースを書き出しています（pg_dump ${tools.major}）…`);
    const dumpFile = path.join(partsDir, DUMP_ENTRY);
    const target = libpqTarget(options.databaseUrl);
    await runPgTool(
      tools.pgDump,
      ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${rows[0]!.snapshot}`, `--file=${dumpFile}`, `--dbname=${target.dbname}`],
      target.env,
      "データベースの書き出し",
    );
    await client.query("commit");

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      appVersion: options.appVersion,
      serverVersion: server.version,
      pgDumpVersion: tools.version,
      database: new URL(options.databaseUrl).pathname.slice(1),
      ...facts,
      dump: { sha256: await sha256OfFile(dumpFile), bytes: (await fs.stat(dumpFile)).size },
    };
    await fs.writeFile(path.join(partsDir, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);

    step("アーカイブにまとめています…");
    await tar.create({ file: partial, cwd: partsDir, portable: true }, [MANIFEST_ENTRY, DUMP_ENTRY]);
    await fs.rename(partial, options.outFile);
    return manifest;
  } finally {
    await client.end().catch(() => {});
    await fs.rm(partsDir, { recursive: true, force: true });
    await fs.rm(partial, { force: true });
  }
}

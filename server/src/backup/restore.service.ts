import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import * as tar from "tar";
import { backupManifestSchema, DUMP_ENTRY, MANIFEST_ENTRY, type BackupManifest } from "./backup-manifest.js";
import { serverMajorOf, sha256OfFile } from "./backup.service.js";
import { differencesBetween, readDatabaseFacts } from "./database-facts.js";
import { findPgTools, libpqTarget, runPgTool } from "./pg-tools.js";

/** A restore refused before anything was changed (bad archive, busy database, newer app, …). */
export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  archive: string;
  /** The database to replace (it need not exist yet). */
  databaseUrl: string;
  /** A scratch directory for the unpacked archive (removed afterwards). */
  workDir: string;
  /** Migration names this app knows: a backup with others comes from a newer app. */
  knownMigrations: readonly string[];
  pgBinDir?: string;
  onStep?: (message: string) => void;
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** The replaced database, kept under this name until the next restore (null if there was none). */
  previousDatabase: string | null;
}

/** Unpacks and checks an archive: exactly our two entries, a valid manifest, the dump's checksum. */
export async function readBackupArchive(archive: string, into: string): Promise<{ manifest: BackupManifest; dumpFile: string }> {
  try {
    await fs.access(archive);
  } catch {
    throw new RestoreRefusedError(`バックアップファイルが見つかりません: ${archive}`);
  }
  const entries: string[] = [];
  try {
    await tar.list({ file: archive, onReadEntry: (entry) => void entries.push(entry.path) });
  } catch (error) {
    throw new RestoreRefusedError(`バックアップファイルとして読めません（tar 形式ではありません）: ${String(error)}`);
  }
  const expected = [MANIFEST_ENTRY, DUMP_ENTRY];
  if (entries.length !== 2 || !expected.every((name) => entries.includes(name))) {
    throw new RestoreRefusedError(`バックアップファイルの中身が想定と違います（${entries.join(", ") || "空"}）。kb backup で作ったファイルを指定してください。`);
  }
  await tar.extract({ file: archive, cwd: into, strict: true }, expected);

  let manifest: BackupManifest;
  try {
    manifest = backupManifestSchema.parse(JSON.parse(await fs.readFile(path.join(into, MANIFEST_ENTRY), "utf8")));
  } catch (error) {
    throw new RestoreRefusedError(`バックアップの目録 (manifest.json) が読めません: ${error instanceof Error ? error.message : String(error)}`);
  }
  const dumpFile = path.join(into, DUMP_ENTRY);
  const sha256 = await sha256OfFile(dumpFile);
  if (sha256 !== manifest.dump.sha256) {
    throw new RestoreRefusedError("バックアップファイルが壊れています（データベース部分のチェックサムが目録と一致しません）。何も変更していません。");
  }
  return { manifest, dumpFile };
}

function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function otherSessions(admin: pg.Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    "select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [database],
  );
  return Number(rows[0]!.n);
}

/**
 * `kb restore`: the dump is restored into a new database beside the current one, checked against
 * the manifest (row counts, case versions, attachment bytes), and only then swapped in by renaming.
 * Until the swap nothing the users see has changed; a failure leaves the current database as it was.
 * The replaced database is kept as `<name>_previous` (one generation) so a wrong restore can be undone.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const step = options.onStep ?? (() => {});
  const target = decodeURIComponent(new URL(options.databaseUrl).pathname.slice(1));
  const restoring = `${target}_restoring`;
  const previous = `${target}_previous`;
  if (Buffer.byteLength(previous) > 63) throw new RestoreRefusedError(`データベース名が長すぎます: ${target}`);

  await fs.mkdir(options.workDir, { recursive: true });
  const unpackDir = await fs.mkdtemp(path.join(options.workDir, "restore-"));
  const admin = new pg.Client({ connectionString: withDatabase(options.databaseUrl, "postgres") });
  await admin.connect();
  try {
    step("バックアップファイルを確かめています…");
    const { manifest, dumpFile } = await readBackupArchive(options.archive, unpackDir);
    const unknown = manifest.migrations.filter((name) => !options.knownMigrations.includes(name));
    if (unknown.length) {
      throw new RestoreRefusedError(
        `このバックアップは、より新しい版のアプリで作られています（この版が知らないマイグレーション: ${unknown.join(", ")}）。アプリを更新してから復元してください。`,
      );
    }
    const server = await serverMajorOf(admin);
    const tools = await findPgTools(server.major, options.pgBinDir);
    const dumpMajor = /\(PostgreSQL\)\s+(\d+)/.exec(manifest.pgDumpVersion)?.[1];
    if (dumpMajor && Number(dumpMajor) > tools.major) {
      throw new RestoreRefusedError(`バックアップは pg_dump ${dumpMajor} で作られています。pg_restore ${dumpMajor} 以上が必要です（見つかったのは ${tools.major}）。`);
    }

    const busy = await otherSessions(admin, target);
    if (busy > 0) {
      throw new RestoreRefusedError(
        `データベース ${target} に接続中のプロセスが ${busy} 件あります。サーバー（npm start）を止めてから復元してください。何も変更していません。`,
      );
    }

    step("新しいデータベースに復元しています（pg_restore）…");
    await admin.query(`drop database if exists ${admin.escapeIdentifier(restoring)}`);
    await admin.query(`create database ${admin.escapeIdentifier(restoring)} template template0 encoding 'UTF8'`);
    const restoringUrl = withDatabase(options.databaseUrl, restoring);
    try {
      const libpq = libpqTarget(restoringUrl);
      await runPgTool(
        tools.pgRestore,
        ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${libpq.dbname}`, dumpFile],
        libpq.env,
        "復元",
      );

      step("復元した中身を目録と照らし合わせています…");
      const check = new pg.Client({ connectionString: restoringUrl });
      await check.connect();
      try {
        const problems = differencesBetween(manifest, await readDatabaseFacts(check));
        if (problems.length) throw new Error(`復元したデータが目録と一致しません: ${problems.join(" / ")}`);
        // A backup holds the sessions open when it was taken; some have been ended since (ログアウト,
        // a password change, a deactivated account). The restore cannot tell which, so it ends them
        // all: everybody signs in again, and no ended session comes back.
        const ended = await check.query("delete from sessions");
        step(`ログイン中だったセッション ${ended.rowCount ?? 0}件を終了しました（復元後は全員が改めてログインします）。`);
      } finally {
        await check.end();
      }

      step("復元したデータベースに切り替えています…");
      const busyNow = await otherSessions(admin, target);
      if (busyNow > 0) throw new RestoreRefusedError(`復元中にデータベース ${target} へ接続したプロセスがあります。サーバーを止めてからやり直してください。`);
      const exists = (await admin.query("select 1 from pg_database where datname = $1", [target])).rowCount === 1;
      if (exists) {
        await admin.query(`drop database if exists ${admin.escapeIdentifier(previous)}`);
        await admin.query(`alter database ${admin.escapeIdentifier(target)} rename to ${admin.escapeIdentifier(previous)}`);
      }
      try {
        await admin.query(`alter database ${admin.escapeIdentifier(restoring)} rename to ${admin.escapeIdentifier(target)}`);
      } catch (error) {
        // Put the current database back under its name before reporting.
        if (exists) await admin.query(`alter database ${admin.escapeIdentifier(previous)} rename to ${admin.escapeIdentifier(target)}`);
        throw error;
      }
      return { manifest, previousDatabase: exists ? previous : null };
    } catch (error) {
      await admin.query(`drop database if exists ${admin.escapeIdentifier(restoring)}`).catch(() => {});
      throw error;
    }
  } finally {
    await admin.end().catch(() => {});
    await fs.rm(unpackDir, { recursive: true, force: true });
  }
}

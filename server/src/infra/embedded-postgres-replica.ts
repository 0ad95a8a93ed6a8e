import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import type { Logger } from "../logger.js";
import { EMBEDDED_POSTGRES_MAJOR, type RunningPostgres } from "./embedded-postgres.js";
import { getFreePort, isProcessAlive, sleep, terminate, waitFor, watchChildExit } from "./process-utils.js";

const run = promisify(execFile);

/**
 * A streaming replica of the embedded PostgreSQL (KB_DB_REPLICA=embedded; development and tests of
 * the read-replica path, server/src/db/replicas.ts).
 *
 * embedded-postgres ships initdb, pg_ctl and postgres but no pg_basebackup, so the copy is taken with
 * the system's (Debian's postgresql-client-<major>, the same major as the bundled server: a
 * pg_basebackup does not copy a newer server). The primary needs nothing: initdb's pg_hba.conf already
 * lets its user replicate from 127.0.0.1 with the cluster's auth method, and PostgreSQL ≥ 10
 * defaults to wal_level=replica with 10 WAL senders. `-R` writes standby.signal and primary_conninfo;
 * the replica then runs the bundled `postgres` on its own port, as the same (non-root) user as the primary.
 *
 * The copy is taken afresh at every start: a dev replica holds nothing of its own, and a stale one
 * (primary re-initialised, WAL recycled while it was down) could not follow anyway.
 */
export async function startEmbeddedReplica(
  primaryUrl: string,
  replicaDir: string,
  logger: Logger,
  options: { port?: number; pgBinDir?: string } = {},
): Promise<RunningPostgres> {
  const log = logger.child({ service: "postgres-replica" });
  const runAs = os.userInfo().uid === 0 ? postgresUser() : undefined;
  await fs.rm(replicaDir, { recursive: true, force: true });
  await fs.mkdir(replicaDir, { recursive: true, mode: 0o700 });
  if (runAs) await fs.chown(replicaDir, runAs.uid, runAs.gid);

  const basebackup = findPgBasebackup(options.pgBinDir);
  log.info({ replicaDir }, "copying the primary for a streaming replica (pg_basebackup)");
  try {
    await run(basebackup, ["--dbname", primaryUrl, "--pgdata", replicaDir, "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--no-password"], runAs ?? {});
  } catch (error) {
    throw new Error(`pg_basebackup of the embedded PostgreSQL failed: ${(error as { stderr?: string }).stderr?.trim() || String(error)}`, { cause: error });
  }

  const port = options.port ?? (await getFreePort());
  const child = spawn(
    await embeddedPostgresBinary(),
    ["-D", replicaDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "hot_standby=on"],
    { ...(runAs ?? {}), stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (chunk: Buffer) => log.debug(chunk.toString("utf8").trim()));
  const watched = watchChildExit(child, "SIGINT");

  const primary = new URL(primaryUrl);
  const url = new URL(primaryUrl);
  url.port = String(port);
  // Ready once it answers as a replica (a standby logs "ready to accept read-only connections").
  try {
    await waitFor(
      async () => {
        if (watched.hasExited) throw new Error("the replica's postgres exited");
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        try {
          return (await client.query<{ r: boolean }>("select pg_is_in_recovery() as r")).rows[0]!.r;
        } finally {
          await client.end();
        }
      },
      60_000,
      `the PostgreSQL replica on port ${port}`,
    );
  } catch (error) {
    child.kill("SIGINT");
    throw error;
  }
  log.info({ port, pid: child.pid, primaryPort: primary.port }, "PostgreSQL streaming replica is ready");

  return {
    url: url.toString(),
    pid: child.pid!,
    exited: watched.exited,
    async stop() {
      watched.forget();
      if (watched.hasExited || !isProcessAlive(child.pid)) return;
      await terminate(child.pid!, "SIGINT", 30_000);
      // terminate() polls the pid; give the 'exit' event its turn so `exited` settles too.
      await Promise.race([watched.exited, sleep(1000)]);
    },
  };
}

/** The `postgres` system user the embedded primary runs as under root (embedded-postgres creates it). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** pg_basebackup: KB_PG_BIN_DIR, else Debian's for the bundled major, else PATH. */
function findPgBasebackup(pgBinDir: string | undefined): string {
  for (const dir of [pgBinDir, `/usr/lib/postgresql/${EMBEDDED_POSTGRES_MAJOR}/bin`]) {
    if (dir && existsSync(path.join(dir, "pg_basebackup"))) return path.join(dir, "pg_basebackup");
  }
  return "pg_basebackup";
}

/** The `postgres` binary embedded-postgres runs (its platform package's export). */
async function embeddedPostgresBinary(): Promise<string> {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const module = (await import(pathToFileURL(fromEmbedded.resolve(platformPackage)).href)) as { postgres?: string; default?: { postgres?: string } };
  const binary = module.postgres ?? module.default?.postgres;
  if (!binary) throw new Error(`${platformPackage} exposes no postgres binary`);
  return binary;
}

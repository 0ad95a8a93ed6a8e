import { rmSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { AppConfig } from "../config/index.js";
import type { Logger } from "../logger.js";
import { startEmbeddedMeilisearch, type RunningMeilisearch } from "./embedded-meilisearch.js";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres.js";
import { startEmbeddedReplica } from "./embedded-postgres-replica.js";
import { startChildReaper } from "./child-reaper.js";
import { getFreePort, isProcessAlive, sleep } from "./process-utils.js";
import { readOrCreateSecret } from "./secrets.js";
import { Supervisor, type ChildState } from "./supervisor.js";

/**
 * Where PostgreSQL and Meilisearch are, and who runs them. Each one is embedded unless its URL is
 * set. The process that starts the embedded ones records them in `<dataDir>/run/services.json`, so
 * that `npm run kb` can use the services of a running `npm start` instead of starting a second pair
 * on the same data (which PostgreSQL's lock would refuse anyway).
 */
export interface BackingServices {
  databaseUrl: string;
  /** Read replicas of databaseUrl (DATABASE_REPLICA_URLS, or the embedded one of KB_DB_REPLICA=embedded). */
  replicaUrls: string[];
  meiliUrl: string;
  meiliMasterKey?: string;
  /** The second search node (MEILI_REPLICA_URL, or the embedded one of KB_SEARCH_REPLICA=embedded); unset: one node. */
  meiliReplicaUrl?: string;
  meiliReplicaMasterKey?: string;
  /** True when this process started embedded services and must stop them. */
  owned: boolean;
  /** Settles with a message when an embedded service this process owns died and could not be restarted. */
  crashed: Promise<string>;
  /** The embedded services this process supervises, for /healthz (empty when it owns none). */
  embedded(): Record<string, { state: ChildState; restarts: number }>;
  /** Stop restarting children: the process is shutting down (a terminal's Ctrl-C reaches PostgreSQL too). */
  quiesce(): void;
  stop(): Promise<void>;
}

export interface RuntimeRecord {
  ownerPid: number;
  state: "starting" | "ready";
  databaseUrl?: string;
  meiliUrl?: string;
  meiliReplicaUrl?: string;
  postgresPid?: number;
  meiliPid?: number;
  meiliReplicaPid?: number;
}

export class ServicesBusyError extends Error {}

const NEVER = new Promise<string>(() => {});

export async function acquireBackingServices(
  config: AppConfig,
  logger: Logger,
  options: { reuseRunning: boolean },
): Promise<BackingServices> {
  const needPostgres = !config.databaseUrl;
  const needMeili = !config.meiliUrl;
  const needReplica = config.searchReplicaEmbedded;
  if (!needPostgres && !needMeili && !needReplica) {
    return {
      databaseUrl: config.databaseUrl!,
      replicaUrls: config.databaseReplicaUrls,
      meiliUrl: config.meiliUrl!,
      meiliMasterKey: config.meiliMasterKey,
      meiliReplicaUrl: config.meiliReplicaUrl,
      meiliReplicaMasterKey: config.meiliReplicaMasterKey,
      owned: false,
      crashed: NEVER,
      embedded: () => ({}),
      quiesce: () => {},
      stop: async () => {},
    };
  }

  const runDir = path.join(config.dataDir, "run");
  const recordFile = path.join(runDir, "services.json");
  await fs.mkdir(runDir, { recursive: true });

  for (let attempt = 0; ; attempt++) {
    const claimed = await claimRecord(recordFile);
    if (claimed) break;
    const record = await readRecord(recordFile);
    if (!record) {
      // Being written by its owner right now: look again shortly.
      if (attempt > 600) throw new Error(`${recordFile} is unreadable; remove it if no server is running`);
      await sleep(100);
      continue;
    }
    if (!isProcessAlive(record.ownerPid)) {
      // The owner crashed without cleaning up: take over (stale children are stopped on start).
      await fs.rm(recordFile, { force: true });
      continue;
    }
    if (!options.reuseRunning) {
      throw new ServicesBusyError(
        `Another process (pid ${record.ownerPid}) is running the embedded services in ${config.dataDir}. ` +
          "Stop it first, or give this one its own KB_DATA_DIR.",
      );
    }
    if (record.state === "ready") {
      logger.info({ ownerPid: record.ownerPid }, "using the embedded services of the running server");
      const embeddedKey = () => readOrCreateSecret(path.join(config.dataDir, "secrets", "meili-master-key"));
      // (The CLI borrowing them has no use for the read replica: its reads follow its own writes.)
      return {
        databaseUrl: config.databaseUrl ?? record.databaseUrl!,
        replicaUrls: config.databaseUrl ? config.databaseReplicaUrls : [],
        meiliUrl: config.meiliUrl ?? record.meiliUrl!,
        meiliMasterKey: config.meiliUrl ? config.meiliMasterKey : await embeddedKey(),
        meiliReplicaUrl: config.meiliReplicaUrl ?? record.meiliReplicaUrl,
        meiliReplicaMasterKey: config.meiliReplicaUrl ? config.meiliReplicaMasterKey : record.meiliReplicaUrl ? await embeddedKey() : undefined,
        owned: false,
        crashed: NEVER,
        embedded: () => ({}),
        quiesce: () => {},
        stop: async () => {},
      };
    }
    if (attempt > 600) throw new Error("timed out waiting for the embedded services another process is starting");
    await sleep(100);
  }

  let postgres: RunningPostgres | undefined;
  let meili: RunningMeilisearch | undefined;
  let replica: RunningMeilisearch | undefined;
  let pgReplica: RunningPostgres | undefined;
  const stop = async () => {
    await pgReplica?.stop().catch(() => {});
    await Promise.allSettled([meili?.stop(), replica?.stop(), postgres?.stop()]);
    await fs.rm(recordFile, { force: true });
  };
  // Fixed ports: a restarted child must answer on the URL the ORM and the search worker hold.
  const [postgresPort, meiliPort, replicaPort] = await Promise.all([getFreePort(), getFreePort(), getFreePort()]);
  const startPostgres = () => startEmbeddedPostgres(config.dataDir, logger, { port: postgresPort });
  const startMeili = () => startEmbeddedMeilisearch(config.dataDir, logger, { port: meiliPort });
  // The second node: its own data (<dataDir>/meilisearch-replica) and port, supervised like the first.
  const startReplica = () => startEmbeddedMeilisearch(config.dataDir, logger, { port: replicaPort, home: "meilisearch-replica" });
  try {
    [postgres, meili, replica] = await Promise.all([
      needPostgres ? startPostgres() : undefined,
      needMeili ? startMeili() : undefined,
      needReplica ? startReplica() : undefined,
    ]);
    // KB_DB_REPLICA=embedded: a streaming replica of the embedded primary, for the read-replica path.
    // Not supervised: when it is gone, lag-tolerant reads simply go to the primary (db/replicas.ts).
    if (postgres && config.embeddedReplica) {
      pgReplica = await startEmbeddedReplica(postgres.url, path.join(config.dataDir, "postgres-replica"), logger, { pgBinDir: config.pgBinDir });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  // However this process ends, the record must not claim services it no longer runs, and the
  // children must not outlive us (the reaper covers a SIGKILL, which runs no handler).
  const forgetRecord = () => rmSync(recordFile, { force: true });
  process.once("exit", forgetRecord);
  const reaper = startChildReaper();
  const supervisors: {
    postgres?: Supervisor<RunningPostgres>;
    meilisearch?: Supervisor<RunningMeilisearch>;
    "meilisearch-replica"?: Supervisor<RunningMeilisearch>;
  } = {};
  const record = async () => {
    const pg = supervisors.postgres?.child;
    const ms = supervisors.meilisearch?.child;
    const rs = supervisors["meilisearch-replica"]?.child;
    reaper.watch([
      ...(pg ? [{ pid: pg.pid, signal: "INT" as const }] : []),
      ...(ms ? [{ pid: ms.pid, signal: "TERM" as const }] : []),
      ...(rs ? [{ pid: rs.pid, signal: "TERM" as const }] : []),
      ...(pgReplica ? [{ pid: pgReplica.pid, signal: "INT" as const }] : []),
    ]);
    await writeRecord(recordFile, {
      ownerPid: process.pid,
      state: "ready",
      databaseUrl: pg?.url,
      meiliUrl: ms?.url,
      meiliReplicaUrl: rs?.url,
      postgresPid: pg?.pid,
      meiliPid: ms?.pid,
      meiliReplicaPid: rs?.pid,
    });
  };
  const onRestarted = () => void record().catch((error: unknown) => logger.warn({ err: error }, `could not update ${recordFile}`));
  if (postgres) supervisors.postgres = new Supervisor("PostgreSQL", postgres, startPostgres, logger.child({ service: "postgres" }), onRestarted);
  if (meili) supervisors.meilisearch = new Supervisor("Meilisearch", meili, startMeili, logger.child({ service: "meilisearch" }), onRestarted);
  if (replica) {
    supervisors["meilisearch-replica"] = new Supervisor("Meilisearch (replica)", replica, startReplica, logger.child({ service: "meilisearch-replica" }), onRestarted);
  }
  await record();
  const all = Object.values(supervisors);
  // A second search node that cannot be restarted leaves the product with one node (healthz says
  // so); it is no reason to stop the server.
  const replicaSupervisor = supervisors["meilisearch-replica"];
  const crashed = Promise.race(all.filter((s) => s !== replicaSupervisor).map((s) => s.failed));
  void replicaSupervisor?.failed.then((message) => logger.error({ message }, "the second Meilisearch could not be restarted; searching on one node"));

  const runningReplica = pgReplica;
  return {
    databaseUrl: config.databaseUrl ?? postgres!.url,
    replicaUrls: runningReplica ? [runningReplica.url] : config.databaseReplicaUrls,
    meiliUrl: config.meiliUrl ?? meili!.url,
    meiliMasterKey: config.meiliUrl ? config.meiliMasterKey : meili!.masterKey,
    meiliReplicaUrl: config.meiliReplicaUrl ?? replica?.url,
    meiliReplicaMasterKey: config.meiliReplicaUrl ? config.meiliReplicaMasterKey : replica?.masterKey,
    owned: true,
    crashed,
    embedded: () =>
      Object.fromEntries(Object.entries(supervisors).map(([name, s]) => [name, { state: s.state, restarts: s.restarts }])),
    quiesce() {
      for (const s of all) s.quiesce();
    },
    async stop() {
      await runningReplica?.stop().catch(() => {});
      await Promise.allSettled(all.map((s) => s.stop()));
      reaper.close();
      await fs.rm(recordFile, { force: true });
      process.removeListener("exit", forgetRecord);
    },
  };
}

async function claimRecord(file: string): Promise<boolean> {
  try {
    await fs.writeFile(file, JSON.stringify({ ownerPid: process.pid, state: "starting" } satisfies RuntimeRecord), {
      flag: "wx",
    });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function readRecord(file: string): Promise<RuntimeRecord | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as RuntimeRecord;
  } catch {
    return undefined;
  }
}

async function writeRecord(file: string, record: RuntimeRecord): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  await fs.writeFile(partial, JSON.stringify(record, null, 2));
  await fs.rename(partial, file);
}

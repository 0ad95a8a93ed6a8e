import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { AppConfig } from "./config/index.js";
import { Case } from "./cases/index.js";
import { initOrm, migrate, startReplicaMonitor, withStartupLock } from "./db/index.js";
import { applyHomeOrganisationConfig, ensureSeedOrganisations, readOrganisationSeedFile } from "./organisations/index.js";
import { AppError } from "./kernel/index.js";
import { FreshnessJob } from "./freshness/index.js";
import { MailOutboxWorker } from "./mail/index.js";
import { buildAppSchema } from "./graphql/index.js";
import { failAbandonedImportRuns, importInterchangeFile } from "./importer/index.js";
import { createHttpApp, listenHttp } from "./http/index.js";
import { acquireBackingServices, type BackingServices } from "./infra/index.js";
import type { Logger } from "./logger.js";
import { CaseSearchIndex, PRIMARY_NODE, registerSearchNodes, REPLICA_NODE, SearchOutboxWorker } from "./search/index.js";
import { loadTagVocabulary, readTagSeedFile } from "./tags/index.js";
import { ensureDemoAccounts, type DemoAccount } from "./users/index.js";

/**
 * The backend without HTTP: services (embedded or external), ORM migrated, search index ready.
 * Used by the server, the `kb` CLI and tests alike.
 */
export interface Backend {
  config: AppConfig;
  logger: Logger;
  services: BackingServices;
  orm: MikroORM;
  /** The search node readers ask first ("primary"); with a second node, its searches fail over to it. */
  index: CaseSearchIndex;
  /** Every search node: the primary, and the replica when one is configured (README, Search availability). */
  searchNodes: CaseSearchIndex[];
  close(): Promise<void>;
}

export async function openBackend(
  config: AppConfig,
  logger: Logger,
  options: { reuseRunningServices: boolean },
): Promise<Backend> {
  const services = await acquireBackingServices(config, logger, { reuseRunning: options.reuseRunningServices });
  try {
    return await connectBackend(config, logger, services);
  } catch (error) {
    await services.stop();
    throw error;
  }
}

/**
 * The backend on services someone already holds: ORM connected and migrated, index ready.
 * Closing it stops the services too (they are handed over).
 */
export async function connectBackend(config: AppConfig, logger: Logger, services: BackingServices): Promise<Backend> {
  let orm: MikroORM | undefined;
  try {
    orm = await initOrm(services.databaseUrl, logger, { replicaUrls: services.replicaUrls });
    const index = CaseSearchIndex.connect(services.meiliUrl, services.meiliMasterKey, config.searchIndex, {
      resultCacheEntries: config.searchCacheEntries,
      node: PRIMARY_NODE,
    });
    const replica = services.meiliReplicaUrl
      ? CaseSearchIndex.connect(services.meiliReplicaUrl, services.meiliReplicaMasterKey, config.searchIndex, {
          resultCacheEntries: config.searchCacheEntries,
          node: REPLICA_NODE,
        })
      : undefined;
    if (replica) {
      index.pairWith(replica);
      replica.pairWith(index);
    }
    // Instances started together take turns (db/startup-lock.ts): one migrates and creates the index.
    const ormReady = orm;
    await withStartupLock(services.databaseUrl, async () => {
      const applied = await migrate(ormReady);
      if (applied) logger.info({ applied }, "database migrated");
      // The installation's own organisation takes its name from KB_ORGANISATION_* once (first start after the migration).
      if (await applyHomeOrganisationConfig(ormReady.em.fork(), config.homeOrganisation).catch(explainOrganisationConfig)) {
        logger.info({ name: config.homeOrganisation.name, code: config.homeOrganisation.code }, "named the installation's own organisation from KB_ORGANISATION_*");
      }
      await index.ensure();
      // The second node may be down now: its worker applies the settings before its first batch.
      await replica?.ensure().catch((error: unknown) => logger.warn({ err: error }, "the second Meilisearch is not reachable; its index is prepared when it is"));
    });
    // Read replicas (db/replicas.ts): watched from here on; none configured, nothing runs.
    const replicas = await startReplicaMonitor(orm, {
      maxLagMs: config.replicaMaxLagMs,
      intervalMs: Math.min(1000, Math.max(100, Math.floor(config.replicaMaxLagMs / 5))),
      logger: logger.child({ component: "replicas" }),
    });
    if (replicas) logger.info({ replicas: replicas.snapshot(), maxLagMs: config.replicaMaxLagMs }, "reading lists and search pages from read replicas");
    const ormRef = orm;
    return {
      config,
      logger,
      services,
      orm,
      index,
      searchNodes: replica ? [index, replica] : [index],
      async close() {
        await replicas?.stop();
        await closeOrm(ormRef, logger);
        logger.debug("database connections closed");
        await services.stop();
      },
    };
  } catch (error) {
    await orm?.close(true).catch(() => {});
    throw error;
  }
}

/** A KB_ORGANISATION_* the shared schema refuses stops the start with what is wrong, field by field. */
function explainOrganisationConfig(error: unknown): never {
  if (error instanceof AppError && error.fields.length) {
    throw new Error(`KB_ORGANISATION_*: ${error.fields.map((f) => `${f.path}: ${f.message}`).join(" / ")}`, { cause: error });
  }
  throw error;
}

/**
 * Closes the ORM's pool, waiting at most a few seconds. A connection that dies inside a transaction
 * is never handed back to the pool (Kysely releases it only after a successful ROLLBACK, which a
 * dead connection cannot run), and the pool's end() waits for it forever; with no socket left, Node
 * then exited with code 0 in the middle of `await`, so `kb import` reported nothing.
 */
async function closeOrm(orm: MikroORM, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), 5000);
  });
  try {
    const result = await Promise.race([orm.close(true).then(() => "closed" as const), gaveUp]);
    if (result === "timeout") logger.warn("a database connection was lost and could not be closed; continuing");
  } finally {
    clearTimeout(timer);
  }
}

/** Loads seeds/cases.jsonl when the database has no case yet (first start). */
export async function seedIfEmpty(backend: Backend): Promise<number> {
  const count = await backend.orm.em.fork().count(Case, {});
  if (count > 0) return 0;
  return loadSeeds(backend.orm, backend.config.repoRoot, backend.logger);
}

/**
 * The seeds (seeds/README.md): the organisations the seed cases come from (seeds/organisations.json),
 * then the cases, each into the organisation its `organisation` names, then the tag vocabulary.
 * Answers how many cases it created.
 */
export async function loadSeeds(orm: MikroORM, repoRoot: string, logger: Logger): Promise<number> {
  const organisations = await ensureSeedOrganisations(orm.em.fork(), await readOrganisationSeedFile(path.join(repoRoot, "seeds", "organisations.json")));
  logger.info(organisations, "loaded the seed organisations");
  const file = path.join(repoRoot, "seeds", "cases.jsonl");
  const report = await importInterchangeFile(orm, file);
  if (!report.imported) {
    throw new Error(`seeds/cases.jsonl is invalid: ${JSON.stringify(report.errors.slice(0, 5))}`);
  }
  logger.info({ created: report.created }, "loaded the seed cases");
  // Categories and descriptions of the seed vocabulary (tags).
  const tags = await loadTagVocabulary(orm.em.fork(), await readTagSeedFile(path.join(repoRoot, "seeds", "tags.json")));
  logger.info(tags, "loaded the seed tag vocabulary");
  return report.created;
}

export interface RunningApp {
  backend: Backend;
  /** The primary node's search sync. */
  worker: SearchOutboxWorker;
  /** One search sync per node, each on its own outbox rows. */
  workers: SearchOutboxWorker[];
  demoAccounts: DemoAccount[];
  url: string;
  stop(): Promise<void>;
}

/** Starts everything `npm start` runs: backend, seeds, search worker, HTTP. */
export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  const backend = await openBackend(config, logger, { reuseRunningServices: false });
  let server: Server | undefined;
  let worker: SearchOutboxWorker | undefined;
  let workers: SearchOutboxWorker[] = [];
  let freshness: FreshnessJob | undefined;
  let mail: MailOutboxWorker | undefined;
  try {
    workers = backend.searchNodes.map(
      (node) =>
        new SearchOutboxWorker(backend.orm, node, backend.services.databaseUrl, logger.child({ component: "search-sync", node: node.node }), {
          minDrainIntervalMs: config.searchSyncIntervalMs,
          countsWindowMs: config.searchCountsWindowMs,
          ensureIndex: node.node !== PRIMARY_NODE,
        }),
    );
    worker = workers[0]!;
    const startingWorker = worker;
    const demoAccounts = await withStartupLock(backend.services.databaseUrl, async () => {
      // Which nodes get outbox rows: the ones this server is configured with (a new one is queued every published case).
      await registerSearchNodes(backend.orm, backend.searchNodes.map((n) => n.node), logger);
      // On a first start, the printed URL should already find the seed cases: index them before serving.
      // (Under the startup lock: of N instances started together on an empty database, one seeds.)
      if (config.seedOnEmpty && (await seedIfEmpty(backend)) > 0) await startingWorker.drainUntilEmpty();
      return config.demoAccounts ? await ensureDemoAccounts(backend.orm, config.repoRoot, config.dataDir) : [];
    });
    await Promise.all(workers.map((w) => w.start()));
    // Imports a previous server process was running when it died read as failed from now on.
    await failAbandonedImportRuns(backend.orm, logger);
    // 鮮度確認: notifies owning 課 of cases not reviewed for two fiscal years, every 6 hours.
    freshness = new FreshnessJob(backend.orm, logger.child({ component: "freshness" }));
    freshness.start();
    // Follow notices by e-mail (KB_SMTP_*): sent from the outbox, retried with backoff (mail/).
    mail = new MailOutboxWorker(backend.orm, config.smtp, logger.child({ component: "mail" }), { pollMs: config.mailPollMs, publicUrl: config.publicUrl });
    mail.start();
    const { app, apollo } = await createHttpApp({
      config,
      logger,
      orm: backend.orm,
      index: backend.index,
      schema: await buildAppSchema(),
      embedded: () => backend.services.embedded(),
    });
    server = await listenHttp(app, config.port, "0.0.0.0");
    const port = (server.address() as AddressInfo).port;
    const runningServer = server;
    const runningWorkers = workers;
    const runningFreshness = freshness;
    const runningMail = mail;
    return {
      backend,
      worker,
      workers,
      demoAccounts,
      url: `http://localhost:${port}/`,
      async stop() {
        // From here on a child that exits is being stopped, not crashing: no restarts.
        backend.services.quiesce();
        const closed = new Promise<void>((resolve) => runningServer.close(() => resolve()));
        runningServer.closeIdleConnections();
        await closed;
        logger.debug("http closed");
        await apollo.stop();
        logger.debug("graphql stopped");
        await runningFreshness.stop();
        await runningMail.stop();
        await Promise.all(runningWorkers.map((w) => w.stop()));
        logger.debug("search worker stopped");
        await backend.close();
        logger.debug("backend closed");
      },
    };
  } catch (error) {
    server?.close();
    await freshness?.stop();
    await mail?.stop();
    await Promise.all(workers.map((w) => w.stop()));
    await backend.close();
    throw error;
  }
}

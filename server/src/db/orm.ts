import "reflect-metadata";
import { ReflectMetadataProvider } from "@mikro-orm/decorators/legacy";
import { Migrator } from "@mikro-orm/migrations";
import { defineConfig, MikroORM, type Options } from "@mikro-orm/postgresql";
import { notifyFollowersOfPublication } from "../follows/index.js";
import { DomainEventDispatcher } from "../kernel/index.js";
import type { Logger } from "../logger.js";
import { projectSearch } from "../search/index.js";
import { ENTITIES } from "./entities.js";
import { MIGRATIONS } from "./migrations/index.js";
import { KbEntityManager, KbPostgreSqlDriver } from "./replicas.js";

export type Orm = MikroORM;

export interface OrmOptions extends Partial<Options> {
  /** Read replicas of `databaseUrl` (DATABASE_REPLICA_URLS or the embedded one), for lag-tolerant reads only (db/replicas.ts). */
  replicaUrls?: readonly string[];
}

export function ormConfig(databaseUrl: string, logger?: Logger, overrides: OrmOptions = {}): Options {
  const { replicaUrls = [], ...rest } = overrides;
  return defineConfig({
    clientUrl: databaseUrl,
    // Our driver and EntityManager only add a usable-replica choice and a per-request opt-in; with no
    // replica they are MikroORM's own.
    driver: KbPostgreSqlDriver,
    entityManager: KbEntityManager,
    // A replica that stops answering (a host gone, not a refused port) must not hold a reader for long:
    // a connection not made in 2 s fails as unavailable and the read is retried on the primary.
    replicas: replicaUrls.map((clientUrl, i) => ({
      name: `replica-${i + 1}`,
      clientUrl,
      pool: { min: 0, max: 10 },
      driverOptions: { connectionTimeoutMillis: 2000 },
    })),
    // Never "any read outside a transaction": services read-modify-write, and sessions, rate limits and
    // outboxes must see the latest. Only a request's reader fork asks for 'read' (db/replicas.ts).
    preferReadReplicas: false,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // Facts writers record (kernel/domain-events.ts) reach their consumers inside the writer's
    // transaction, whichever process opened the ORM (server, CLI, tests): nothing to forget.
    subscribers: [new DomainEventDispatcher([projectSearch, notifyFollowersOfPublication])],
    // Relations are loaded through MikroORM's dataloader: a page of cases costs a fixed number of queries.
    dataloader: true,
    ensureDatabase: false,
    allowGlobalContext: false,
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: "mikro_orm_migrations",
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: 10 },
    debug: false,
    logger: (message) => logger?.debug({ component: "orm" }, message),
    ...rest,
  });
}

export async function initOrm(databaseUrl: string, logger?: Logger, overrides: OrmOptions = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(databaseUrl, logger, overrides));
}

/** Applies the committed migrations (never `schema:update` at run time). */
export async function migrate(orm: MikroORM): Promise<number> {
  const applied = await orm.migrator.up();
  return applied.length;
}

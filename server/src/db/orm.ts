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

export type Orm = MikroORM;

export function ormConfig(databaseUrl: string, logger?: Logger, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
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
    ...overrides,
  });
}

export async function initOrm(databaseUrl: string, logger?: Logger, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(databaseUrl, logger, overrides));
}

/** Applies the committed migrations (never `schema:update` at run time). */
export async function migrate(orm: MikroORM): Promise<number> {
  const applied = await orm.migrator.up();
  return applied.length;
}

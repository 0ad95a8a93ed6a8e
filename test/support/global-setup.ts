import fs from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { startEmbeddedMeilisearch } from "../../server/src/infra/embedded-meilisearch.js";
import { startEmbeddedPostgres } from "../../server/src/infra/embedded-postgres.js";
import { createLogger } from "../../server/src/logger.js";

/**
 * Real services for the whole run: PostgreSQL and Meilisearch started once (embedded, in a
 * throw-away data dir), or the ones named by DATABASE_URL / MEILI_URL. Each test file then makes its
 * own database and index (test/support/test-backend.ts), so files run in parallel without sharing.
 */
declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    meiliUrl: string;
    meiliMasterKey: string;
  }
}

export default async function setup(project: TestProject) {
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  const stops: (() => Promise<void>)[] = [];
  let dataDir: string | undefined;
  if (!process.env.DATABASE_URL || !process.env.MEILI_URL) {
    await fs.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
    dataDir = await fs.mkdtemp(path.join(REPO_ROOT, ".data", "test-"));
    await fs.chmod(dataDir, 0o755);
  }

  let databaseAdminUrl = process.env.DATABASE_URL;
  if (!databaseAdminUrl) {
    const pg = await startEmbeddedPostgres(dataDir!, logger);
    stops.push(() => pg.stop());
    databaseAdminUrl = pg.url;
  }
  let meiliUrl = process.env.MEILI_URL;
  let meiliMasterKey = process.env.MEILI_MASTER_KEY ?? "";
  if (!meiliUrl) {
    const meili = await startEmbeddedMeilisearch(dataDir!, logger);
    stops.push(() => meili.stop());
    meiliUrl = meili.url;
    meiliMasterKey = meili.masterKey;
  }
  project.provide("databaseAdminUrl", databaseAdminUrl);
  project.provide("meiliUrl", meiliUrl);
  project.provide("meiliMasterKey", meiliMasterKey);

  return async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}

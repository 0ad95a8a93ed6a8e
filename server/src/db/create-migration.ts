/**
 * Developer tool: `npm run migration:create -w server -- <name>` writes the next migration from the
 * difference between the entities and the schema the existing migrations build. It runs against a
 * throw-away embedded PostgreSQL, so it needs nothing installed and never touches real data.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../config/config.js";
import { startEmbeddedPostgres } from "../infra/embedded-postgres.js";
import { createLogger } from "../logger.js";
import { initOrm, migrate } from "./orm.js";

const name = process.argv[2];
const logger = createLogger("info");
const scratch = await fs.mkdtemp(path.join(REPO_ROOT, ".data", "migration-scratch-"));
await fs.chmod(scratch, 0o755);
const pg = await startEmbeddedPostgres(scratch, logger);
try {
  const orm = await initOrm(pg.url, logger);
  await migrate(orm);
  const result = await orm.migrator.create(path.join(REPO_ROOT, "server/src/db/migrations"), false, false, name);
  if (!result.fileName) logger.info("entities and migrations agree: nothing to write");
  else logger.info({ file: result.fileName }, "written; add it to server/src/db/migrations/index.ts");
  await orm.close();
} finally {
  await pg.stop();
  await fs.rm(scratch, { recursive: true, force: true });
}

/**
 * Developer tool: `npm run migration:create -w server -- <name>` writes the next migration from the
 * difference between the entities and the schema the existing migrations build. It runs against a
 * throw-away embedded PostgreSQL, so it needs nothing installed and never touches real data.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../config/index.js";
import { startEmbeddedPostgres } from "../infra/index.js";
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
  const dir = path.join(REPO_ROOT, "server/src/db/migrations");
  const result = await orm.migrator.create(dir, false, false, name);
  if (!result.fileName) {
    logger.info("entities and migrations agree: nothing to write");
  } else {
    await registerMigration(path.join(dir, "index.ts"), result.fileName.replace(/\.ts$/, ""));
    logger.info({ file: result.fileName }, "written and added to server/src/db/migrations/index.ts; review it");
  }
  await orm.close();
} finally {
  await pg.stop();
  await fs.rm(scratch, { recursive: true, force: true });
}

/** Adds the new migration class to the explicit list in index.ts. */
async function registerMigration(indexFile: string, className: string): Promise<void> {
  let source = await fs.readFile(indexFile, "utf8");
  source = source.replace(
    /\n\n(\/\*\* Every migration)/,
    `\nimport { ${className} } from "./${className}.js";\n\n$1`,
  );
  source = source.replace(/\n\];\s*$/, `\n  { name: "${className}", class: ${className} },\n];\n`);
  await fs.writeFile(indexFile, source);
}

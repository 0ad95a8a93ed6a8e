import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { inject } from "vitest";
import { openBackend, type Backend } from "../../server/src/app.js";
import { parseConfig, REPO_ROOT } from "../../server/src/config/config.js";
import { startEmbeddedMeilisearch, type RunningMeilisearch } from "../../server/src/infra/embedded-meilisearch.js";
import { ensureDatabase } from "../../server/src/infra/embedded-postgres.js";
import { createLogger } from "../../server/src/logger.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";
import { testEnv } from "./test-backend.js";

/**
 * A backend whose Meilisearch belongs to this test file alone, so the test can kill it (SIGKILL,
 * as a crash or an OOM kill would) and start it again on the same data. The backend talks to it
 * through a fixed-port proxy, because a restarted embedded Meilisearch listens on a new port.
 */
export interface FaultBackend extends Backend {
  meili(): RunningMeilisearch;
  proxy: TcpProxy;
  /** SIGKILLs Meilisearch and waits until it is gone. */
  killMeilisearch(): Promise<void>;
  /** Starts Meilisearch again on the same data directory. */
  restartMeilisearch(): Promise<void>;
}

export async function createFaultBackend(): Promise<FaultBackend> {
  const { env, database } = testEnv();
  const adminUrl = new URL(inject("databaseAdminUrl"));
  adminUrl.pathname = "/postgres";
  await ensureDatabase(adminUrl.toString(), database);
  // Retries are expected here: their warnings would bury the test output.
  const logger = createLogger(process.env.LOG_LEVEL ?? "error");

  await fs.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
  const dataDir = await fs.mkdtemp(path.join(REPO_ROOT, ".data", "fault-meili-"));
  // A generated base64url key that starts with "-" is read by Meilisearch as a flag and it refuses
  // to start (1 start in 32); give this instance a key that cannot (reported; the fix belongs in infra).
  await fs.mkdir(path.join(dataDir, "secrets"), { recursive: true });
  await fs.writeFile(path.join(dataDir, "secrets", "meili-master-key"), `k${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  let meili = await startEmbeddedMeilisearch(dataDir, logger);
  const proxy = await startTcpProxy(meili.url);
  const config = parseConfig({ ...env, NODE_ENV: "test", MEILI_URL: proxy.url, MEILI_MASTER_KEY: meili.masterKey });
  const backend = await openBackend(config, logger, { reuseRunningServices: false });
  return {
    ...backend,
    proxy,
    meili: () => meili,
    async killMeilisearch() {
      process.kill(meili.pid, "SIGKILL");
      await meili.exited;
      proxy.dropConnections();
    },
    async restartMeilisearch() {
      meili = await startEmbeddedMeilisearch(dataDir, logger);
      proxy.retarget(meili.url);
    },
    async close() {
      await backend.close();
      await proxy.close();
      await meili.stop().catch(() => {});
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

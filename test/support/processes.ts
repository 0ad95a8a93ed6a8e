import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../../server/src/config/config.js";
import type { RuntimeRecord } from "../../server/src/infra/backing-services.js";

/** Runs the built server or CLI as a real child process (what `npm start` / `npm run kb` run). */
export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

export function spawnNode(script: string, args: string[], env: Record<string, string | undefined>): Spawned {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`process exited while waiting for ${pattern}; output:\n${output.slice(-3000)}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off("exit", onExit);
        };
        listeners.add(check);
        child.once("exit", onExit);
        check();
      });
    },
  };
}

export async function runNode(script: string, args: string[], env: Record<string, string | undefined>) {
  const spawned = spawnNode(script, args, env);
  const code = await spawned.exited;
  return { code, output: spawned.output() };
}

/** What the server prints once it serves: the URL to talk to. */
export const RUNNING_URL = /is running: (http:\/\/localhost:\d+\/)/;

/** `<dataDir>/run/services.json` of a server that runs its embedded services (state "ready"). */
export type ServicesRecord = Required<Pick<RuntimeRecord, "ownerPid" | "databaseUrl" | "meiliUrl" | "postgresPid" | "meiliPid">> &
  Pick<RuntimeRecord, "meiliReplicaUrl" | "meiliReplicaPid">;

/**
 * The product as a newcomer starts it — no URLs set, so the server runs its own PostgreSQL and
 * Meilisearch — in a data dir of its own. The e2e and fault tests of that set-up share this.
 */
export interface EmbeddedProduct {
  readonly dataDir: string;
  /** The variables that make the built server (and `kb`) embed their services in dataDir, with the test's own on top. */
  env(): Record<string, string>;
  /** run/services.json: the pids and URLs of the services the running server started. */
  readRecord(): Promise<ServicesRecord>;
  /** Starts server/dist/main.js and waits for its URL (a first start seeds and indexes: over a minute on a busy machine). */
  start(timeoutMs?: number): Promise<{ server: Spawned; url: string }>;
  /** SIGTERM to every server start() began that still runs, and waits: a failed test leaves none running into the next. */
  stopServers(): Promise<void>;
  /** stopServers(), then the data dir goes. */
  remove(): Promise<void>;
}

/**
 * A data dir under the repo's .data/ (not the system tmp: under root, PostgreSQL runs as the
 * `postgres` user, which must reach it — hence 0755) named after `label`, and the environment above.
 */
export async function embeddedProduct(label: string, env: Record<string, string> = {}): Promise<EmbeddedProduct> {
  await fs.mkdir(path.join(REPO_ROOT, ".data"), { recursive: true });
  const dataDir = await fs.mkdtemp(path.join(REPO_ROOT, ".data", `${label}-`));
  await fs.chmod(dataDir, 0o755);
  const servers: Spawned[] = [];
  const product: EmbeddedProduct = {
    dataDir,
    env: () => ({
      KB_DATA_DIR: dataDir,
      PORT: "0",
      DATABASE_URL: "",
      MEILI_URL: "",
      MEILI_MASTER_KEY: "",
      KB_SEARCH_INDEX: "",
      LOG_LEVEL: "info",
      KB_LOG_FORMAT: "json",
      ...env,
    }),
    readRecord: async () => JSON.parse(await fs.readFile(path.join(dataDir, "run", "services.json"), "utf8")) as ServicesRecord,
    async start(timeoutMs = 180_000) {
      const server = spawnNode("server/dist/main.js", [], product.env());
      servers.push(server);
      const [, url] = await server.waitForOutput(RUNNING_URL, timeoutMs);
      return { server, url: url! };
    },
    async stopServers() {
      for (const server of servers.splice(0)) {
        if (server.child.exitCode === null && server.child.signalCode === null) {
          server.child.kill("SIGTERM");
          await server.exited;
        }
      }
    },
    async remove() {
      await product.stopServers();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
  return product;
}

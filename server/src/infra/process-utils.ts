import type { ChildProcess } from "node:child_process";
import net from "node:net";

/** Asks the kernel for a free loopback port. */
export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not obtain a free port"));
      });
    });
  });
}

export function isProcessAlive(pid: number | undefined): boolean {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else (e.g. the postgres user): still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends `signal`, then SIGKILL if the process is still there after `graceMs`. */
export async function terminate(pid: number, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
  if (!isProcessAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return;
    await sleep(100);
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
}

/** Polls `probe` until it resolves true or the timeout passes. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ""}`);
}

/** How a child process ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child service process watched by watchChildExit. */
export interface WatchedChild {
  /** Settles when the child exits (the supervisor restarts it on an unexpected one). */
  readonly exited: Promise<ChildExit>;
  /** Whether it has exited: a start-up wait stops at once, a stop has nothing left to do. */
  readonly hasExited: boolean;
  /** Removes the last-resort listener: the orderly stop is under way. */
  forget(): void;
}

/**
 * Watches an embedded service's process (PostgreSQL, its replica, Meilisearch), the same for each:
 * until the child exits, a last resort sends it `lastResort` when this process exits without the
 * orderly stop (process.exit in a library, an uncaught error), so no service outlives the server.
 */
export function watchChildExit(child: ChildProcess, lastResort: NodeJS.Signals): WatchedChild {
  let hasExited = false;
  const onOurExit = () => child.kill(lastResort);
  const exited = new Promise<ChildExit>((resolve) => {
    // Already gone before we looked: its 'exit' event has been emitted and will not come again.
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  process.once("exit", onOurExit);
  void exited.then(() => {
    hasExited = true;
    process.removeListener("exit", onOurExit);
  });
  return {
    exited,
    get hasExited() {
      return hasExited;
    },
    forget: () => process.removeListener("exit", onOurExit),
  };
}

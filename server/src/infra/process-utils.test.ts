import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { watchChildExit } from "./process-utils.js";

/**
 * The exit watcher the embedded PostgreSQL, its replica and Meilisearch share: on real child
 * processes, how it ended, and the last-resort listener on our own exit gone once it has.
 */
describe("watchChildExit", () => {
  it("settles with the child's exit and drops the last-resort listener", async () => {
    const listeners = process.listenerCount("exit");
    const child = spawn(process.execPath, ["-e", "setTimeout(() => process.exit(3), 50)"], { stdio: "ignore" });
    const watched = watchChildExit(child, "SIGTERM");
    expect(process.listenerCount("exit")).toBe(listeners + 1);
    expect(watched.hasExited).toBe(false);
    expect(await watched.exited).toEqual({ code: 3, signal: null });
    expect(watched.hasExited).toBe(true);
    expect(process.listenerCount("exit")).toBe(listeners);
  });

  it("reports a child killed by a signal, and one that had already exited when watched", async () => {
    const killed = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const watched = watchChildExit(killed, "SIGINT");
    killed.kill("SIGKILL");
    expect(await watched.exited).toEqual({ code: null, signal: "SIGKILL" });

    const quick = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(quick, "exit");
    const late = watchChildExit(quick, "SIGTERM");
    expect(await late.exited).toEqual({ code: 0, signal: null });
    expect(late.hasExited).toBe(true);
  });

  it("forget() removes the listener for an orderly stop", async () => {
    const listeners = process.listenerCount("exit");
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const watched = watchChildExit(child, "SIGTERM");
    watched.forget();
    expect(process.listenerCount("exit")).toBe(listeners);
    child.kill("SIGTERM");
    expect(await watched.exited).toEqual({ code: null, signal: "SIGTERM" });
  });
});

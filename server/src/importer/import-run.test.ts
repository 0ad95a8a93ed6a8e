import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { REPO_ROOT } from "../config/index.js";
import { createLogger } from "../logger.js";
import type { Viewer } from "../kernel/index.js";
import { ImportRun, type ImportRunner } from "./import-run.entity.js";
import { createImportRun, failAbandonedImportRuns, getImportRun, THIS_HOST } from "./import-run.service.js";

/**
 * An admin import whose server process died (kill -9, OOM, a reboot) must read as failed — nothing
 * was imported, its transaction died with it — and not as 実行中 until a 5-minute heartbeat aged.
 */
let kb: TestBackend;
let admin: Viewer;
const EXAMPLES = path.join(REPO_ROOT, "seeds/import-examples");

beforeAll(async () => {
  kb = await createTestBackend();
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
});
afterAll(() => kb?.close());

async function runningRun(runner: ImportRunner, heartbeatAgoMs: number): Promise<string> {
  const file = { fileName: "case-list.xlsx", bytes: await fs.readFile(path.join(EXAMPLES, "case-list.xlsx")) };
  const mapping = await fs.readFile(path.join(EXAMPLES, "case-list.mapping.json"), "utf8");
  const run = await createImportRun(kb.orm, admin, file, mapping, {});
  const beat = new Date(Date.now() - heartbeatAgoMs);
  await kb.orm.em.fork().nativeUpdate(ImportRun, { id: run.id }, { state: "RUNNING", phase: "write", startedAt: beat, heartbeatAt: beat, runner });
  return run.id;
}

/** The pid of a process of this host that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("an import whose server died", () => {
  it("reads as failed at once when its process on this host is gone", async () => {
    const id = await runningRun({ id: randomUUID(), pid: deadPid(), host: THIS_HOST }, 1000);
    const run = await getImportRun(kb.orm, admin, id);
    expect(run.state).toBe("FAILED");
    expect(run.error).toContain("何も取り込まれていません");
    // Written down, not just shown: the row itself says FAILED now.
    const row = await kb.orm.em.fork().findOneOrFail(ImportRun, id);
    expect(row.state).toBe("FAILED");
    expect(row.finishedAt).not.toBeNull();
  });

  it("reads as failed once the heartbeat of a run on another host has stopped for a minute", async () => {
    const id = await runningRun({ id: randomUUID(), pid: 1, host: "another-host" }, 2 * 60_000);
    expect((await getImportRun(kb.orm, admin, id)).state).toBe("FAILED");
  });

  it("still reads as running while another host's run keeps its heartbeat", async () => {
    const id = await runningRun({ id: randomUUID(), pid: 1, host: "another-host" }, 1000);
    expect((await getImportRun(kb.orm, admin, id)).state).toBe("RUNNING");
    await kb.orm.em.fork().nativeUpdate(ImportRun, { id }, { state: "FAILED" });
  });

  it("still reads as running while the run of a container with the same host name keeps its heartbeat, whatever its pid", async () => {
    // Containers on host networking share the host name; each numbers its processes from 1, so
    // its server may have our pid. Its PID namespace tells it apart: only the heartbeat can say it died.
    const id = await runningRun({ id: randomUUID(), pid: process.pid, host: `${os.hostname()} pid:[1]` }, 1000);
    expect((await getImportRun(kb.orm, admin, id)).state).toBe("RUNNING");
    await kb.orm.em.fork().nativeUpdate(ImportRun, { id }, { state: "FAILED" });
  });

  it("is marked failed when the server starts again", async () => {
    const id = await runningRun({ id: randomUUID(), pid: deadPid(), host: THIS_HOST }, 1000);
    expect(await failAbandonedImportRuns(kb.orm, createLogger("silent"))).toBe(1);
    const row = await kb.orm.em.fork().findOneOrFail(ImportRun, id);
    expect(row.state).toBe("FAILED");
    expect(row.error).toContain("サーバーが停止した");
  });
});

import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnNode } from "../support/processes.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { writeGeneratedFile } from "../support/write-fixture.js";

/**
 * `kb import` whose database dies in the middle of the import's one transaction: nothing is
 * committed (right), and the command must say so and exit non-zero (it used to exit 0 in silence).
 */
let kb: TestBackend;
let dir: string;
beforeAll(async () => {
  kb = await createTestBackend();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-import-failure-"));
});
afterAll(async () => {
  await kb?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe("kb import when the database dies mid-transaction", () => {
  it("exits non-zero and says in Japanese that nothing was imported", async () => {
    const file = path.join(dir, "cases.jsonl");
    await writeGeneratedFile(file, 3000);
    const database = new URL(kb.env.DATABASE_URL!).pathname.slice(1);
    const cli = spawnNode("server/dist/cli/kb.js", ["import", file], kb.env);
    const admin = kb.orm.em.fork();
    // Wait until the import's transaction has written something, then cut every connection of the
    // CLI to its database, as a crashed or restarted PostgreSQL would.
    let killed = 0;
    const until = Date.now() + 60_000;
    while (!killed && Date.now() < until) {
      const rows = await admin.execute<{ pid: number }[]>(
        "select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid() and xact_start is not null and query ilike '%cases%'",
        [database],
      );
      for (const { pid } of rows) {
        await admin.execute("select pg_terminate_backend(?)", [pid]);
        killed++;
      }
      if (!killed) await new Promise((r) => setTimeout(r, 20));
    }
    expect(killed).toBeGreaterThan(0);
    const code = await cli.exited;
    const output = cli.output();
    expect(code, output).not.toBe(0);
    expect(output).toContain("何も取り込んでいません");
    const [row] = await admin.execute<{ n: string }[]>("select count(*) as n from cases");
    expect(Number(row!.n)).toBe(0);
  });
});

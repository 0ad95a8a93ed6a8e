import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode } from "../../../test/support/processes.js";
import { generateCases } from "../../../test/support/case-generator.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { checkIndex, driftOf, repairIndex } from "./index-check.js";
import { reindex } from "./reindex.js";

/** `kb reindex` and `kb check-index`, in-process and through the built CLI. */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  await kb.importCases([...generateCases(400, 11)]);
});
afterAll(() => kb?.close());

const SEARCH = `{ searchCases(query: "kintone", first: 1) { total } }`;

describe("reindex", () => {
  it("builds a new index and swaps it in while search keeps answering, then replays the writes made meanwhile", async () => {
    const before = (await kb.gql<{ searchCases: { total: number } }>(SEARCH)).data!.searchCases.total;
    expect(before).toBeGreaterThan(0);
    let stop = false;
    const answers: number[] = [];
    const errors: unknown[] = [];
    const searching = (async () => {
      while (!stop) {
        const result = await kb.gql<{ searchCases: { total: number } }>(SEARCH);
        if (result.errors) errors.push(result.errors);
        else answers.push(result.data!.searchCases.total);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const writer = (async () => {
      // A write during the build: it reaches the old index, and after the swap the replay brings it to the new one.
      await new Promise((r) => setTimeout(r, 30));
      await kb.importCases([{ ...[...generateCases(1, 12)][0]!, title: "再作成の最中に公開された kintone 事例" }]);
    })();
    const report = await reindex(kb.orm, kb.index, kb.logger, { batchSize: 50 });
    await writer;
    stop = true;
    await searching;
    await kb.syncSearch();

    expect(errors).toEqual([]);
    expect(answers.length).toBeGreaterThan(3);
    expect(Math.min(...answers)).toBeGreaterThanOrEqual(before); // never an empty or partial index
    expect(report.documents).toBeGreaterThanOrEqual(400);
    const found = await kb.gql<{ searchCases: { hits: { case: { title: string } }[] } }>(
      `{ searchCases(query: "再作成の最中に公開された", first: 5) { hits { case { title } } } }`,
    );
    expect(found.data!.searchCases.hits.map((h) => h.case.title)).toContain("再作成の最中に公開された kintone 事例");
    expect(driftOf(await checkIndex(kb.orm, kb.index))).toBe(0);
    const { results } = await kb.index.client.getIndexes({ limit: 1000 });
    expect(results.filter((i) => i.uid.startsWith(`${kb.index.uid}__`))).toEqual([]);
  });

  it("refuses to run beside another live reindex", async () => {
    await kb.orm.em.fork().execute(
      `insert into search_reindex_runs (id, state, build_index, documents, replayed, started_at, heartbeat_at)
       values (?, 'RUNNING', 'x', 0, 0, now(), now())`,
      [randomUUID()],
    );
    await expect(reindex(kb.orm, kb.index, kb.logger)).rejects.toThrow(/another reindex/);
    await kb.orm.em.fork().execute("update search_reindex_runs set state = 'FAILED' where state = 'RUNNING'");
  });
});

describe("check-index", () => {
  it("finds missing, extra and stale documents by id and hash, and repairs them", async () => {
    expect(driftOf(await checkIndex(kb.orm, kb.index))).toBe(0);
    const [a, b] = (await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where status = 'PUBLISHED' order by id limit 2")).map((r) => r.id);
    await kb.index.remove([a!]);
    const doc = (await kb.index.getDocument(b!))!;
    await kb.index.upsert([{ ...doc, title: `${doc.title}（古い内容）` }]);
    await kb.index.upsert([{ ...doc, id: randomUUID(), title: "どこにもない事例" }]);
    await kb.index.upsert([{ ...doc, id: "not-a-case" }]);

    const report = await checkIndex(kb.orm, kb.index);
    expect(report.missing).toEqual([a]);
    expect(report.stale).toEqual([b]);
    expect(report.extra).toHaveLength(2);

    expect(await repairIndex(kb.orm, kb.index, report)).toBe(4);
    await kb.syncSearch();
    expect(driftOf(await checkIndex(kb.orm, kb.index))).toBe(0);
  });

  it("works from the command line: exit 1 on drift, --repair fixes it, exit 0 when in sync", async () => {
    const [a] = (await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where status = 'PUBLISHED' order by id desc limit 1")).map((r) => r.id);
    await kb.index.remove([a!]);
    const drift = await runNode("server/dist/cli/kb.js", ["check-index", "--json"], kb.env);
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.output.trim().split("\n").at(-1)!).found).toMatchObject({ missing: 1, extra: 0, stale: 0 });

    const repaired = await runNode("server/dist/cli/kb.js", ["check-index", "--repair"], kb.env);
    expect(repaired.code).toBe(0);
    expect(repaired.output).toContain("一致しています");

    const reindexed = await runNode("server/dist/cli/kb.js", ["reindex"], kb.env);
    expect(reindexed.output).toContain("再作成完了");
    expect(reindexed.code).toBe(0);
    expect((await runNode("server/dist/cli/kb.js", ["check-index"], kb.env)).code).toBe(0);
  });
});

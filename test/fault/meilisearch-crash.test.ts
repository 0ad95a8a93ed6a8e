import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interchangeCaseSchema, type InterchangeCaseInput } from "@kb/shared";
import { importCases } from "../../server/src/importer/import.service.js";
import { checkIndex, driftOf } from "../../server/src/search/index-check.js";
import { reindex } from "../../server/src/search/reindex.js";
import { SearchOutboxWorker } from "../../server/src/search/search-outbox.worker.js";
import { generateCase } from "../support/case-generator.js";
import { createFaultBackend, type FaultBackend } from "../support/fault-backend.js";

/**
 * Meilisearch is killed (SIGKILL) in the middle of a stream of writes and in the middle of a
 * reindex, then started again on the same data. Afterwards the index must equal the database:
 * same ids, same document hashes (`checkIndex`), with no write lost or refused.
 */
let kb: FaultBackend;
let worker: SearchOutboxWorker;
beforeAll(async () => {
  kb = await createFaultBackend();
  worker = new SearchOutboxWorker(kb.orm, kb.index, kb.services.databaseUrl, kb.logger, {
    pollIntervalMs: 200,
    baseBackoffMs: 100,
    maxBackoffMs: 1000,
    batchSize: 200,
  });
  await worker.start();
});
afterAll(async () => {
  await worker?.stop();
  await kb?.close();
});

const write = (records: InterchangeCaseInput[]) => importCases(kb.orm.em.fork(), records.map((r) => interchangeCaseSchema.parse(r)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectIndexEqualsDatabase(): Promise<void> {
  await worker.drainPatiently(120_000);
  const report = await checkIndex(kb.orm, kb.index);
  // If this ever fails (it did once, under a loaded CI machine), say which versions disagree.
  const diagnosis = report.stale.length ? await staleVersions(report.stale) : "";
  expect({ missing: report.missing, extra: report.extra, stale: report.stale, pending: report.pending }, diagnosis).toEqual({
    missing: [],
    extra: [],
    stale: [],
    pending: 0,
  });
  const [row] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where status = 'PUBLISHED'");
  expect(report.indexed).toBe(Number(row!.n));
  expect(driftOf(report)).toBe(0);
}

async function staleVersions(ids: string[]): Promise<string> {
  const rows = await kb.orm.em.fork().execute<{ id: string; version: number; title: string; status: string }[]>(
    "select id, version, title, status from cases where id in (?)",
    [ids],
  );
  const docs = await kb.index.index.getDocuments({ ids, limit: ids.length });
  const indexed = new Map(docs.results.map((d) => [String(d.id), d as { version?: number; title?: string }]));
  const outbox = await kb.orm.em.fork().execute<{ case_id: string; id: string; attempts: number; processed_at: string }[]>(
    "select case_id, id, attempts, processed_at from search_outbox where case_id in (?) order by id",
    [ids],
  );
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      database: { version: r.version, status: r.status, title: r.title },
      index: { version: indexed.get(r.id)?.version, title: indexed.get(r.id)?.title },
      outbox: outbox.filter((o) => o.case_id === r.id),
    })),
  );
}

describe("Meilisearch killed and restarted", () => {
  it("during a stream of writes: every write succeeds, and afterwards index == database", async () => {
    await write(Array.from({ length: 300 }, (_, i) => generateCase(i, 7)));
    let next = 300;
    const failures: unknown[] = [];
    for (let round = 0; round < 45; round++) {
      if (round === 12) await kb.killMeilisearch();
      if (round === 30) await kb.restartMeilisearch();
      const batch: InterchangeCaseInput[] = [];
      for (let k = 0; k < 4; k++) batch.push(generateCase(next++, 7)); // new cases
      const updated = generateCase(round * 5, 7); // an existing one, changed
      batch.push({ ...updated, title: `${updated.title}（改訂${round}）` });
      if (round % 3 === 0) batch.push({ ...generateCase(round * 7 + 1, 7), status: "ARCHIVED" }); // unpublished
      await write(batch).catch((error: unknown) => failures.push(error));
      await sleep(40);
    }
    expect(failures).toEqual([]);
    await expectIndexEqualsDatabase();
  });

  it("during a reindex: the reindex waits for Meilisearch, swaps, replays the writes made meanwhile, and index == database", async () => {
    await worker.drainPatiently(60_000);
    const running = reindex(kb.orm, kb.index, kb.logger, { batchSize: 50, patienceMs: 90_000 });
    // Wait until the new index is being filled, then kill Meilisearch under it while writes go on.
    for (let i = 0; i < 400; i++) {
      const [run] = await kb.orm.em.fork().execute<{ documents: number }[]>("select documents from search_reindex_runs order by started_at desc limit 1");
      if ((run?.documents ?? 0) > 0) break;
      await sleep(25);
    }
    await kb.killMeilisearch();
    for (let round = 0; round < 10; round++) {
      const changed = generateCase(round * 11, 7);
      await write([{ ...changed, title: `${changed.title}（再作成中の変更${round}）` }, generateCase(10_000 + round, 7)]);
      await sleep(50);
    }
    await kb.restartMeilisearch();
    const report = await running;
    expect(report.retries).toBeGreaterThan(0); // the kill really hit the build
    expect(report.documents).toBeGreaterThan(300);
    expect(report.replayed).toBeGreaterThanOrEqual(20);
    await expectIndexEqualsDatabase();
    const { results } = await kb.index.client.getIndexes({ limit: 100 });
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(`${kb.index.uid}__`))).toEqual([]);
    const [run] = await kb.orm.em.fork().execute<{ state: string }[]>("select state from search_reindex_runs where id = ?", [report.runId]);
    expect(run!.state).toBe("DONE");
  });
});

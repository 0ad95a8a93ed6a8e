import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interchangeCaseSchema, searchArgsSchema } from "@kb/shared";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { CaseService } from "../cases/index.js";
import { AppError } from "../kernel/index.js";
import { importCases } from "../importer/index.js";
import { CaseSearchIndex } from "./case-search-index.js";
import { enqueueSearchSync } from "./search-outbox.js";
import { SearchOutboxWorker } from "./search-outbox.worker.js";
import { SearchService } from "./search.service.js";
import { readershipOf } from "../organisations/index.js";

/** Searches as an anonymous visitor: the installation's own organisation allows public reading. */
const anonymous = () => readershipOf(kb.orm.em.fork(), null);

/** The outbox → Meilisearch path: nothing lost, nothing stale, never hanging. Real PostgreSQL and Meilisearch. */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

const parse = (r: ReturnType<typeof buildCase>) => interchangeCaseSchema.parse(r);

async function caseId(externalId: string): Promise<string> {
  const [row] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where external_id = ?", [externalId]);
  return row!.id;
}

async function indexed(externalId: string) {
  const id = await caseId(externalId);
  const doc = await kb.index.getDocument(id);
  return doc;
}

async function outboxRows(id: string) {
  return kb.orm.em
    .fork()
    .execute<{ attempts: number; processed_at: string | null; last_error: string | null; available_at: string }[]>(
      "select attempts, processed_at, last_error, available_at from search_outbox where case_id = ? order by id",
      [id],
    );
}

function worker(options: ConstructorParameters<typeof SearchOutboxWorker>[4] = {}, index = kb.index) {
  return new SearchOutboxWorker(kb.orm, index, kb.services.databaseUrl, kb.logger, options);
}

describe("zero-loss sync", () => {
  it("a rolled-back transaction leaves neither an outbox row nor a document", async () => {
    const record = buildCase({ title: "ロールバックされる事例" });
    await expect(
      kb.orm.em.fork().transactional(async (tx) => {
        await importCases(tx, [parse(record)]);
        throw new Error("the request failed after the write");
      }),
    ).rejects.toThrow("the request failed");
    await kb.syncSearch();
    const [cases] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where external_id = ?", [record.externalId]);
    expect(Number(cases!.n)).toBe(0);
    const [outbox] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
    expect(Number(outbox!.n)).toBe(0);
    const hits = await kb.index.index.search("ロールバックされる事例", { locales: ["jpn"] });
    expect(hits.hits).toEqual([]);
  });

  it("duplicate rows for one case become one document, and the rows are marked done, not lost", async () => {
    const record = buildCase({ title: "重複配信の事例" });
    await kb.importCases([record]);
    const id = await caseId(record.externalId);
    await kb.orm.em.fork().transactional(async (tx) => {
      enqueueSearchSync(tx, [id]);
      enqueueSearchSync(tx, [id]);
    });
    await kb.orm.em.fork().transactional(async (tx) => enqueueSearchSync(tx, [id]));
    await kb.syncSearch();
    const rows = await outboxRows(id);
    expect(rows.length).toBe(4);
    expect(rows.every((r) => r.processed_at !== null)).toBe(true);
    const found = await kb.index.index.search("重複配信の事例", { locales: ["jpn"] });
    expect(found.hits.map((h) => h.id)).toEqual([id]);
  });

  it("a delivery repeated after a crash (Meilisearch succeeded, marking done did not) ends in the same document", async () => {
    const record = buildCase({ title: "再配信の事例" });
    await importCases(kb.orm.em.fork(), [parse(record)]);
    const id = await caseId(record.externalId);
    let crashes = 1;
    const crashing = worker({
      baseBackoffMs: 1,
      afterIndex: async () => {
        if (crashes-- > 0) throw new Error("process died before marking the rows done");
      },
    });
    await expect(crashing.drainUntilEmpty()).rejects.toThrow("process died");
    const [failed] = await outboxRows(id);
    expect(failed!.processed_at).toBeNull();
    expect(failed!.attempts).toBe(1);
    expect(failed!.last_error).toContain("process died");
    await new Promise((r) => setTimeout(r, 20));
    await crashing.drainUntilEmpty();
    expect((await outboxRows(id)).every((r) => r.processed_at !== null)).toBe(true);
    expect((await indexed(record.externalId))?.title).toBe("再配信の事例");
  });

  it("out-of-order delivery (a slow worker sends an old version after a fast one sent the new) ends in the newest version", async () => {
    const record = buildCase({ title: "順序 旧版の題名" });
    await importCases(kb.orm.em.fork(), [parse(record)]);
    const id = await caseId(record.externalId);
    const fast = worker();
    let raced = false;
    const slow = worker({
      beforeIndex: async () => {
        if (raced) return;
        raced = true;
        // While the slow worker holds version 1, the case changes and a fast worker delivers version 2.
        await importCases(kb.orm.em.fork(), [parse({ ...record, title: "順序 新版の題名" })]);
        expect(await fast.drainUntilEmpty()).toBe(1);
        expect((await kb.index.getDocument(id))?.title).toBe("順序 新版の題名");
      },
    });
    await slow.drainBatch(); // delivers the old version last … and notices it is old
    const requeued = (await outboxRows(id)).filter((r) => r.processed_at === null);
    expect(requeued.length).toBe(1);
    await kb.syncSearch();
    const doc = await kb.index.getDocument(id);
    expect(doc?.title).toBe("順序 新版の題名");
    const [row] = await kb.orm.em.fork().execute<{ version: number }[]>("select version from cases where id = ?", [id]);
    expect(doc?.version).toBe(row!.version);
  });

  it("two workers never process the same row (FOR UPDATE SKIP LOCKED)", async () => {
    const records = Array.from({ length: 40 }, (_, i) => buildCase({ title: `並行処理の事例 ${i}` }));
    await importCases(kb.orm.em.fork(), records.map(parse));
    const seen: string[][] = [[], []];
    let release!: () => void;
    const bothClaimed = new Promise<void>((r) => (release = r));
    let claimed = 0;
    const hold = (who: number) => async (ids: string[]) => {
      seen[who]!.push(...ids);
      if (++claimed === 2) release();
      await bothClaimed; // each holds its claim until the other has claimed too
    };
    const a = worker({ batchSize: 20, beforeIndex: hold(0) });
    const b = worker({ batchSize: 20, beforeIndex: hold(1) });
    const [na, nb] = await Promise.all([a.drainBatch(), b.drainBatch()]);
    expect(na + nb).toBe(40);
    expect(seen[0]!.length).toBeGreaterThan(0);
    expect(seen[1]!.length).toBeGreaterThan(0);
    expect(seen[0]!.filter((id) => seen[1]!.includes(id))).toEqual([]);
    await kb.syncSearch();
  });

  it("is woken by LISTEN/NOTIFY after a commit, not by polling", async () => {
    const listening = worker({ pollIntervalMs: 10 * 60_000 });
    await listening.start();
    try {
      await listening.waitUntilIdle(); // the start-up drain
      const record = buildCase({ title: "通知で反映される事例" });
      await importCases(kb.orm.em.fork(), [parse(record)]);
      const id = await caseId(record.externalId);
      for (let i = 0; i < 200 && !(await kb.index.getDocument(id)); i++) await new Promise((r) => setTimeout(r, 50));
      expect((await kb.index.getDocument(id))?.title).toBe("通知で反映される事例");
    } finally {
      await listening.stop();
    }
  });
});

describe("indexing batches under a trickle of writes", () => {
  it("writes arriving within the interval go to Meilisearch in one batch; a write after a quiet moment goes at once", async () => {
    const minDrainIntervalMs = 6000;
    const spaced = worker({ pollIntervalMs: 10 * 60_000, minDrainIntervalMs });
    await spaced.start();
    try {
      await spaced.waitUntilIdle();
      const tasksBefore = (await kb.index.client.tasks.getTasks({ indexUids: [kb.index.uid], types: ["documentAdditionOrUpdate"], limit: 1000 })).results.length;
      // Five separate commits (five NOTIFYs), each after the previous drain had time to finish: the
      // first is sent at once, the other four wait for the interval and travel together.
      const records = Array.from({ length: 5 }, (_, i) => buildCase({ title: `まとめて反映される事例${i + 1}` }));
      const writesStarted = Date.now();
      for (const record of records) {
        await importCases(kb.orm.em.fork(), [parse(record)]);
        await new Promise((r) => setTimeout(r, 200));
      }
      // On a loaded CI machine the five commits can take longer than one interval; each interval the
      // writes spanned allows one more drain (CI once saw three drains with a 3 s interval). Without
      // the spacing it is five whatever the span.
      const intervalsSpanned = Math.ceil((Date.now() - writesStarted) / minDrainIntervalMs);
      const ids = await Promise.all(records.map((r) => caseId(r.externalId)));
      for (let i = 0; i < 400 && (await Promise.all(ids.map((id) => kb.index.getDocument(id)))).some((d) => !d); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await Promise.all(ids.map((id) => kb.index.getDocument(id)))).map((d) => d?.title)).toEqual(records.map((r) => r.title));
      const tasksAfter = (await kb.index.client.tasks.getTasks({ indexUids: [kb.index.uid], types: ["documentAdditionOrUpdate"], limit: 1000 })).results.length;
      // One batch per drain: the one sent at once, then one per interval the writes spanned.
      expect(intervalsSpanned).toBeLessThan(4); // else the bound below could not tell batching from none
      expect(tasksAfter - tasksBefore).toBeLessThanOrEqual(1 + intervalsSpanned);
    } finally {
      await spaced.stop();
    }
  });
});

describe("a publish is not held back by spacing meant for a trickle", () => {
  it("a drain that found nothing or only adoption counts does not delay the next content row", async () => {
    // A spacing far longer than the wait below: if anything but a content drain started it, the
    // published case would not be indexed in time.
    const spaced = worker({ pollIntervalMs: 10 * 60_000, minDrainIntervalMs: 10 * 60_000 });
    await kb.syncSearch();
    const counted = buildCase({ title: "件数だけが変わった事例" });
    await kb.importCases([counted]);
    await spaced.start();
    try {
      await spaced.waitUntilIdle(); // the start-up drain: nothing to do
      const em = kb.orm.em.fork();
      enqueueSearchSync(em, [await caseId(counted.externalId)], "counts");
      await em.flush();
      await spaced.waitUntilIdle(); // a drain of counts only
      const published = buildCase({ title: "件数の直後に公開された事例" });
      await importCases(kb.orm.em.fork(), [parse(published)]);
      const id = await caseId(published.externalId);
      for (let i = 0; i < 200 && !(await kb.index.getDocument(id)); i++) await new Promise((r) => setTimeout(r, 50));
      expect((await kb.index.getDocument(id))?.title).toBe("件数の直後に公開された事例");
    } finally {
      await spaced.stop();
    }
  });
});

describe("adoption counts are indexed once per window", () => {
  it("counts rows wait for the end of their window and then go together; content rows go at once", async () => {
    const windowed = worker({ pollIntervalMs: 10 * 60_000, countsWindowMs: 2000 });
    await kb.syncSearch();
    const records = Array.from({ length: 3 }, (_, i) => buildCase({ title: `件数だけ変わる事例${i + 1}` }));
    await kb.importCases(records);
    const ids = await Promise.all(records.map((r) => caseId(r.externalId)));
    // Start right after a window boundary, so the rows below are all written inside one window.
    await new Promise((r) => setTimeout(r, 2000 - (Date.now() % 2000) + 50));
    const em = kb.orm.em.fork();
    enqueueSearchSync(em, ids, "counts");
    await em.flush();
    const content = buildCase({ title: "内容が変わる事例" });
    await importCases(kb.orm.em.fork(), [parse(content)]);

    // Inside the window: only the content row is due.
    expect(await windowed.drainUntilEmpty()).toBe(1);
    expect((await kb.index.getDocument(await caseId(content.externalId)))?.title).toBe("内容が変わる事例");
    const pending = () =>
      kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null and kind = 'counts'");
    expect(Number((await pending())[0]!.n)).toBe(3);

    // After the window: all three in one batch.
    await new Promise((r) => setTimeout(r, 2000 - (Date.now() % 2000) + 50));
    expect(await windowed.drainBatch()).toBe(3);
    expect(Number((await pending())[0]!.n)).toBe(0);
  });
});

describe("a stream of adoptions under which a case is published", () => {
  it("an adoption count's NOTIFY starts no drain, a publish's starts one claim; the counts still go at the end of their window", async () => {
    // Counts due only after a long window, and no polling: what drains is the NOTIFY alone.
    const listening = worker({ pollIntervalMs: 10 * 60_000, countsWindowMs: 600_000 });
    await kb.syncSearch();
    const counted = buildCase({ title: "採用が続く事例" });
    const published = buildCase({ title: "採用の合間に公開された事例" });
    await kb.importCases([counted]);
    // Imported (and searchable) beforehand, then taken out of the index: its publish below is one
    // commit with one outbox row, so one NOTIFY.
    await importCases(kb.orm.em.fork(), [parse(published)]);
    await kb.syncSearch();
    const id = await caseId(published.externalId);
    await kb.index.remove([id]);
    let claims = 0;
    const drainBatch = listening.drainBatch.bind(listening);
    listening.drainBatch = (onFullClaim) => {
      claims++;
      return drainBatch(onFullClaim);
    };
    await listening.start();
    try {
      // The start-up drain (a timer, so it may come after start() returned): let it run, then count.
      for (let i = 0; i < 200 && claims === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await listening.waitUntilIdle();
      claims = 0;
      // Three adoptions (three commits, three NOTIFYs), then a publish: NOTIFYs arrive in commit
      // order, so by the time the published case is indexed, every adoption's NOTIFY was handled.
      for (let i = 0; i < 3; i++) {
        const em = kb.orm.em.fork();
        enqueueSearchSync(em, [await caseId(counted.externalId)], "counts");
        await em.flush();
      }
      const em = kb.orm.em.fork();
      enqueueSearchSync(em, [id], "content");
      await em.flush();
      for (let i = 0; i < 200 && !(await outboxRows(id)).every((r) => r.processed_at); i++) await new Promise((r) => setTimeout(r, 50));
      expect((await kb.index.getDocument(id))?.title).toBe("採用の合間に公開された事例");
      // One claim for the publish: none per adoption, and one lane only for a batch that was not full.
      expect(claims).toBe(1);
      const pending = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null and kind = 'counts'");
      expect(Number(pending[0]!.n)).toBe(3);
    } finally {
      await listening.stop();
    }
    // A short window: the counts rows' NOTIFY alone (no poll, no other write) has the worker come back for them.
    const windowed = worker({ pollIntervalMs: 10 * 60_000, countsWindowMs: 300 });
    await windowed.start();
    try {
      await windowed.waitUntilIdle();
      const em = kb.orm.em.fork();
      enqueueSearchSync(em, [await caseId(counted.externalId)], "counts");
      await em.flush();
      const undone = () => kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
      for (let i = 0; i < 200 && Number((await undone())[0]!.n) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(Number((await undone())[0]!.n)).toBe(0);
    } finally {
      await windowed.stop();
    }
  });

  it("a backlog still opens every lane: a full claim starts the others, and nothing is left behind", async () => {
    await kb.syncSearch();
    const records = Array.from({ length: 9 }, (_, i) => buildCase({ title: `積み残しのない事例 ${i}` }));
    await importCases(kb.orm.em.fork(), records.map(parse));
    const inFlight = { now: 0, most: 0 };
    const laned = worker({
      batchSize: 2,
      lanes: 3,
      // Each batch holds its claim until three are in flight (or 5 s passed, when fewer lanes run).
      beforeIndex: async () => {
        inFlight.most = Math.max(inFlight.most, ++inFlight.now);
        for (let waited = 0; inFlight.most < 3 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
        inFlight.now--;
      },
    });
    expect(await laned.drainUntilEmpty()).toBe(9);
    expect(inFlight.most).toBe(3);
    for (const record of records) expect((await indexed(record.externalId))?.title).toBe(record.title);
  });
});

describe("when Meilisearch is unreachable", () => {
  it("writes still commit; the worker backs off and delivers once Meilisearch answers", async () => {
    const dead = CaseSearchIndex.connect("http://127.0.0.1:9", undefined, kb.index.uid, { requestTimeoutMs: 1000 });
    const record = buildCase({ title: "停止中に書いた事例" });
    await importCases(kb.orm.em.fork(), [parse(record)]);
    const id = await caseId(record.externalId);
    // A long backoff, so the row cannot fall due again during this drain however slow the machine is.
    await expect(worker({ baseBackoffMs: 60_000 }, dead).drainUntilEmpty()).rejects.toThrow();
    const [row] = await outboxRows(id);
    expect(row!.processed_at).toBeNull();
    expect(row!.attempts).toBe(1);
    expect(new Date(row!.available_at).getTime()).toBeGreaterThan(Date.now() + 30_000);
    // Time passes (the backoff is over), Meilisearch answers again: the row is delivered.
    await kb.orm.em.fork().execute("update search_outbox set available_at = now() where case_id = ?", [id]);
    await worker().drainPatiently(30_000);
    expect((await kb.index.getDocument(id))?.title).toBe("停止中に書いた事例");
  });

  it("search fails fast with SEARCH_UNAVAILABLE (refused connection, or an engine that never answers)", async () => {
    const silent = net.createServer(() => {}); // accepts and says nothing
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      for (const url of ["http://127.0.0.1:9", `http://127.0.0.1:${port}`]) {
        const index = CaseSearchIndex.connect(url, undefined, "cases", { searchTimeoutMs: 300, breakerCooldownMs: 60_000 });
        const em = kb.orm.em.fork();
        const service = new SearchService(index, new CaseService(em), anonymous);
        const args = searchArgsSchema.parse({ query: "予約" });
        for (let attempt = 0; attempt < 2; attempt++) {
          const error = await service.search(args, em).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe("SEARCH_UNAVAILABLE");
        }
      }
    } finally {
      silent.close();
    }
  });
});

describe("outbox housekeeping", () => {
  it("purges done rows after the retention, but keeps what a running reindex will replay", async () => {
    const id = randomUUID();
    await kb.orm.em.fork().execute(
      `insert into search_outbox (case_id, enqueued_at, available_at, attempts, processed_at)
       values (?, now(), now(), 0, now() - interval '1 hour'), (?, now(), now(), 0, now() - interval '1 hour')`,
      [id, id],
    );
    const [{ max } = { max: "0" }] = await kb.orm.em.fork().execute<{ max: string }[]>("select max(id)::text as max from search_outbox");
    await kb.orm.em.fork().execute(
      `insert into search_reindex_runs (id, state, build_index, outbox_mark, documents, replayed, started_at, heartbeat_at)
       values (?, 'RUNNING', 'x', ?, 0, 0, now(), now())`,
      [randomUUID(), Number(max) - 1],
    );
    const keeper = worker({ retentionMs: 60_000 });
    await keeper.purge();
    expect((await outboxRows(id)).length).toBe(1); // the one after the mark stays
    await kb.orm.em.fork().execute("update search_reindex_runs set state = 'DONE'");
    await keeper.purge();
    expect((await outboxRows(id)).length).toBe(0);
  });
});

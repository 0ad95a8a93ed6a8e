import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchArgsSchema } from "@kb/shared";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { CaseWorkflowService, CaseService } from "../cases/index.js";
import { CaseSearchIndex } from "./case-search-index.js";
import { SearchOutboxWorker } from "./search-outbox.worker.js";
import { SearchService } from "./search.service.js";
import { readershipOf } from "../organisations/index.js";

/** Searches as an anonymous visitor: the installation's own organisation allows public reading. */
const anonymous = () => readershipOf(kb.orm.em.fork(), null);

/**
 * The search-result cache against real Meilisearch: identical searches are answered once per index
 * version, and any change of the index — by this process or by another one — shows in the next
 * search (after at most the version's read interval, 100 ms).
 */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  await kb.importCases([buildCase({ title: "キャッシュ確認用の予約アプリ", summary: "予約の受付をkintoneで行う" })]);
});
afterAll(() => kb?.close());

const search = (query: string) =>
  new SearchService(kb.index, new CaseService(kb.orm.em.fork()), anonymous).search(searchArgsSchema.parse({ query }), kb.orm.em.fork());
const titles = async (query: string) => (await search(query)).hits.map((h) => h.case.title).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("search-result cache", () => {
  it("answers a repeated search from the cache while the index is unchanged", async () => {
    const first = await titles("予約アプリ");
    const before = { ...kb.index.resultCache };
    expect(await titles("予約アプリ")).toEqual(first);
    expect(await titles("予約アプリ")).toEqual(first);
    // (A page may send two requests — strict, then relaxed — so count at least one hit per search.)
    expect(kb.index.resultCache.hits - before.hits).toBeGreaterThanOrEqual(2);
    expect(kb.index.resultCache.misses - before.misses).toBe(0);
  });

  it("shows this process's own index change in the very next search", async () => {
    expect(await titles("除雪")).toEqual([]);
    await kb.importCases([buildCase({ title: "除雪車の位置を地図で共有" })]);
    expect(await titles("除雪")).toEqual(["除雪車の位置を地図で共有"]);
  });

  it("shows a publish in the next search once the worker confirmed it, without waiting for any expiry", async () => {
    // The version read is trusted for an hour, so only the worker's own invalidation (same process,
    // after Meilisearch confirmed the task) can make the next search see the publish.
    const index = CaseSearchIndex.connect(kb.services.meiliUrl, kb.services.meiliMasterKey, kb.index.uid, {
      resultCacheVersionTtlMs: 3_600_000,
    });
    const worker = new SearchOutboxWorker(kb.orm, index, kb.services.databaseUrl, kb.logger);
    const ask = async () =>
      (await new SearchService(index, new CaseService(kb.orm.em.fork()), anonymous).search(searchArgsSchema.parse({ query: "雪囲い" }), kb.orm.em.fork())).hits.map(
        (h) => h.case.title,
      );
    const submitted = buildCase({ title: "雪囲いの貸出をkintoneで受付", status: "SUBMITTED" });
    await kb.importCases([submitted]);
    expect(await ask()).toEqual([]);
    expect(await ask()).toEqual([]); // answered from the cache
    const [{ id } = { id: "" }] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where external_id = ?", [submitted.externalId]);
    const secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "行政改革課" });
    await new CaseWorkflowService(kb.orm.em.fork()).review(secretariat, id, { decision: "PUBLISH" });
    await worker.drainUntilEmpty();
    expect(await ask()).toEqual(["雪囲いの貸出をkintoneで受付"]);
  });

  it("notices a change made by another process through the index version", async () => {
    expect(await titles("街路樹")).toEqual([]);
    // Another process (a CLI import, another server): its own client, not this cache's.
    const other = CaseSearchIndex.connect(kb.services.meiliUrl, kb.services.meiliMasterKey, kb.index.uid);
    const [doc] = (await kb.index.index.getDocuments({ limit: 1 })).results;
    await other.apply([{ ...doc!, id: "00000000-0000-4000-8000-000000000001", title: "街路樹の点検記録をkintoneで" } as never], []);
    await sleep(150);
    const found = await search("街路樹");
    // The hit is in the index (PostgreSQL has no such case, so the page leaves it out), so look at the count.
    expect(found.total).toBe(1);
    await other.apply([], ["00000000-0000-4000-8000-000000000001"]);
    await sleep(150);
    expect((await search("街路樹")).total).toBe(0);
  });

  it("keeps no failed answer", async () => {
    const dead = CaseSearchIndex.connect("http://127.0.0.1:9", undefined, kb.index.uid, { searchTimeoutMs: 500 });
    const service = new SearchService(dead, new CaseService(kb.orm.em.fork()), anonymous);
    await expect(service.search(searchArgsSchema.parse({ query: "予約" }), kb.orm.em.fork())).rejects.toMatchObject({ code: "SEARCH_UNAVAILABLE" });
    expect(dead.resultCache.hits + dead.resultCache.misses).toBe(0);
  });
});

describe("search-result cache while a fresh answer is on its way", () => {
  const answer = (label: string) => [{ indexUid: "x", hits: [{ id: label }], processingTimeMs: 1, query: label }] as never;

  it("gives the previous answer to identical searches while the first one after a change waits for the fresh answer", async () => {
    const { SearchResultCache } = await import("./search-result-cache.js");
    let version = "v1";
    const cache = new SearchResultCache(async () => version, { maxEntries: 10, versionTtlMs: 0, maxStaleMs: 1000 });
    const q = [{ indexUid: "x", q: "予約" }];
    expect(await cache.get(q, async () => answer("old"))).toEqual(answer("old"));

    version = "v2";
    let release!: () => void;
    const fresh = cache.get(q, () => new Promise((resolve) => (release = () => resolve(answer("new")))));
    while (!release) await sleep(1);
    // Meanwhile: the previous answer, at once.
    expect(await cache.get(q, async () => answer("unexpected"))).toEqual(answer("old"));
    expect(cache.staleHits).toBe(1);
    release();
    expect(await fresh).toEqual(answer("new"));
    expect(await cache.get(q, async () => answer("unexpected"))).toEqual(answer("new"));
  });

  it("after invalidate() the new version is read at once, so the next search goes straight to Meilisearch", async () => {
    const { SearchResultCache } = await import("./search-result-cache.js");
    let version = "v1";
    let reads = 0;
    const cache = new SearchResultCache(async () => {
      reads++;
      return version;
    }, { maxEntries: 10, versionTtlMs: 10_000 });
    const q = [{ indexUid: "x", q: "除雪" }];
    await cache.get(q, async () => answer("old"));
    expect(reads).toBe(1);
    // This process's worker saw its task succeed: the index is at v2.
    version = "v2";
    cache.invalidate();
    await sleep(0);
    expect(reads).toBe(2); // read before any search asked for it
    let searched = false;
    expect(
      await cache.get(q, async () => {
        searched = true;
        return answer("new");
      }),
    ).toEqual(answer("new"));
    expect(searched).toBe(true);
    expect(reads).toBe(2); // the search did not wait for a read of its own
  });

  it("never stands in an answer older than maxStaleMs, and invalidate() drops this process's view at once", async () => {
    const { SearchResultCache } = await import("./search-result-cache.js");
    let version = "v1";
    const cache = new SearchResultCache(async () => version, { maxEntries: 10, versionTtlMs: 10_000, maxStaleMs: 50 });
    const q = [{ indexUid: "x", q: "窓口" }];
    await cache.get(q, async () => answer("old"));
    // The version is trusted for 10 s, but this process's own write does not wait for that.
    cache.invalidate();
    version = "v2";
    await sleep(80);
    let release!: () => void;
    const fresh = cache.get(q, () => new Promise((resolve) => (release = () => resolve(answer("new")))));
    // The old answer is too old to stand in: this search waits for the fresh one too.
    const waiting = cache.get(q, async () => answer("unexpected"));
    while (!release) await sleep(1);
    await sleep(5);
    release();
    expect(await fresh).toEqual(answer("new"));
    expect(await waiting).toEqual(answer("new"));
    expect(cache.staleHits).toBe(0);
  });
});

import { LRUCache } from "lru-cache";
import type { FederatedMultiSearchParams, MultiSearchQuery, MultiSearchResult, RecordAny } from "meilisearch";

/**
 * Answers of Meilisearch to identical search requests, reused while the index has not changed.
 *
 * Staff search for the same things (kintone, 窓口, 電子申請, the facet buttons, page 2…), and a
 * search costs Meilisearch ~9 ms of CPU at 100k cases, most of what one search page costs. An entry
 * is valid for one *index version*: Meilisearch's own `createdAt|updatedAt` of the index, which
 * changes with every document or settings change and with a reindex swap, whoever made it (this
 * server's sync, `kb import`, another instance). The version is read at most once per
 * `versionTtlMs`, so a change shows in searches within that long after Meilisearch applied it.
 * Identical searches in flight at once share one request.
 *
 * When the version moves on, the first search of a key asks Meilisearch and waits for the fresh
 * answer; identical searches arriving while that answer is on its way get the previous one, if it
 * was current less than `maxStaleMs` ago (the one-second freshness budget). Without this, every
 * version change (an indexing batch) made every waiting search queue behind a burst of refreshes.
 */
export interface SearchResultCacheOptions {
  /** Entries kept (least recently used go first); 0 turns the cache off. */
  maxEntries: number;
  /** How long a read of the index version is trusted. */
  versionTtlMs?: number;
  /** The previous answer may stand in while a fresh one is fetched, if it was current this recently. */
  maxStaleMs?: number;
}

interface Entry {
  version: string;
  results: Promise<Results>;
  /** The settled answer of `results`. */
  value?: Results;
  /** When a search last found `version` current. */
  confirmedAt: number;
  /** The answer of the previous version, while `results` is pending. */
  previous?: { value: Results; confirmedAt: number };
}

type Results = MultiSearchResult<RecordAny>[];

export class SearchResultCache {
  private readonly entries: LRUCache<string, Entry> | null;
  private readonly versionTtlMs: number;
  private readonly maxStaleMs: number;
  private version: { value: string; readAt: number } | null = null;
  private versionRead: Promise<string> | null = null;
  /** Bumped by invalidate(): a version read already on its way cannot bring back the old answers. */
  private localGeneration = 0;
  private readonly derived = new Map<string, { version: string; value: Promise<unknown> }>();
  hits = 0;
  misses = 0;
  /** Answers given from the previous version while the fresh one was on its way. */
  staleHits = 0;

  constructor(
    private readonly readVersion: () => Promise<string>,
    options: SearchResultCacheOptions,
  ) {
    this.entries = options.maxEntries > 0 ? new LRUCache({ max: options.maxEntries }) : null;
    this.versionTtlMs = options.versionTtlMs ?? 100;
    this.maxStaleMs = options.maxStaleMs ?? 1000;
  }

  /** `request`: the queries of a multi-search, or a federated search (its one answer is the array's only element). */
  async get(request: MultiSearchQuery[] | FederatedMultiSearchParams, search: () => Promise<Results>): Promise<Results> {
    if (!this.entries) return search();
    const version = await this.currentVersion();
    const key = JSON.stringify(request);
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      if (cached.value === undefined && cached.previous && now - cached.previous.confirmedAt < this.maxStaleMs) {
        this.staleHits++;
        return cached.previous.value;
      }
      this.hits++;
      cached.confirmedAt = now;
      return cached.results;
    }
    this.misses++;
    const entry: Entry = {
      version,
      results: search(),
      confirmedAt: now,
      previous: cached?.value ? { value: cached.value, confirmedAt: cached.confirmedAt } : undefined,
    };
    this.entries.set(key, entry);
    entry.results.then(
      (value) => {
        entry.value = value;
        entry.previous = undefined;
      },
      // A failed search is not an answer to keep.
      () => {
        if (this.entries?.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.results;
  }

  /**
   * A value that follows what the index holds (the synonym rules its documents were expanded with),
   * loaded at most once per index version, also when the answer cache is off.
   */
  async perVersion<T>(name: string, load: () => Promise<T>): Promise<T> {
    const version = await this.currentVersion();
    const held = this.derived.get(name);
    if (held && held.version === version) return held.value as Promise<T>;
    const value = load();
    this.derived.set(name, { version, value });
    value.catch(() => {
      if (this.derived.get(name)?.value === value) this.derived.delete(name);
    });
    return value;
  }

  /**
   * After this process changed the index: read the version again at the next search, so that
   * search is fresh (answers of the old version stay only as stand-ins, see above).
   */
  invalidate(): void {
    this.version = null;
    this.localGeneration++;
    // Read the new version now rather than on the next search's path: after the worker's own
    // write, the first search (often the one waiting for what was just published) then goes
    // straight to Meilisearch instead of asking for the version first — one round trip less,
    // which under load is tens of milliseconds. A failed read is retried by that search.
    if (this.entries) void this.remoteVersion().catch(() => {});
  }

  /** The index version answers are kept for: Meilisearch's (read at most once per `versionTtlMs`) and this process's invalidations. */
  async currentVersion(): Promise<string> {
    return `${await this.remoteVersion()}#${this.localGeneration}`;
  }

  private async remoteVersion(): Promise<string> {
    if (this.version && Date.now() - this.version.readAt < this.versionTtlMs) return this.version.value;
    this.versionRead ??= this.readVersion().finally(() => {
      this.versionRead = null;
    });
    const value = await this.versionRead;
    this.version = { value, readAt: Date.now() };
    return value;
  }
}

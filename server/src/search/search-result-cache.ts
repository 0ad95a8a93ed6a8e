import { LRUCache } from "lru-cache";
import type { MultiSearchQuery, MultiSearchResult, RecordAny } from "meilisearch";

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
 */
export interface SearchResultCacheOptions {
  /** Entries kept (least recently used go first); 0 turns the cache off. */
  maxEntries: number;
  /** How long a read of the index version is trusted. */
  versionTtlMs?: number;
}

type Results = MultiSearchResult<RecordAny>[];

export class SearchResultCache {
  private readonly entries: LRUCache<string, { version: string; results: Promise<Results> }> | null;
  private readonly versionTtlMs: number;
  private version: { value: string; readAt: number } | null = null;
  private versionRead: Promise<string> | null = null;
  hits = 0;
  misses = 0;

  constructor(
    private readonly readVersion: () => Promise<string>,
    options: SearchResultCacheOptions,
  ) {
    this.entries = options.maxEntries > 0 ? new LRUCache({ max: options.maxEntries }) : null;
    this.versionTtlMs = options.versionTtlMs ?? 100;
  }

  async get(queries: MultiSearchQuery[], search: () => Promise<Results>): Promise<Results> {
    if (!this.entries) return search();
    const version = await this.currentVersion();
    const key = JSON.stringify(queries);
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      this.hits++;
      return cached.results;
    }
    this.misses++;
    const results = search();
    this.entries.set(key, { version, results });
    // A failed search is not an answer to keep.
    results.catch(() => {
      if (this.entries?.get(key)?.results === results) this.entries.delete(key);
    });
    return results;
  }

  /** Forget everything (after this process changed the index, so its own next search is fresh). */
  invalidate(): void {
    this.version = null;
    this.entries?.clear();
  }

  private async currentVersion(): Promise<string> {
    if (this.version && Date.now() - this.version.readAt < this.versionTtlMs) return this.version.value;
    this.versionRead ??= this.readVersion().finally(() => {
      this.versionRead = null;
    });
    const value = await this.versionRead;
    this.version = { value, readAt: Date.now() };
    return value;
  }
}

import {
  Meilisearch,
  type FederatedMultiSearchParams,
  type SearchResponse,
  type Index,
  type MultiSearchQuery,
  type MultiSearchResult,
  type RecordAny,
  type Settings,
} from "meilisearch";
import CircuitBreaker from "opossum";
import { CASE_KINDS } from "@kb/shared";
import { COMPOUND_TERMS, JAPANESE_STOP_WORDS } from "../synonyms/index.js";
import { meiliApiError, meiliHttpClient } from "./meili-http.js";
import type { CaseSearchDocument } from "./search-document.js";
import { SearchResultCache } from "./search-result-cache.js";

/**
 * The Meilisearch side of case search: index settings and the few calls we make. Everything that
 * talks to Meilisearch goes through here, so a fault test can reason about one place.
 */

/**
 * Searchable attributes, in the order the `attribute` ranking rule weighs them: a match in the
 * title beats one in the tags, which beats one in the summary … The hidden `titleTerms` (synonyms
 * and compound parts of the title and tags) rank right after the title and tags they come from;
 * `bodyTerms` rank last.
 */
const SEARCHABLE_ATTRIBUTES = [
  "title",
  "tags",
  "titleTerms",
  "summary",
  "department",
  "actions",
  "results",
  "background",
  "tips",
  "departmentPath",
  "departmentAliases",
  "bodyTerms",
] as const;

export const CASE_INDEX_SETTINGS: Settings = {
  searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
  filterableAttributes: ["organisationId", "sharing", "organisationKind", "prefecture", "populationBand", "kind", "department", "departmentAliases", "fiscalYear", "tags", "adoptionCount"],
  sortableAttributes: ["fiscalYear", "publishedAt", "updatedAt", "adoptionCount"],
  displayedAttributes: ["*"],
  // `words` first: a case with every query word beats one with some (matchingStrategy relaxes the
  // query only when too little is found). `sort` right after it: NEWEST orders the cases that match
  // as well as each other by date, instead of only breaking ties at the very end.
  rankingRules: ["words", "sort", "typo", "proximity", "attribute", "exactness"],
  // Without this, a kanji-only query such as 予約 is detected as Chinese and misses Japanese text
  // (DESIGN §6). Searches must also pass locales: ["jpn"].
  localizedAttributes: [{ attributePatterns: [...SEARCHABLE_ATTRIBUTES], locales: ["jpn"] }],
  dictionary: COMPOUND_TERMS.map((c) => c.term),
  stopWords: [...JAPANESE_STOP_WORDS],
  // Typos: only for words of 5+ characters (two from 9). Japanese words are mostly 2–4 characters,
  // so they never match a near-miss; kintne still finds kintone. Numbers never (2024 ≠ 2025), and
  // the dictionary compounds are exact by definition.
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnNumbers: true,
    disableOnWords: COMPOUND_TERMS.map((c) => c.term),
    disableOnAttributes: [],
  },
  // Product-side synonym expansion (hidden fields) replaces the engine's: see synonyms/synonym-expander.ts.
  synonyms: {},
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: 10_000 },
  facetSearch: true,
  prefixSearch: "indexingTime",
};

export const SEARCH_LOCALES = ["jpn"] as const;
export const FACET_ATTRIBUTES = ["kind", "department", "fiscalYear", "tags", "organisationId", "prefecture", "organisationKind", "populationBand"] as const;
export type FacetAttribute = (typeof FACET_ATTRIBUTES)[number];

/** How long a worker waits for Meilisearch to finish one task before it retries the batch. */
const TASK_TIMEOUT_MS = 120_000;
/** Task polling: Meilisearch is on the same machine or network, and freshness is measured in ms. */
const TASK_POLL_MS = 10;

export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`search engine unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A 5xx or no answer at all is the engine's trouble; a 4xx is our request's, and says the engine is up. */
const engineDown = (error: unknown): boolean => (meiliApiError(error)?.response.status ?? 500) >= 500;

export interface CaseSearchIndexOptions {
  /** Per request for searches: a search fails after this instead of hanging. */
  searchTimeoutMs?: number;
  /** Per request for writes and admin calls (task waits have their own limit). */
  requestTimeoutMs?: number;
  /** After a failed search, searches fail at once for this long instead of waiting again. */
  breakerCooldownMs?: number;
  /** Search answers kept per index version (search-result-cache.ts); 0 = no cache. Default 500. */
  resultCacheEntries?: number;
  /** How long a read of the index version is trusted (search-result-cache.ts). Default 100 ms. */
  resultCacheVersionTtlMs?: number;
  /** Which search node this is (its outbox rows carry the name): "primary" unless a second node. */
  node?: string;
}

export class CaseSearchIndex {
  readonly index: Index<CaseSearchDocument>;
  /** A client with a short timeout, for what a person is waiting on. */
  readonly searchClient: Meilisearch;
  /** Calls made for a reader (searches, facet values, one document) fail fast while this is open. */
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  /** Identical searches answered once per index version. */
  readonly resultCache: SearchResultCache;
  /** Values derived from what the index holds, per readerVersion. */
  private readonly derived: SearchResultCache;
  /** The search node's name (search-nodes.ts). */
  readonly node: string;
  /**
   * The other node, asked within the same request when this one cannot answer (down, timing out,
   * 5xx, or its breaker open). Each node keeps its own answer cache, keyed by its own index
   * version, so an answer of one node is never served as the other's.
   */
  private failover?: CaseSearchIndex;
  /**
   * Set by this node's outbox worker when a batch failed, cleared when the node has all its rows
   * again: a node that was down and is catching up is asked only after the other one, so a search
   * does not show what the other node already knows is gone or changed.
   */
  behind = false;
  /** Reader calls this node handed to its failover (since start; /healthz shows it). */
  failovers = 0;

  constructor(
    readonly client: Meilisearch,
    readonly uid: string,
    searchClient?: Meilisearch,
    options: CaseSearchIndexOptions = {},
  ) {
    this.index = client.index<CaseSearchDocument>(uid);
    this.node = options.node ?? "primary";
    this.searchClient = searchClient ?? client;
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      // The search client has its own timeout (searchTimeoutMs); the breaker only counts failures.
      timeout: false,
      // One failure opens it, whatever succeeded before (any error rate above 0 %) …
      errorThresholdPercentage: 0,
      // … for this long.
      resetTimeout: options.breakerCooldownMs ?? 2000,
      errorFilter: (error: unknown) => !engineDown(error),
      enableSnapshots: false,
      rollingPercentilesEnabled: false,
    });
    // Then every call may try again, not opossum's single half-open trial: a Meilisearch that was
    // restarted loads its dictionary on the first searches, longer than searchTimeoutMs, and a lone
    // trial that times out would keep all searches refused for another cooldown (test/fault measures
    // how soon a search answers after a restart). The next engine failure opens it again.
    this.breaker.on("halfOpen", () => this.breaker.close());
    this.resultCache = new SearchResultCache(() => this.version(), {
      maxEntries: options.resultCacheEntries ?? 500,
      versionTtlMs: options.resultCacheVersionTtlMs,
    });
    // No answers of its own: only perVersion, following readerVersion.
    this.derived = new SearchResultCache(() => this.readerVersion(), { maxEntries: 0, versionTtlMs: 0 });
  }

  /**
   * Searches of this node fail over to `other` (and the other's back to this one): two nodes fed
   * from the same outbox (search-nodes.ts). The preferred node is this one unless it is behind.
   */
  pairWith(other: CaseSearchIndex): void {
    this.failover = other;
  }

  /** This node and the one it fails over to, if any (/healthz, check-index, reindex). */
  nodes(): CaseSearchIndex[] {
    return this.failover ? [this, this.failover] : [this];
  }

  /** The nodes a reader call tries, in order. */
  private order(): CaseSearchIndex[] {
    const other = this.failover;
    if (!other) return [this];
    // Prefer a node that is current and whose breaker is closed; the other one stays the fallback.
    const ready = (n: CaseSearchIndex) => !n.behind && !n.breaker.opened;
    return ready(this) || !ready(other) ? [this, other] : [other, this];
  }

  /**
   * Runs a reader call on the preferred node and, when that node cannot answer
   * (SearchUnavailableError: no connection, timeout, 5xx, breaker open), on the other one in the
   * same request. A 4xx is the request's fault and is not retried elsewhere.
   */
  private async onSomeNode<T>(call: (node: CaseSearchIndex) => Promise<T>): Promise<T> {
    const [first, second] = this.order();
    try {
      return await call(first!);
    } catch (error) {
      if (!second || !(error instanceof SearchUnavailableError)) throw error;
      first!.failovers++;
      return call(second);
    }
  }

  /** Changes with every change of the index's documents or settings, and with a swap. */
  private async version(): Promise<string> {
    const raw = await this.searchClient.getRawIndex(this.uid);
    return `${raw.createdAt}|${raw.updatedAt}`;
  }

  /**
   * The version that values derived from the index (tag aliases, labels, vocabulary) follow: this
   * node's, or while it cannot answer, the other node's (prefixed, so it never equals one of this
   * node's). Answers of searches are not keyed by this: each node's cache uses its own version.
   */
  async readerVersion(): Promise<string> {
    return this.onSomeNode(async (node) => {
      try {
        return `${node.node}:${await node.resultCache.currentVersion()}`;
      } catch (error) {
        if (!engineDown(error)) throw error;
        throw new SearchUnavailableError(error);
      }
    });
  }

  /** A value loaded at most once per version of what the reader's searches see (see readerVersion). */
  perVersion<T>(name: string, load: () => Promise<T>): Promise<T> {
    return this.derived.perVersion(name, load);
  }

  static connect(url: string, apiKey: string | undefined, uid: string, options: CaseSearchIndexOptions = {}): CaseSearchIndex {
    const client = new Meilisearch({ host: url, apiKey, timeout: options.requestTimeoutMs ?? 10_000, httpClient: meiliHttpClient });
    const searchClient = new Meilisearch({ host: url, apiKey, timeout: options.searchTimeoutMs ?? 3000, httpClient: meiliHttpClient });
    return new CaseSearchIndex(client, uid, searchClient, options);
  }

  /** Creates the index if needed and applies the settings (idempotent), waiting until they are live. */
  async ensure(uid: string = this.uid): Promise<void> {
    try {
      await this.client.getRawIndex(uid);
    } catch (error) {
      if (meiliApiError(error)?.cause?.code !== "index_not_found") throw error;
      await this.expectSuccess(this.client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
    }
    await this.expectSuccess(
      this.client.index(uid).updateSettings(CASE_INDEX_SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS }),
    );
    this.resultCache.invalidate();
  }

  async upsert(documents: CaseSearchDocument[], uid: string = this.uid): Promise<void> {
    await this.apply(documents, [], uid);
  }

  async remove(ids: string[], uid: string = this.uid): Promise<void> {
    await this.apply([], ids, uid);
  }

  /**
   * Upserts (explicit primary key; a document replaces the whole previous one, so a repeat is
   * harmless) and removals, both enqueued before waiting; resolves only when both succeeded.
   */
  async apply(upserts: CaseSearchDocument[], removals: string[], uid: string = this.uid): Promise<void> {
    const index = this.client.index<CaseSearchDocument>(uid);
    const tasks = [];
    if (upserts.length) tasks.push(index.addDocuments(upserts, { primaryKey: "id" }));
    if (removals.length) tasks.push(index.deleteDocuments(removals));
    // Both are in flight at once: wait for every one, so a failure never leaves the other unobserved.
    const outcomes = await Promise.allSettled(
      tasks.map((task) => this.expectSuccess(task.waitTask({ timeout: TASK_TIMEOUT_MS, interval: TASK_POLL_MS }))),
    );
    // Whatever happened, this process's next search asks Meilisearch again.
    this.resultCache.invalidate();
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failed) throw failed.reason;
  }

  /**
   * Runs searches in one request (answered from the result cache while the index is unchanged). Fails fast with SearchUnavailableError when Meilisearch cannot
   * answer, and for a short while after that without trying (a circuit breaker), so a page never
   * waits on a dead engine.
   */
  async multiSearch(queries: MultiSearchQuery[]): Promise<MultiSearchResult<RecordAny>[]> {
    return this.onSomeNode((node) =>
      node.guarded(() => node.resultCache.get(queries, async () => (await node.searchClient.multiSearch({ queries })).results)),
    );
  }

  /**
   * One federated search (似た自治体: several queries merged into one ranked list by weighted score),
   * cached and guarded like multiSearch.
   */
  async federatedSearch(request: FederatedMultiSearchParams): Promise<SearchResponse<RecordAny>> {
    const [result] = await this.onSomeNode((node) =>
      node.guarded(() =>
        node.resultCache.get(request, async () => [(await node.searchClient.multiSearch(request)) as unknown as MultiSearchResult<RecordAny>]),
      ),
    );
    return result as unknown as SearchResponse<RecordAny>;
  }

  /** Facet-value search (prefix match on the words of a value), with the same fail-fast rule. */
  async searchFacetValues(params: Parameters<Index["searchForFacetValues"]>[0]): Promise<{ value: string; count: number }[]> {
    return this.onSomeNode((node) => node.guarded(async () => (await node.searchClient.index(node.uid).searchForFacetValues(params)).facetHits));
  }

  /** One stored document, or null. */
  async getDocument(id: string): Promise<CaseSearchDocument | null> {
    return this.onSomeNode((node) => node.guarded(async () => {
      try {
        return (await node.searchClient.index(node.uid).getDocument(id)) as unknown as CaseSearchDocument;
      } catch (error) {
        if (meiliApiError(error)?.cause?.code === "document_not_found") return null;
        throw error;
      }
    }));
  }

  /**
   * Runs a call for a reader through the breaker (opossum): while it is open the call fails at once
   * with SearchUnavailableError; an engine failure opens it and is SearchUnavailableError too; a 4xx
   * passes through as it is.
   */
  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === "EOPENBREAKER") throw new SearchUnavailableError("recently failed; not retrying yet");
      if (!engineDown(error)) throw error;
      throw new SearchUnavailableError(error);
    }
  }

  /** Every stored document, page by page (for the consistency check). */
  async *allDocuments(pageSize = 1000, uid: string = this.uid): AsyncGenerator<CaseSearchDocument[]> {
    const index = this.client.index<CaseSearchDocument>(uid);
    for (let offset = 0; ; offset += pageSize) {
      const page = await index.getDocuments({ offset, limit: pageSize });
      if (page.results.length) yield page.results as CaseSearchDocument[];
      if (page.results.length < pageSize) return;
    }
  }

  async documentCount(uid: string = this.uid): Promise<number> {
    return (await this.client.index(uid).getStats()).numberOfDocuments;
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.searchClient.health()).status === "available";
    } catch {
      return false;
    }
  }

  async expectSuccess(task: Promise<{ status: string; error?: { message: string } | null; uid: number }>) {
    const done = await task;
    if (done.status !== "succeeded") {
      throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? "no detail"}`);
    }
  }
}

/** Quotes a user-supplied value for a Meilisearch filter expression (filter injection is real). */
export function filterValue(value: string | number): string {
  if (typeof value === "number") return String(value);
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function anyOf(attribute: FacetAttribute | "id", values: readonly (string | number)[]): string {
  return values.map((v) => `${attribute} = ${filterValue(v)}`).join(" OR ");
}

export const KNOWN_KINDS = new Set<string>(CASE_KINDS);

import { Meilisearch, MeilisearchApiError, type Index, type Settings } from "meilisearch";
import { CASE_KINDS } from "@kb/shared";
import type { CaseSearchDocument } from "./search-document.js";

/**
 * The Meilisearch side of case search: index settings and the few calls we make. Everything that
 * talks to Meilisearch goes through here, so a fault test can reason about one place.
 */

const TEXT_ATTRIBUTES = [
  "title",
  "tags",
  "summary",
  "actions",
  "results",
  "background",
  "tips",
  "department",
  "departmentPath",
] as const;

export const CASE_INDEX_SETTINGS: Settings = {
  // Order matters for the `attribute` ranking rule: a match in the title beats one in the tips.
  searchableAttributes: [...TEXT_ATTRIBUTES],
  filterableAttributes: ["kind", "department", "fiscalYear", "tags"],
  sortableAttributes: ["fiscalYear", "publishedAt", "updatedAt"],
  displayedAttributes: ["*"],
  // Without this, a kanji-only query such as 予約 is detected as Chinese and misses Japanese text
  // (DESIGN §6). Searches must also pass locales: ["jpn"].
  localizedAttributes: [{ attributePatterns: [...TEXT_ATTRIBUTES], locales: ["jpn"] }],
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: 10_000 },
};

export const SEARCH_LOCALES = ["jpn"] as const;
export const FACET_ATTRIBUTES = ["kind", "department", "fiscalYear", "tags"] as const;
export type FacetAttribute = (typeof FACET_ATTRIBUTES)[number];

/** How long a worker waits for Meilisearch to finish one task before it retries the batch. */
const TASK_TIMEOUT_MS = 120_000;

export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`search engine unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export class CaseSearchIndex {
  readonly index: Index<CaseSearchDocument>;

  constructor(
    readonly client: Meilisearch,
    readonly uid: string,
  ) {
    this.index = client.index<CaseSearchDocument>(uid);
  }

  static connect(url: string, apiKey: string | undefined, uid: string, timeoutMs = 10_000): CaseSearchIndex {
    return new CaseSearchIndex(new Meilisearch({ host: url, apiKey, timeout: timeoutMs }), uid);
  }

  /** Creates the index if needed and applies the settings (idempotent), waiting until they are live. */
  async ensure(uid: string = this.uid): Promise<void> {
    try {
      await this.client.getRawIndex(uid);
    } catch (error) {
      if (!(error instanceof MeilisearchApiError) || error.cause?.code !== "index_not_found") throw error;
      await this.expectSuccess(this.client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
    }
    await this.expectSuccess(
      this.client.index(uid).updateSettings(CASE_INDEX_SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS }),
    );
  }

  async upsert(documents: CaseSearchDocument[]): Promise<void> {
    if (!documents.length) return;
    await this.expectSuccess(
      this.index.addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }),
    );
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.expectSuccess(this.index.deleteDocuments(ids).waitTask({ timeout: TASK_TIMEOUT_MS }));
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === "available";
    } catch {
      return false;
    }
  }

  private async expectSuccess(task: Promise<{ status: string; error?: { message: string } | null; uid: number }>) {
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

export function anyOf(attribute: FacetAttribute, values: readonly (string | number)[]): string {
  return values.map((v) => `${attribute} = ${filterValue(v)}`).join(" OR ");
}

export const KNOWN_KINDS = new Set<string>(CASE_KINDS);

import { Entity, Index, PrimaryKey, Property, Trigger } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";

/**
 * "This case changed; bring the index up to date." Written in the same transaction as the change,
 * so a committed change always has its row and a rolled-back one never does. The worker reloads
 * the case by id, so the row carries no payload and duplicate rows are harmless.
 *
 * Rows are marked done (`processedAt`) once Meilisearch reported success, and kept for a while:
 * `kb reindex` replays every row written after it started, done or not, into the new index.
 */
export type SearchOutboxKind = "content" | "counts";

@Entity({ tableName: "search_outbox" })
@Index({ properties: ["processedAt", "id"] })
// Wakes the search worker (LISTEN kb_search_outbox). NOTIFY is delivered at commit, never on rollback.
@Trigger({
  name: "search_outbox_notify",
  timing: "after",
  events: ["insert"],
  forEach: "statement",
  body: "perform pg_notify('kb_search_outbox', ''); return null;",
})
export class SearchOutbox {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  id!: string & Opt;

  @Property({ type: "uuid" })
  caseId!: string;

  /**
   * `content`: what the case says or whether it is published changed — index it at once.
   * `counts`: only its adoption count changed — the server's sync gathers these and sends them
   * once per window (KB_SEARCH_COUNTS_WINDOW_MS), so a stream of adoptions neither keeps
   * Meilisearch indexing nor keeps emptying the search-result cache.
   */
  @Property({ type: "text", default: "content" })
  kind: SearchOutboxKind & Opt = "content";

  @Property({ type: "datetime", columnType: "timestamptz" })
  enqueuedAt: Date & Opt = new Date();

  /** Not before this time (retry backoff). */
  @Property({ type: "datetime", columnType: "timestamptz" })
  availableAt: Date & Opt = new Date();

  @Property({ type: "integer" })
  attempts: number & Opt = 0;

  @Property({ type: "text", nullable: true })
  lastError?: string | null;

  /** When the index took the change (null = still to do). */
  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  processedAt?: Date | null;
}

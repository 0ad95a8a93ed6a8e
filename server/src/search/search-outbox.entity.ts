import { Entity, Index, PrimaryKey, Property, Trigger } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";

/**
 * "This case changed; bring the index up to date." Written in the same transaction as the change,
 * so a committed change always has its row and a rolled-back one never does. The worker reloads
 * the case by id, so the row carries no payload and duplicate rows are harmless.
 *
 * Rows are marked done (`processedAt`) once their node's Meilisearch reported success, and kept for a while:
 * `kb reindex` replays every row written after it started, done or not, into the new index.
 */
export type SearchOutboxKind = "content" | "counts";

@Entity({ tableName: "search_outbox" })
// Each search node claims its own rows in id order (search-outbox.worker.ts).
@Index({ properties: ["node", "processedAt", "id"] })
// Wakes the search worker (LISTEN kb_search_outbox). NOTIFY is delivered at commit, never on rollback.
// Its payload says what the statement wrote: 'content' (index at once) or 'counts' (adoption counts
// only, due at the end of their window), so a stream of adoptions does not keep the worker draining
// (search-outbox.worker.ts). The function is made by Migration20261206030000_SearchOutboxNotifyKind.
@Trigger({
  name: "search_outbox_notify",
  timing: "after",
  events: ["insert"],
  forEach: "statement",
  expression:
    'create trigger "search_outbox_notify" after insert on "search_outbox" referencing new table as inserted for each statement execute function "search_outbox_search_outbox_notify_fn"();',
})
// A second search node (search-nodes.ts): every row written for "primary" gets a copy for each
// registered node, in the same statement and transaction, so each node has rows of its own. A
// statement trigger with a transition table: one extra (empty) query per INSERT statement when no
// node is registered, so a one-node installation pays nothing measurable. The function is made by
// Migration20261206010000_SearchNodes; the DDL is given whole because MikroORM cannot declare
// REFERENCING NEW TABLE.
@Trigger({
  name: "search_outbox_fan_out",
  timing: "after",
  events: ["insert"],
  forEach: "statement",
  expression:
    'create trigger "search_outbox_fan_out" after insert on "search_outbox" referencing new table as inserted for each statement execute function "search_outbox_fan_out_fn"();',
})
export class SearchOutbox {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  id!: string & Opt;

  /**
   * The search node this row is for ("primary": MEILI_URL; "replica": MEILI_REPLICA_URL). Each node
   * has its own rows, hence its own progress, backoff and retention: a node that is down falls
   * behind on its rows only, and catches up when it is back. The application writes "primary"; the
   * fan-out trigger copies the row for every other registered node.
   */
  @Property({ type: "text", default: "primary" })
  node: string & Opt = "primary";

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

import { randomUUID } from "node:crypto";
import { Entity, Enum, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";

export const REINDEX_STATES = ["RUNNING", "DONE", "FAILED"] as const;
export type ReindexState = (typeof REINDEX_STATES)[number];

/**
 * One `kb reindex`. While one is RUNNING, outbox rows after its mark are kept (they are replayed
 * into the new index after the swap), and a second reindex is refused.
 */
@Entity({ tableName: "search_reindex_runs" })
export class SearchReindexRun {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Enum({ items: [...REINDEX_STATES], type: "text" })
  state: ReindexState & Opt = "RUNNING";

  /** The index being built (swapped with the live one at the end). */
  @Property({ type: "text" })
  buildIndex!: string;

  /** Every outbox row with a greater id was written after the build began: replayed after the swap. */
  @Property({ type: "bigint", nullable: true })
  outboxMark?: string | null;

  @Property({ type: "integer" })
  documents: number & Opt = 0;

  @Property({ type: "integer" })
  replayed: number & Opt = 0;

  @Property({ type: "datetime", columnType: "timestamptz" })
  startedAt: Date & Opt = new Date();

  /** Updated after every batch; a RUNNING run without a heartbeat for minutes has died. */
  @Property({ type: "datetime", columnType: "timestamptz" })
  heartbeatAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  finishedAt?: Date | null;

  @Property({ type: "text", nullable: true })
  error?: string | null;
}

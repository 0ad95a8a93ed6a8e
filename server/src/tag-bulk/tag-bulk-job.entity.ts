import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { TAG_BULK_ACTIONS, type TagBulkAction } from "@kb/shared";
import { Tag } from "../tags/index.js";
import { Organisation } from "../organisations/index.js";

export const TAG_BULK_STATES = ["RUNNING", "DONE", "FAILED"] as const;
export type TagBulkState = (typeof TAG_BULK_STATES)[number];

/**
 * A bulk add or removal of one tag on a selection of cases, processed in chunks: each chunk is one
 * transaction (tag rows, case versions and revisions, audit row, search outbox rows, and `done`).
 * The selection is fixed when the job starts; the client polls `done / total` for its progress bar.
 */
@Entity({ tableName: "tag_bulk_jobs" })
@Index({ properties: ["createdAt"] })
export class TagBulkJob {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The organisation whose secretariat started it: its cases are the only ones it touches (issue 15). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  @Enum({ items: [...TAG_BULK_ACTIONS], type: "text" })
  action!: TagBulkAction;

  @ManyToOne({ entity: () => Tag, ref: true, deleteRule: "cascade" })
  tag!: Ref<Tag>;

  /** The selected cases, in order; chunks take them from `done` on. */
  @Property({ type: "json" })
  caseIds!: string[];

  @Property({ type: "integer" })
  total!: number;

  /** Cases processed so far (committed). */
  @Property({ type: "integer", default: 0 })
  done: number & Opt = 0;

  /** Of those, the cases that actually changed (had the tag added or removed). */
  @Property({ type: "integer", default: 0 })
  changed: number & Opt = 0;

  @Enum({ items: [...TAG_BULK_STATES], type: "text", default: "RUNNING" })
  state: TagBulkState & Opt = "RUNNING";

  @Property({ type: "text", nullable: true })
  error?: string | null;

  @Property({ type: "uuid", nullable: true })
  createdBy?: string | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  /** Moved on by every chunk: a RUNNING job whose heartbeat is old has stopped (server restarted). */
  @Property({ type: "datetime", columnType: "timestamptz" })
  heartbeatAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  finishedAt?: Date | null;
}

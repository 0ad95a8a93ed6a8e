import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { ADOPTION_STATUSES, type AdoptionStatus, type Effect } from "@kb/shared";
import { Case } from "../cases/index.js";
import { Department } from "../departments/index.js";
import { User } from "../users/index.js";
import { Organisation } from "../organisations/index.js";

/**
 * 横展開の台帳 (adoption ledger): one row per adopting 課 × case. The 課 owns the row (as it
 * owns its cases), so a 異動 changes nothing; `recordedBy` is credit. Every status change also adds an
 * `adoption_events` row, which is the timeline the case page shows.
 *
 * Read by others: `adoptionCountsByCase(em, caseIds)` in adoption.service.ts (home page, dashboard).
 */
@Entity({ tableName: "adoptions" })
@Unique({ properties: ["case", "department"] })
@Index({ properties: ["department", "updatedAt"] })
@Index({ properties: ["case", "status"] })
export class Adoption {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  /** The case adopted (the original). */
  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  /** The adopting 課. */
  @ManyToOne({ entity: () => Department, ref: true, deleteRule: "cascade" })
  department!: Ref<Department>;

  @Enum({ items: [...ADOPTION_STATUSES], type: "text" })
  status!: AdoptionStatus;

  @Property({ type: "text" })
  note: string & Opt = "";

  /** 何が変わったか: what the adoption changed in the adopting 課. */
  @Property({ type: "text" })
  changes: string & Opt = "";

  /** The adopting 課's own measured effects, rows like a case's effects. */
  @Property({ type: "json" })
  effects: Effect[] & Opt = [];

  /** The case the adopting 課 published from this one (its own 好事例), if any. */
  @ManyToOne({ entity: () => Case, ref: true, nullable: true, deleteRule: "set null" })
  derivedCase?: Ref<Case> | null;

  /** Who last recorded it (credit only; the row is the 課's). */
  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  recordedBy?: Ref<User> | null;

  @Property({ type: "integer", version: true })
  version!: number & Opt;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz" })
  updatedAt: Date & Opt = new Date();
}

/** One step of an adoption's history: the status it moved to (from `fromStatus`), by whom, when. */
@Entity({ tableName: "adoption_events" })
@Index({ properties: ["adoption", "createdAt"] })
export class AdoptionEvent {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Adoption, ref: true, deleteRule: "cascade" })
  adoption!: Ref<Adoption>;

  @Enum({ items: [...ADOPTION_STATUSES], type: "text", nullable: true })
  fromStatus?: AdoptionStatus | null;

  @Enum({ items: [...ADOPTION_STATUSES], type: "text" })
  status!: AdoptionStatus;

  /** The note as recorded with this step. */
  @Property({ type: "text" })
  note: string & Opt = "";

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  actor?: Ref<User> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

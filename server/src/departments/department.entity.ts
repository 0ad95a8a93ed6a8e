import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Organisation } from "../organisations/index.js";

/** A unit of the city hall: 局 → 部 → 課. Cases belong to a 課 and stay with it when people move. */
@Entity({ tableName: "departments" })
@Unique({ properties: ["organisation", "nameKey"] })
@Unique({ properties: ["organisation", "code"] })
export class Department {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  organisation!: Ref<Organisation>;

  @Property({ type: "text" })
  name!: string;

  /** Normalised, case-folded name: the same 課 typed in full-width or half-width is one row (per organisation). */
  @Property({ type: "text" })
  nameKey!: string;

  /**
   * 所属コード from the organisation's HR system or directory (issue 15): how a 人事異動 list and a
   * directory sign-in's department claim name this 課 without depending on how its name is spelled.
   * Optional; unique within the organisation (PostgreSQL lets many rows be null).
   */
  @Property({ type: "text", nullable: true })
  code?: string | null;

  @ManyToOne({ entity: () => Department, nullable: true, ref: true, deleteRule: "set null" })
  parent?: Ref<Department> | null;

  /**
   * 組織改正 (issue 15): the 施行日 (YYYY-MM-DD) from which this 課 is 廃止, merged or split into
   * `successor`. The row stays so old links, filters and imports naming it reach the successor.
   */
  @Property({ type: "date", nullable: true })
  abolishedOn?: string | null;

  /** How it ended: MERGE (統合) or SPLIT (分割); null while the 課 exists. */
  @Property({ type: "text", nullable: true })
  abolishedBy?: "MERGE" | "SPLIT" | null;

  /** Where its cases, people and questions went (for a split: the first new 課, which took the rest). */
  @ManyToOne({ entity: () => Department, nullable: true, ref: true, deleteRule: "set null" })
  successor?: Ref<Department> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

/**
 * A former name of a 課 (renamed, or a 課 merged into it): search, the department filter and
 * imports naming it find the 課 it now is. Unique per organisation, like department names.
 */
@Entity({ tableName: "department_aliases" })
@Unique({ properties: ["organisation", "nameKey"] })
export class DepartmentAlias {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  organisation!: Ref<Organisation>;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: "cascade" })
  @Index()
  department!: Ref<Department>;

  @Property({ type: "text" })
  name!: string;

  @Property({ type: "text" })
  nameKey!: string;

  /** When the name stopped being the 課's own (the rename, or the 組織改正's 施行日). */
  @Property({ type: "date" })
  since!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

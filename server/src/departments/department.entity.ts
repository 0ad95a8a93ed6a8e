import { randomUUID } from "node:crypto";
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
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

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

import { randomUUID } from "node:crypto";
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";

/** A unit of the city hall: 局 → 部 → 課. Cases belong to a 課 and stay with it when people move. */
@Entity({ tableName: "departments" })
export class Department {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "text" })
  name!: string;

  /** Normalised, case-folded name: the same 課 typed in full-width or half-width is one row. */
  @Property({ type: "text" })
  @Unique()
  nameKey!: string;

  @ManyToOne({ entity: () => Department, nullable: true, ref: true, deleteRule: "set null" })
  parent?: Ref<Department> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

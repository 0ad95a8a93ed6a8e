import { randomUUID } from "node:crypto";
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Department } from "../departments/index.js";
import { ROLES, type Role } from "../kernel/index.js";

/** A member of staff. Cases belong to departments, not to users, so a 異動 moves no case. */
@Entity({ tableName: "users" })
export class User {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** Lower-cased, NFKC-normalised: the login name. */
  @Property({ type: "text" })
  @Unique()
  email!: string;

  @Property({ type: "text" })
  displayName!: string;

  /** argon2id (PHC string). */
  @Property({ type: "text", hidden: true, lazy: true })
  passwordHash!: string;

  @Enum({ items: [...ROLES], type: "text" })
  role!: Role;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: "restrict" })
  department!: Ref<Department>;

  @Property({ type: "boolean" })
  active: boolean & Opt = true;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

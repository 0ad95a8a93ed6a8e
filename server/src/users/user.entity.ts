import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Department } from "../departments/index.js";
import { INSTALLATION_ROLES, ROLES, type InstallationRole, type Role, type Viewer } from "../kernel/index.js";
import { Organisation } from "../organisations/index.js";

/** A member of staff. Cases belong to departments, not to users, so a 異動 moves no case. */
@Entity({ tableName: "users" })
@Unique({ properties: ["organisation", "employeeNumber"] })
export class User {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  /** Lower-cased, NFKC-normalised: the login name. */
  @Property({ type: "text" })
  @Unique()
  email!: string;

  @Property({ type: "text" })
  displayName!: string;

  /**
   * 職員番号 (issue 15): the key of a 人事異動 list, which follows a person across a change of
   * e-mail address. Optional (accounts made by hand may lack it); unique within the organisation.
   */
  @Property({ type: "text", nullable: true })
  employeeNumber?: string | null;

  /** argon2id (PHC string). */
  @Property({ type: "text", hidden: true, lazy: true })
  passwordHash!: string;

  @Enum({ items: [...ROLES], type: "text" })
  role!: Role;

  /** Installation-wide role (OPERATOR), beside `role` in the organisation; null for almost everyone. */
  @Enum({ items: [...INSTALLATION_ROLES], type: "text", nullable: true })
  installationRole?: InstallationRole | null;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: "restrict" })
  department!: Ref<Department>;

  @Property({ type: "boolean" })
  active: boolean & Opt = true;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

/** The request viewer a signed-in user is. */
export function viewerOfUser(user: User): Viewer {
  return {
    userId: user.id,
    organisationId: user.organisation.id,
    role: user.role,
    installationRole: user.installationRole ?? null,
    departmentId: user.department.id,
    displayName: user.displayName,
  };
}

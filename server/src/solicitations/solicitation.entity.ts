import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import type { SolicitationScope } from "@kb/shared";
import { Case } from "../cases/index.js";
import { Department } from "../departments/index.js";
import { Organisation } from "../organisations/index.js";
import { User } from "../users/index.js";

/**
 * 募集 (issue 16 item 6): a secretariat's call for cases on something staff want and cannot find
 * — 「窓口の待ち時間を減らした事例を募集しています」. An organisation's secretariat calls within its
 * organisation (ORGANISATION) or across the commons (COMMONS); the installation's 広域事務局 always
 * across the commons (`byHub`). Staff answer it with a case they can read.
 */
@Entity({ tableName: "solicitations" })
@Index({ properties: ["scope", "createdAt"] })
@Index({ properties: ["organisation", "createdAt"] })
export class Solicitation {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The organisation whose secretariat called (for the hub's: the 広域事務局's own). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  organisation!: Ref<Organisation>;

  @Property({ type: "text" })
  scope!: SolicitationScope;

  /** Called by the installation's 広域事務局 (shown as such, closed by it). */
  @Property({ type: "boolean" })
  byHub: boolean & Opt = false;

  @Property({ type: "text" })
  title!: string;

  @Property({ type: "text" })
  description: string & Opt = "";

  /** 期限 (a calendar day, Japan). */
  @Property({ type: "date" })
  deadline!: string;

  /** The demand it came from (demandKeyOf of the board's words), so the board shows it as 募集中. */
  @Property({ type: "text", nullable: true })
  demandKey?: string | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  createdBy?: Ref<User> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  closedAt?: Date | null;
}

/** A case offered in answer to a 募集, by a member of some 課 (of any organisation that sees it). */
@Entity({ tableName: "solicitation_answers" })
@Unique({ properties: ["solicitation", "case"] })
@Index({ properties: ["solicitation", "createdAt"] })
export class SolicitationAnswer {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Solicitation, ref: true, deleteRule: "cascade" })
  solicitation!: Ref<Solicitation>;

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  @Index()
  case!: Ref<Case>;

  /** The answering organisation (the tenant of the row). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  @ManyToOne({ entity: () => Department, ref: true, nullable: true, deleteRule: "set null" })
  department?: Ref<Department> | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  author?: Ref<User> | null;

  @Property({ type: "text" })
  comment: string & Opt = "";

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

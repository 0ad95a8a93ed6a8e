import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Case } from "../cases/index.js";
import { Department } from "../departments/index.js";
import { User } from "../users/index.js";
import { Organisation } from "../organisations/index.js";

/**
 * Q&A on a case: a question asked by a member of some 課 (`department`, fixed when asked so a
 * 異動 does not move it), answered by the case's 課 or the secretariat; the asker accepts one answer.
 */
@Entity({ tableName: "questions" })
@Index({ properties: ["case", "createdAt"] })
@Index({ properties: ["department", "createdAt"] })
export class Question {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  /** The asking 課 at the time of asking. */
  @ManyToOne({ entity: () => Department, ref: true, nullable: true, deleteRule: "set null" })
  department?: Ref<Department> | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  author?: Ref<User> | null;

  @Property({ type: "text" })
  body!: string;

  /** The answer the asker accepted (解決済み). */
  @ManyToOne({ entity: () => Answer, ref: true, nullable: true, deleteRule: "set null" })
  acceptedAnswer?: Ref<Answer> | null;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

@Entity({ tableName: "answers" })
@Index({ properties: ["question", "createdAt"] })
export class Answer {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Question, ref: true, deleteRule: "cascade" })
  question!: Ref<Question>;

  /** The answering 課 at the time of answering (the case's 課, or the secretariat's). */
  @ManyToOne({ entity: () => Department, ref: true, nullable: true, deleteRule: "set null" })
  department?: Ref<Department> | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  author?: Ref<User> | null;

  @Property({ type: "text" })
  body!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

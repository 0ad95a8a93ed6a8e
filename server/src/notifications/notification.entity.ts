import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Case } from "../cases/index.js";
import { User } from "../users/index.js";
import { Organisation } from "../organisations/index.js";

export const NOTIFICATION_TYPES = [
  "CASE_PUBLISHED",
  "CASE_CHANGES_REQUESTED",
  "CASE_REJECTED",
  "CASE_SUBMITTED",
  // Tag proposals: to the case's owners, then the decision to the proposer.
  "TAG_PROPOSED",
  "TAG_PROPOSAL_ACCEPTED",
  "TAG_PROPOSAL_DECLINED",
  // 横展開: another 課 recorded or changed its adoption of your 課's case; Q&A both ways;
  // a freshness check due on your 課's case (once per fiscal year).
  "ADOPTION_RECORDED",
  "QUESTION_ASKED",
  "QUESTION_ANSWERED",
  "ANSWER_ACCEPTED",
  "FRESHNESS_CHECK_DUE",
  // Issue 16: a case published where one follows (a tag, a 自治体); a case offered to a 募集.
  "FOLLOWED_CASE_PUBLISHED",
  "SOLICITATION_ANSWERED",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** An in-app notice for one user (review decisions now; adoptions and questions later). */
@Entity({ tableName: "notifications" })
@Index({ properties: ["recipient", "readAt", "createdAt"] })
export class Notification {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: "cascade" })
  recipient!: Ref<User>;

  @Property({ type: "text" })
  type!: NotificationType;

  @ManyToOne({ entity: () => Case, ref: true, nullable: true, deleteRule: "cascade" })
  case?: Ref<Case> | null;

  /** Shown as is: composed in Japanese when the event happens. */
  @Property({ type: "text" })
  message!: string;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  readAt?: Date | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

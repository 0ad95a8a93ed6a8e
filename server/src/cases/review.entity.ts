import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { REVIEW_DECISIONS, type ReviewDecision } from "@kb/shared";
import { Case } from "./case.entity.js";
import { User } from "../users/index.js";

/** A secretariat decision on a submitted case, with the comment staff read. */
@Entity({ tableName: "reviews" })
@Index({ properties: ["case", "createdAt"] })
export class Review {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: "restrict" })
  reviewer!: Ref<User>;

  @Enum({ items: [...REVIEW_DECISIONS], type: "text" })
  decision!: ReviewDecision;

  @Property({ type: "text" })
  comment: string & Opt = "";

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

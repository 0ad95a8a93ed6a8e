import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import type { FollowTarget } from "@kb/shared";
import { Organisation } from "../organisations/index.js";
import { User } from "../users/index.js";

/**
 * One person follows a tag, a 自治体 or a 募集 (issue 16 item 7): told (in the app and by e-mail)
 * when a matching case is published — only a case they can read.
 */
@Entity({ tableName: "follows" })
@Unique({ properties: ["user", "targetType", "targetId"] })
@Index({ properties: ["targetType", "targetId"] })
export class Follow {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The follower's organisation (the tenant of the row). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: "cascade" })
  user!: Ref<User>;

  @Property({ type: "text" })
  targetType!: FollowTarget;

  /** A tag's, an organisation's or a 募集's id (no foreign key: three tables). */
  @Property({ type: "uuid" })
  targetId!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

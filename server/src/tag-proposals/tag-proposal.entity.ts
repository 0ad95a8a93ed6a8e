import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { DEFAULT_TAG_CATEGORY, TAG_CATEGORIES, TAG_PROPOSAL_STATUSES, type TagCategory, type TagProposalStatus } from "@kb/shared";
import { Case } from "../cases/index.js";
import { Tag } from "../tags/index.js";
import { User } from "../users/index.js";

/**
 * A tag someone proposed for a published case (「このタグでも探せるように」). The case's owners or the
 * secretariat accept it (the tag goes on the case and into the index) or decline it.
 */
@Entity({ tableName: "tag_proposals" })
@Index({ properties: ["case", "status"] })
@Index({ properties: ["status", "createdAt"] })
export class TagProposal {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  /** As proposed (normalised); may be a name the vocabulary does not have yet. */
  @Property({ type: "text" })
  tagName!: string;

  @Property({ type: "text" })
  tagNameKey!: string;

  /** The category a new tag gets when the proposal is accepted (existing tags keep theirs). */
  @Enum({ items: [...TAG_CATEGORIES], type: "text" })
  category: TagCategory & Opt = DEFAULT_TAG_CATEGORY;

  @Property({ type: "text" })
  comment: string & Opt = "";

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  proposer?: Ref<User> | null;

  @Enum({ items: [...TAG_PROPOSAL_STATUSES], type: "text" })
  status: TagProposalStatus & Opt = "PENDING";

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  decidedBy?: Ref<User> | null;

  @Property({ type: "text" })
  decisionComment: string & Opt = "";

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  decidedAt?: Date | null;

  /** The tag that went on the case when accepted. */
  @ManyToOne({ entity: () => Tag, ref: true, nullable: true, deleteRule: "set null" })
  tag?: Ref<Tag> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Tag } from "./tag.entity.js";

/**
 * One merge of a tag into another, with what it takes to undo it exactly: which cases carried the
 * source, which of them got the target only because of the merge, which aliases were re-pointed
 * and which synonym group was added. Only the latest merge that is not undone can be undone.
 */
@Entity({ tableName: "tag_merges" })
@Index({ properties: ["createdAt"] })
export class TagMerge {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Tag, ref: true, deleteRule: "cascade" })
  source!: Ref<Tag>;

  @ManyToOne({ entity: () => Tag, ref: true, deleteRule: "cascade" })
  target!: Ref<Tag>;

  /** The source's name at the time (it stays as an alias and a synonym). */
  @Property({ type: "text" })
  sourceName!: string;

  @Property({ type: "text" })
  targetName!: string;

  /** Every case that carried the source. */
  @Property({ type: "json" })
  movedCaseIds!: string[];

  /** Those of them that did not carry the target before (undo takes the target off these). */
  @Property({ type: "json" })
  addedTargetCaseIds!: string[];

  /** Aliases that pointed at the source and were re-pointed at the target. */
  @Property({ type: "json" })
  repointedAliasIds!: string[];

  /** The synonym group added so the old name still finds the cases (null when one existed). */
  @Property({ type: "uuid", nullable: true })
  synonymGroupId?: string | null;

  @Property({ type: "uuid", nullable: true })
  actorId?: string | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  undoneAt?: Date | null;

  @Property({ type: "uuid", nullable: true })
  undoneBy?: string | null;
}

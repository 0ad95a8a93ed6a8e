import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { DEFAULT_TAG_CATEGORY, TAG_CATEGORIES, type TagCategory } from "@kb/shared";

/**
 * A shared vocabulary term (テーマ, ツール, スキル, 推進項目, 対象). Names are unique after
 * normalisation (`nameKey`: NFKC, case- and width-folded), so one tag cannot exist twice in another
 * width or case.
 *
 * A row whose `mergedInto` is set is an alias, not a tag: the name of a tag that was merged into
 * another one, or the old name of a renamed tag. Aliases keep their key taken, so typing, importing
 * or linking the old name lands on the tag it became (`TagNameLookup` follows them), and they carry
 * no cases. Live tags are the rows with `mergedInto` null.
 */
@Entity({ tableName: "tags" })
export class Tag {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "text" })
  name!: string;

  @Property({ type: "text" })
  @Unique()
  nameKey!: string;

  @Enum({ items: [...TAG_CATEGORIES], type: "text", default: DEFAULT_TAG_CATEGORY })
  category: TagCategory & Opt = DEFAULT_TAG_CATEGORY;

  @Property({ type: "text", default: "" })
  description: string & Opt = "";

  /** Set on aliases: the live tag this name now means (always one hop: merges re-point chains). */
  @ManyToOne({ entity: () => Tag, ref: true, nullable: true, deleteRule: "set null" })
  @Index()
  mergedInto?: Ref<Tag> | null;

  /**
   * When the secretariat took the name into the vocabulary (created, edited, merged into, seeded).
   * Until then the tag exists for a reader only through cases that reader may read: a name typed on
   * a draft stays as private as the draft (tag-queries.ts `readableBy`).
   */
  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  curatedAt?: Date | null;

  /** 廃止: no longer offered for tagging; cases that carry it keep it until moved or removed. */
  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  retiredAt?: Date | null;

  /** Optimistic lock for vocabulary edits: an edit based on an older version is refused (CONFLICT). */
  @Property({ type: "integer", version: true })
  version!: number & Opt;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

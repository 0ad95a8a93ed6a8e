import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { COLLECTION_SCOPES, COLLECTION_STATUSES, type CollectionScope, type CollectionStatus } from "@kb/shared";
import { Case } from "../cases/index.js";
import { User } from "../users/index.js";
import { Organisation } from "../organisations/index.js";

/**
 * 注目の好事例: the secretariat's mark on a case, with its 選定理由. Curation, not content: it lives
 * beside the case (one row per case) and never changes the case's version or revisions.
 */
@Entity({ tableName: "featured_cases" })
@Index({ properties: ["featuredAt"] })
export class FeaturedCase {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  @Unique()
  case!: Ref<Case>;

  @Property({ type: "text" })
  reason!: string;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  featuredBy?: Ref<User> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  featuredAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** A 好事例集: an ordered selection of cases with a reason each (e.g. 令和6年度 好事例集). */
@Entity({ tableName: "collections" })
@Index({ properties: ["status", "publishedAt"] })
export class Collection {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /**
   * The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). A
   * COMMONS collection keeps the organisation of the 広域事務局 who made it, for the audit trail only:
   * it is curated by whoever is the hub, and read by every organisation (collections/commons.ts).
   */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  /** ORGANISATION (its secretariat's) or COMMONS (the 広域事務局's, issue 16); never changes. */
  @Enum({ items: [...COLLECTION_SCOPES], type: "text" })
  scope: CollectionScope & Opt = "ORGANISATION";

  @Property({ type: "text" })
  title!: string;

  @Property({ type: "text" })
  description: string & Opt = "";

  /** The 年度 the collection is about, if any (shown on the cover in 和暦). */
  @Property({ type: "integer", nullable: true })
  fiscalYear?: number | null;

  @Enum({ items: [...COLLECTION_STATUSES], type: "text" })
  status: CollectionStatus & Opt = "DRAFT";

  /** Optimistic lock, bumped by every change of the collection or its entries. */
  @Property({ type: "integer", version: true })
  version!: number & Opt;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  createdBy?: Ref<User> | null;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  publishedAt?: Date | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** One case in a collection, at `position` (0, 1, 2 … without gaps), with its 選定理由. */
@Entity({ tableName: "collection_entries" })
@Unique({ properties: ["collection", "case"] })
@Index({ properties: ["collection", "position"] })
@Index({ properties: ["case"] })
export class CollectionEntry {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Collection, ref: true, deleteRule: "cascade" })
  collection!: Ref<Collection>;

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  @Property({ type: "integer" })
  position!: number;

  @Property({ type: "text" })
  reason!: string;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  addedBy?: Ref<User> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  addedAt: Date & Opt = new Date();
}

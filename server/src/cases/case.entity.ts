import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToMany, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import { Collection, type Opt, type Ref } from "@mikro-orm/core";
import { CASE_KINDS, CASE_SHARINGS, CASE_STATUSES, type CaseKind, type CaseSharing, type CaseStatus, type Effect, type PersonalInfoFinding } from "@kb/shared";
import { Department } from "../departments/index.js";
import { Tag } from "../tags/index.js";
import { User } from "../users/index.js";
import { Organisation } from "../organisations/index.js";

/** A 好事例: one entity for all four kinds; kind-specific details live in `details` (shared/src/details.ts). */
@Entity({ tableName: "cases" })
@Index({ properties: ["status", "fiscalYear"] })
@Index({ properties: ["sharing", "status"] })
@Unique({ properties: ["organisation", "externalId"] })
export class Case {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  /** Stable id from the interchange format (per organisation); re-importing the same id updates this row. */
  @Property({ type: "text", nullable: true })
  externalId?: string | null;

  @Enum({ items: [...CASE_KINDS], type: "text" })
  kind!: CaseKind;

  @Property({ type: "text" })
  title!: string;

  @Property({ type: "text" })
  summary!: string;

  @Property({ type: "text" })
  background: string & Opt = "";

  @Property({ type: "text" })
  actions: string & Opt = "";

  @Property({ type: "text" })
  results: string & Opt = "";

  @Property({ type: "text" })
  tips: string & Opt = "";

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: "restrict" })
  @Index()
  department!: Ref<Department>;

  @Property({ type: "integer" })
  fiscalYear!: number;

  @ManyToMany({ entity: () => Tag, owner: true, pivotTable: "case_tags", joinColumn: "case_id", inverseJoinColumn: "tag_id" })
  tags = new Collection<Tag>(this);

  @Property({ type: "json" })
  effects: Effect[] & Opt = [];

  @Property({ type: "json", nullable: true })
  details?: Record<string, unknown> | null;

  @Enum({ items: [...CASE_STATUSES], type: "text" })
  status: CaseStatus & Opt = "DRAFT";

  /**
   * Who may read it once published (shared CASE_SHARINGS): 庁内限定 or the commons. The owning
   * organisation's secretariat sets it at publish or later (audited); organisations/readership.ts
   * turns it into the one visibility rule that SQL, Meilisearch and the policies share.
   */
  @Enum({ items: [...CASE_SHARINGS], type: "text" })
  sharing: CaseSharing & Opt = "ORGANISATION";

  /**
   * 参考にした好事例 (issue 16): the case this one is based on, perhaps another organisation's commons
   * case. Set by the case's editors (adoptions/lineage.service.ts checks it: readable by the one who
   * sets it, not the case itself, no cycle). The original's page lists the cases based on it.
   */
  @ManyToOne({ entity: () => Case, ref: true, nullable: true, deleteRule: "set null" })
  @Index()
  basedOn?: Ref<Case> | null;

  /** Optimistic lock: a save based on an older version is refused instead of overwriting. */
  @Property({ type: "integer", version: true })
  version!: number & Opt;

  /** Who wrote it; null for imported cases. Ownership is the department's, so this is credit, not control. */
  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  author?: Ref<User> | null;

  /** Personal-information findings the author confirmed when submitting; the reviewer sees them. */
  @Property({ type: "json", nullable: true })
  personalInfoFindings?: PersonalInfoFinding[] | null;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  submittedAt?: Date | null;

  /** Hash of the imported content, so a re-import of unchanged lines writes nothing. */
  @Property({ type: "text", nullable: true })
  contentHash?: string | null;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  publishedAt?: Date | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

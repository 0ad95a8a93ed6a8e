import { randomUUID } from "node:crypto";
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import type { CaseContentOf } from "@kb/shared";
import { Case } from "../cases/index.js";
import { User } from "../users/index.js";

/**
 * The editable content of a case as one save left it (its fields: shared/src/case-content.ts). Every
 * save adds one; none is ever changed. Stored as JSON, so kind and effects are read back unchecked.
 */
export type CaseSnapshot = CaseContentOf<string, unknown> & { details: Record<string, unknown> | null };

/** A file removed by this save: the bytes are gone, the history keeps what they were. */
export interface RemovedAttachment {
  fileName: string;
  size: number;
  sha256: string;
}

@Entity({ tableName: "case_revisions" })
@Unique({ properties: ["case", "version"] })
export class CaseRevision {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  /** The case's version after this save. */
  @Property({ type: "integer" })
  version!: number;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  editor?: Ref<User> | null;

  @Property({ type: "json" })
  snapshot!: CaseSnapshot;

  /** Set when the save removed an attachment (the content is unchanged then). */
  @Property({ type: "json", nullable: true })
  removedAttachment?: RemovedAttachment | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}

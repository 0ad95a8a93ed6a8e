import { randomUUID } from "node:crypto";
import { Entity, Enum, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";
import { SYNONYM_MODES, type SynonymMode } from "@kb/shared";

/**
 * A group of search synonyms curated by the secretariat. PostgreSQL is where they live; the index
 * gets them through documents (index-time expansion, see synonyms/synonym-expander.ts), so a change
 * re-expands the affected documents through the search outbox, in the same transaction.
 */
@Entity({ tableName: "synonym_groups" })
export class SynonymGroup {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Enum({ items: [...SYNONYM_MODES], type: "text" })
  mode: SynonymMode & Opt = "EQUIVALENT";

  /** NFKC-normalised terms; for ONE_WAY the first one also finds the rest. */
  @Property({ type: "json" })
  terms!: string[];

  @Property({ type: "text", nullable: true })
  note?: string | null;

  /** Optimistic lock: an edit based on an older version is refused (CONFLICT) instead of overwriting. */
  @Property({ type: "integer", version: true })
  version!: number & Opt;

  @Property({ type: "uuid", nullable: true })
  updatedBy?: string | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

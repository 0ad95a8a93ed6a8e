import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Opt } from "@mikro-orm/core";

/**
 * Who did what, when, from what to what. Written in the same transaction as the change it records
 * (a rolled-back change leaves no audit row).
 */
@Entity({ tableName: "audit_log" })
@Index({ properties: ["subjectType", "subjectId"] })
export class AuditLog {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  id!: string & Opt;

  /** The acting user; null for the system (imports, migrations, CLI without a user). */
  @Property({ type: "uuid", nullable: true })
  actorId?: string | null;

  /** What happened, e.g. "case.transition", "synonym.create". */
  @Property({ type: "text" })
  action!: string;

  @Property({ type: "text" })
  subjectType!: string;

  @Property({ type: "text" })
  subjectId!: string;

  @Property({ type: "json", nullable: true })
  before?: unknown;

  @Property({ type: "json", nullable: true })
  after?: unknown;

  @Property({ type: "datetime", columnType: "timestamptz" })
  at: Date & Opt = new Date();
}

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction that makes the change. */
export function recordAudit(em: EntityManager, entry: AuditEntry): void {
  em.persist(em.create(AuditLog, { ...entry, before: entry.before ?? null, after: entry.after ?? null }));
}

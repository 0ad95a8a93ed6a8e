import { Entity, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Opt, Ref } from "@mikro-orm/core";
import { Organisation } from "../organisations/index.js";

/**
 * Who did what, when, from what to what. Written in the same transaction as the change it records
 * (a rolled-back change leaves no audit row).
 */
@Entity({ tableName: "audit_log" })
@Index({ properties: ["subjectType", "subjectId"] })
export class AuditLog {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  id!: string & Opt;

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

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
  /** The organisation the change happened in (the actor's; the case's for a system change to a case). */
  organisationId: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction that makes the change. */
export function recordAudit(em: EntityManager, entry: AuditEntry): void {
  const { organisationId, ...rest } = entry;
  em.persist(em.create(AuditLog, { ...rest, organisation: em.getReference(Organisation, organisationId), before: entry.before ?? null, after: entry.after ?? null }));
}

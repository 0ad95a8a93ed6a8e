import type { EntityManager } from "@mikro-orm/postgresql";
import { ADOPTION_STATUS_LABELS, adoptionRecordSchema, COUNTED_ADOPTION_STATUSES, type AdoptionStatus, type Effect, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { Case, lockCase, casePolicy } from "../cases/index.js";
import { Department } from "../departments/index.js";
import { badInput, badInputFromZod, forbidden, notFound, requireViewer, type Viewer, recordEvent } from "../kernel/index.js";
import { caseReadershipWhere, type Readership } from "../organisations/index.js";
import { adoptionErrors } from "./adoption.errors.js";
import { notifyCaseOwners } from "../notifications/index.js";
import { User } from "../users/index.js";
import { Adoption, AdoptionEvent } from "./adoption.entity.js";
import { adoptionRecorded } from "./adoption.events.js";
import { adoptionPolicy } from "./adoption.policy.js";

/**
 * The adoption ledger (横展開). One row per adopting 課 × case; each status change adds an
 * event (the timeline). A write: shared zod validation, authorisation (adoption.policy), one
 * transaction with the audit row, the notification to the case's 課 and — because `adoptionCount` is
 * in the search document — the fact AdoptionRecorded (adoption.events.ts).
 */

/** Adoption counts of one case, by status; `adoptionCount` = 試行中 + 導入済 (COUNTED_ADOPTION_STATUSES). */
export interface AdoptionCounts {
  caseId: string;
  considering: number;
  trial: number;
  adopted: number;
  declined: number;
  /** 試行中 + 導入済: what search sorts and filters by (「横展開の多い順」) and the home page ranks by. */
  adoptionCount: number;
}

const COUNTED_SQL = COUNTED_ADOPTION_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * Adoption counts for many cases in ONE query. Every requested id is in the map (zeros when none).
 * For other slices too (home page, dashboard): pass any EntityManager, e.g. the request's.
 */
export async function adoptionCountsByCase(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, AdoptionCounts>> {
  const ids = [...new Set(caseIds)];
  const counts = new Map<string, AdoptionCounts>(
    ids.map((id) => [id, { caseId: id, considering: 0, trial: 0, adopted: 0, declined: 0, adoptionCount: 0 }]),
  );
  if (!ids.length) return counts;
  const rows = await em.execute<{ case_id: string; status: AdoptionStatus; n: string | number }[]>(
    "select case_id, status, count(*) as n from adoptions where case_id in (?) group by case_id, status",
    [ids],
  );
  for (const row of rows) {
    const c = counts.get(row.case_id);
    if (!c) continue;
    const n = Number(row.n);
    if (row.status === "CONSIDERING") c.considering += n;
    else if (row.status === "TRIAL") c.trial += n;
    else if (row.status === "ADOPTED") c.adopted += n;
    else c.declined += n;
    if (COUNTED_ADOPTION_STATUSES.includes(row.status)) c.adoptionCount += n;
  }
  return counts;
}

/** `adoptionCount` only, for the search documents: one query, only cases that have some. */
export async function countedAdoptionsByCase(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(caseIds)];
  if (!ids.length) return new Map();
  const rows = await em.execute<{ case_id: string; n: string | number }[]>(
    `select case_id, count(*) as n from adoptions where case_id in (?) and status in (${COUNTED_SQL}) group by case_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
}

/**
 * Adoption flows between departments (dashboard): from the case's 課 to the adopting 課, per status.
 * One query over the whole ledger; `status` narrows it (default: every status).
 */
export async function adoptionFlows(
  em: EntityManager,
  /** The organisation whose ledger (adoptions of its cases by its 課). */
  organisationId: string,
  statuses: readonly AdoptionStatus[] = ["CONSIDERING", "TRIAL", "ADOPTED", "DECLINED"],
): Promise<{ fromDepartmentId: string; toDepartmentId: string; status: AdoptionStatus; count: number }[]> {
  if (!statuses.length) return [];
  const rows = await em.execute<{ from_id: string; to_id: string; status: AdoptionStatus; n: string | number }[]>(
    `select c.department_id as from_id, a.department_id as to_id, a.status, count(*) as n
       from adoptions a join cases c on c.id = a.case_id
      where a.organisation_id = ? and c.organisation_id = ? and a.status in (?) group by c.department_id, a.department_id, a.status`,
    [organisationId, organisationId, [...statuses]],
  );
  return rows.map((r) => ({ fromDepartmentId: r.from_id, toDepartmentId: r.to_id, status: r.status, count: Number(r.n) }));
}

export interface AdoptionRecord {
  id: string;
  /** The adopting organisation (the row's tenant): another one than the case's on a commons case. */
  organisationId: string;
  caseId: string;
  departmentId: string;
  status: AdoptionStatus;
  note: string;
  changes: string;
  effects: Effect[];
  derivedCaseId: string | null;
  recordedById: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AdoptionEventRecord {
  id: string;
  adoptionId: string;
  fromStatus: AdoptionStatus | null;
  status: AdoptionStatus;
  note: string;
  actorId: string | null;
  createdAt: Date;
}

export function toAdoptionRecord(a: Adoption): AdoptionRecord {
  return {
    id: a.id,
    organisationId: a.organisation.id,
    caseId: a.case.id,
    departmentId: a.department.id,
    status: a.status,
    note: a.note,
    changes: a.changes,
    effects: a.effects,
    derivedCaseId: a.derivedCase?.id ?? null,
    recordedById: a.recordedBy?.id ?? null,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function toAdoptionEventRecord(e: AdoptionEvent): AdoptionEventRecord {
  return {
    id: e.id,
    adoptionId: e.adoption.id,
    fromStatus: e.fromStatus ?? null,
    status: e.status,
    note: e.note,
    actorId: e.actor?.id ?? null,
    createdAt: e.createdAt,
  };
}


export class AdoptionService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Records (creates or updates) the viewer's 課's adoption of a case. The case row is locked, so two
   * members of one 課 saving at once are serialised; `version` (the adoption's, when the form had one)
   * refuses a stale save with CONFLICT.
   */
  async record(viewerOrNull: Viewer | null, raw: unknown): Promise<AdoptionRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = adoptionRecordSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    return this.em.transactional(async (tx) => {
      const facts = await lockCase(tx, input.caseId);
      if (!casePolicy.canTakePart(viewer, facts)) throw notFound("好事例");
      if (!adoptionPolicy.canRecord(viewer, facts)) {
        throw forbidden(
          facts.departmentId === viewer.departmentId
            ? "自分の課の好事例は横展開として記録できません。"
            : "横展開を記録できるのは公開中の好事例だけです。",
        );
      }
      if (input.derivedCaseId) await checkDerivedCase(tx, input.derivedCaseId, input.caseId, viewer.departmentId);

      const existing = await tx.findOne(
        Adoption,
        { case: input.caseId, department: viewer.departmentId },
        // The case row lock above serialises every write to this case's ledger.
        { refresh: true },
      );
      if (existing ? input.version != null && input.version !== existing.version : input.version != null) {
        throw adoptionErrors.staleVersion();
      }
      if (existing && input.version == null) {
        throw adoptionErrors.alreadyRecorded();
      }
      const before = existing ? toAdoptionRecord(existing) : null;
      const adoption =
        existing ??
        tx.create(Adoption, {
          organisation: viewer.organisationId,
          case: tx.getReference(Case, input.caseId),
          department: tx.getReference(Department, viewer.departmentId),
          status: input.status,
        });
      const fromStatus = existing?.status ?? null;
      adoption.status = input.status;
      adoption.note = input.note;
      adoption.changes = input.changes;
      adoption.effects = input.effects;
      adoption.derivedCase = input.derivedCaseId ? tx.getReference(Case, input.derivedCaseId, { wrapped: true }) : null;
      adoption.recordedBy = tx.getReference(User, viewer.userId, { wrapped: true });
      adoption.updatedAt = new Date();
      tx.persist(adoption);

      const statusChanged = fromStatus !== input.status;
      if (statusChanged) {
        tx.persist(
          tx.create(AdoptionEvent, {
            adoption,
            fromStatus,
            status: input.status,
            note: input.note,
            actor: tx.getReference(User, viewer.userId),
          }),
        );
        // adoptionCount is in the search document: the index follows (search-projector.ts), in the
        // next counts window (the case page shows the live count at once).
        recordEvent(tx, adoptionRecorded({ caseId: input.caseId, departmentId: viewer.departmentId, fromStatus, status: input.status }));
        const [dept] = await tx.execute<{ name: string; organisation: string }[]>(
          "select d.name, o.name as organisation from departments d join organisations o on o.id = d.organisation_id where d.id = ?",
          [viewer.departmentId],
        );
        const label = ADOPTION_STATUS_LABELS[input.status];
        // Another 自治体's 課 (a commons case) is named with its 自治体.
        const who = dept ? (viewer.organisationId === facts.organisationId ? dept.name : `${dept.organisation} ${dept.name}`) : "他の課";
        const message =
          fromStatus === null
            ? `${who}が「${facts.title}」の横展開を「${label}」として記録しました。`
            : `${who}が「${facts.title}」の横展開を「${ADOPTION_STATUS_LABELS[fromStatus]}」から「${label}」に更新しました。`;
        await notifyCaseOwners(tx, facts, viewer.userId, "ADOPTION_RECORDED", input.caseId, message);
      }
      await tx.flush();
      const after = toAdoptionRecord(adoption);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: existing ? "adoption.update" : "adoption.create",
        subjectType: "Case",
        subjectId: input.caseId,
        before: before && { adoptionId: before.id, ...auditView(before) },
        after: { adoptionId: after.id, departmentId: after.departmentId, ...auditView(after) },
      });
      await tx.flush();
      return after;
    });
  }

  /** The case page's ledger: every 課's adoption of the case, most recently changed first. */
  async forCases(caseIds: readonly string[]): Promise<Map<string, AdoptionRecord[]>> {
    const out = new Map<string, AdoptionRecord[]>(caseIds.map((id) => [id, []]));
    if (!caseIds.length) return out;
    const rows = await this.em.find(Adoption, { case: { $in: [...caseIds] } }, { orderBy: { updatedAt: "desc", id: "asc" } });
    for (const a of rows) out.get(a.case.id)?.push(toAdoptionRecord(a));
    return out;
  }

  /** Timelines of many adoptions in one query, oldest step first. */
  async eventsFor(adoptionIds: readonly string[]): Promise<Map<string, AdoptionEventRecord[]>> {
    const out = new Map<string, AdoptionEventRecord[]>(adoptionIds.map((id) => [id, []]));
    if (!adoptionIds.length) return out;
    const rows = await this.em.find(AdoptionEvent, { adoption: { $in: [...adoptionIds] } }, { orderBy: { createdAt: "asc", id: "asc" } });
    for (const e of rows) out.get(e.adoption.id)?.push(toAdoptionEventRecord(e));
    return out;
  }

  /** What a 課 has adopted (department page), newest change first, paginated. */
  async byDepartment(departmentId: string, readership: Readership, first: number, offset: number): Promise<{ total: number; items: AdoptionRecord[] }> {
    if (!isUuid(departmentId)) return { total: 0, items: [] };
    const [items, total] = await this.em.findAndCount(
      Adoption,
      // Only adoptions of cases the reader may read: another organisation's 庁内限定 case stays unseen.
      { department: departmentId, case: { status: "PUBLISHED", ...caseReadershipWhere(readership) } },
      { orderBy: { updatedAt: "desc", id: "asc" }, limit: clamp(first), offset: Math.max(offset, 0) },
    );
    return { total, items: items.map(toAdoptionRecord) };
  }
}

function auditView(a: AdoptionRecord) {
  return { status: a.status, note: a.note, changes: a.changes, effects: a.effects, derivedCaseId: a.derivedCaseId };
}

const clamp = (first: number) => Math.min(Math.max(first, 0), 100);

/** The derived case must be the adopting 課's own case (any status: it may still be a draft). */
async function checkDerivedCase(tx: EntityManager, derivedCaseId: string, caseId: string, departmentId: string): Promise<void> {
  if (derivedCaseId.toLowerCase() === caseId.toLowerCase()) {
    throw badInput([{ path: "derivedCaseId", message: "元の好事例そのものは派生した事例にできません" }]);
  }
  const [row] = await tx.execute<{ department_id: string }[]>("select department_id from cases where id = ?", [derivedCaseId]);
  if (!row || row.department_id !== departmentId) {
    throw badInput([{ path: "derivedCaseId", message: "派生した事例には、自分の課の好事例を選んでください" }]);
  }
}

import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CASE_STATUSES, type CaseSharing, type CaseStatus, isUuid } from "@kb/shared";
import { forbidden, notFound, type AppError, type Viewer } from "../kernel/index.js";
import { Case } from "./case.entity.js";
import { caseErrors } from "./case.errors.js";
import { casePolicy, type CaseFacts } from "./case.policy.js";

export function factsOf(c: Case): CaseFacts {
  return { organisationId: c.organisation.id, status: c.status, sharing: c.sharing, departmentId: c.department.id, authorId: c.author?.id ?? null };
}

/**
 * Why `viewer` may not do `allowed` to a case, or null when they may. A case the viewer may not read
 * is NOT_FOUND, exactly like an id that does not exist (no existence oracle: another 課's draft and a
 * random id answer alike). One they can read but may never do this to is FORBIDDEN; one they may do
 * it to in another state is CONFLICT.
 */
export function refusal(
  viewer: Viewer | null,
  facts: CaseFacts,
  allowed: (facts: CaseFacts) => boolean,
  wrongStateMessage = "この好事例は現在の状態では変更できません。",
  forbiddenMessage?: string,
): AppError | null {
  if (!casePolicy.canTakePart(viewer, facts)) return notFound("好事例");
  if (allowed(facts)) return null;
  const anyState = CASE_STATUSES.some((status) => allowed({ ...facts, status }));
  return anyState ? caseErrors.wrongState(wrongStateMessage) : forbidden(forbiddenMessage);
}

/** The case by id, or NOT_FOUND (also for a malformed id, which PostgreSQL would refuse as a uuid). */
export async function findCaseOrNotFound(em: EntityManager, id: string, lock = false): Promise<Case> {
  if (!isUuid(id)) throw notFound("好事例");
  const c = await em.findOne(Case, id, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!c) throw notFound("好事例");
  return c;
}

/**
 * The case's facts (and title), its row locked FOR UPDATE for this transaction, without loading the
 * entity: for writes that hang off a case (adoptions, questions, tag proposals, freshness) and must
 * not race its archiving. NOT_FOUND for a malformed or unknown id; permission is the caller's.
 */
export async function lockCase(tx: EntityManager, caseId: string): Promise<CaseFacts & { id: string; title: string }> {
  if (!isUuid(caseId)) throw notFound("好事例");
  const [row] = await tx.execute<{ id: string; organisation_id: string; status: CaseStatus; sharing: CaseSharing; department_id: string; author_id: string | null; title: string }[]>(
    "select id, organisation_id, status, sharing, department_id, author_id, title from cases where id = ? for update",
    [caseId],
  );
  if (!row) throw notFound("好事例");
  return { id: row.id, organisationId: row.organisation_id, status: row.status, sharing: row.sharing, departmentId: row.department_id, authorId: row.author_id, title: row.title };
}

/**
 * Loads the case FOR UPDATE (so concurrent saves queue up), then checks permission (see `refusal`)
 * and, when given, the version the change started from.
 */
export async function lockCaseForChange(
  tx: EntityManager,
  viewer: Viewer,
  id: string,
  expectedVersion: number | null,
  allowed: (facts: CaseFacts) => boolean,
  messages: { wrongState?: string; forbidden?: string } = {},
): Promise<Case> {
  // Lock the case row alone. A populate inside the locking find carries FOR UPDATE onto the
  // shared tag rows too, so two submissions with the same tags deadlocked (seen under `npm run load`).
  const c = await findCaseOrNotFound(tx, id, true);
  const refused = refusal(viewer, factsOf(c), allowed, messages.wrongState, messages.forbidden);
  if (refused) throw refused;
  await tx.populate(c, ["tags"]);
  if (expectedVersion !== null && c.version !== expectedVersion) {
    throw caseErrors.staleVersion();
  }
  return c;
}

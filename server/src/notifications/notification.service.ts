import type { EntityManager } from "@mikro-orm/postgresql";
import { Case, type CaseFacts } from "../cases/index.js";
import { User } from "../users/index.js";
import { Notification, type NotificationType } from "./notification.entity.js";

/** Queues in-app notices inside the caller's transaction: a rolled-back change notifies nobody. */
export function notify(
  em: EntityManager,
  /** The organisation the notice is about (its case's): recipients are its members. */
  organisationId: string,
  recipientIds: Iterable<string>,
  type: NotificationType,
  caseId: string | null,
  message: string,
): void {
  for (const recipientId of new Set(recipientIds)) {
    em.persist(
      em.create(Notification, {
        organisation: organisationId,
        recipient: em.getReference(User, recipientId),
        type,
        case: caseId ? em.getReference(Case, caseId) : null,
        message,
      }),
    );
  }
}

/**
 * Notifies the case's owners (the active members of its 課 and its author; see `isOwner` in
 * case.policy) of something `actorId` did, never the actor themself. In the caller's transaction.
 */
export async function notifyCaseOwners(
  em: EntityManager,
  facts: Pick<CaseFacts, "organisationId" | "departmentId" | "authorId">,
  actorId: string,
  type: NotificationType,
  caseId: string,
  message: string,
): Promise<void> {
  const owners = await em.execute<{ id: string }[]>(
    "select id from users where active and organisation_id = ? and (department_id = ? or id = ?) and id <> ?",
    [facts.organisationId, facts.departmentId, facts.authorId ?? actorId, actorId],
  );
  notify(em, facts.organisationId, owners.map((o) => o.id), type, caseId, message);
}

/** The active secretariat of one organisation. */
export async function secretariatUserIds(em: EntityManager, organisationId: string): Promise<string[]> {
  const rows = await em.find(User, { organisation: organisationId, role: "SECRETARIAT", active: true }, { fields: ["id"] });
  return rows.map((u) => u.id);
}

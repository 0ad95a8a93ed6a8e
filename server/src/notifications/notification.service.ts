import type { EntityManager } from "@mikro-orm/postgresql";
import { Case } from "../cases/case.entity.js";
import { User } from "../users/user.entity.js";
import { Notification, type NotificationType } from "./notification.entity.js";

/** Queues in-app notices inside the caller's transaction: a rolled-back change notifies nobody. */
export function notify(
  em: EntityManager,
  recipientIds: Iterable<string>,
  type: NotificationType,
  caseId: string | null,
  message: string,
): void {
  for (const recipientId of new Set(recipientIds)) {
    em.persist(
      em.create(Notification, {
        recipient: em.getReference(User, recipientId),
        type,
        case: caseId ? em.getReference(Case, caseId) : null,
        message,
      }),
    );
  }
}

export async function secretariatUserIds(em: EntityManager): Promise<string[]> {
  const rows = await em.find(User, { role: "SECRETARIAT", active: true }, { fields: ["id"] });
  return rows.map((u) => u.id);
}

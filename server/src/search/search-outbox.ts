import type { EntityManager } from "@mikro-orm/postgresql";
import { SearchOutbox } from "./search-outbox.entity.js";

/**
 * Call inside the transaction that changes cases: the outbox rows commit (or roll back) with it.
 */
export function enqueueSearchSync(em: EntityManager, caseIds: Iterable<string>): void {
  for (const caseId of new Set(caseIds)) em.persist(em.create(SearchOutbox, { caseId }));
}

import type { EntityManager } from "@mikro-orm/postgresql";
import { SearchOutbox, type SearchOutboxKind } from "./search-outbox.entity.js";
import { PRIMARY_NODE } from "./search-nodes.js";

/**
 * Call inside the transaction that changes cases: the outbox rows commit (or roll back) with it.
 * `kind`: "counts" when only adoption counts changed (indexed in windows, see the entity).
 * `node`: "primary" (every registered node gets a copy: the fan-out trigger), or one node only.
 */
export function enqueueSearchSync(em: EntityManager, caseIds: Iterable<string>, kind: SearchOutboxKind = "content", node: string = PRIMARY_NODE): void {
  for (const caseId of new Set(caseIds)) em.persist(em.create(SearchOutbox, { caseId, kind, node }));
}

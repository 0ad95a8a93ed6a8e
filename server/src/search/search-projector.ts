import type { EntityManager } from "@mikro-orm/postgresql";
import type { AdoptionFact } from "../adoptions/index.js";
import type { AttachmentFact } from "../attachments/index.js";
import type { CaseFact } from "../cases/index.js";
import type { DepartmentFact } from "../departments/index.js";
import type { ImportFact } from "../importer/index.js";
import type { OrganisationFact } from "../organisations/index.js";
import type { DomainFact } from "../kernel/index.js";
import type { SynonymFact } from "../synonyms/index.js";
import type { TagFact } from "../tags/index.js";
import type { SearchOutboxKind } from "./search-outbox.entity.js";
import { enqueueSearchSync } from "./search-outbox.js";

/** Every fact a writer records (each slice's `<slice>.events.ts`). */
export type KnownFact = AdoptionFact | AttachmentFact | CaseFact | DepartmentFact | ImportFact | OrganisationFact | SynonymFact | TagFact;

/** Which search documents a fact touches, and how soon they must follow (see SearchOutboxKind). */
interface Touch {
  caseIds: readonly string[];
  kind: SearchOutboxKind;
}

const content = (caseIds: readonly string[]): Touch => ({ caseIds, kind: "content" });
const NOTHING: Touch = content([]);
const isPublished = (status: string) => status === "PUBLISHED";

type Rules = { [T in KnownFact["type"]]: (payload: Extract<KnownFact, { type: T }>["payload"]) => Touch };

/**
 * The one place that decides what the search index must hear of a fact. Only published cases are
 * in the index, so a case's own change matters when the case is published, or enters or leaves
 * PUBLISHED (leaving queues its removal). A fact type without a rule is refused (projectSearch
 * throws, failing the writer's transaction), so a new fact cannot silently miss the index.
 */
const RULES: Rules = {
  CaseTransitioned: ({ caseId, from, to }) => (isPublished(from) || isPublished(to) ? content([caseId]) : NOTHING),
  CaseEdited: ({ caseId, status }) => (isPublished(status) ? content([caseId]) : NOTHING),
  // Documents carry the sharing scope the visibility filter reads: the change must reach them.
  CaseSharingChanged: ({ caseId, status }) => (isPublished(status) ? content([caseId]) : NOTHING),
  AttachmentRemoved: ({ caseId, caseStatus }) => (isPublished(caseStatus) ? content([caseId]) : NOTHING),
  // Documents carry tag names; a case that is not published gets a removal, which costs nothing.
  CasesRetagged: ({ caseIds }) => content(caseIds),
  TagRenamed: ({ caseIds }) => content(caseIds),
  // A merge and its undo reach documents through their own CasesRetagged and SynonymsChanged facts.
  TagsMerged: () => NOTHING,
  TagMergeUndone: () => NOTHING,
  // Documents carry the synonyms of what they contain (synonyms/synonym-expander.ts): re-expand them.
  SynonymsChanged: ({ caseIds }) => content(caseIds),
  // Only adoptionCount changed: indexed with the next counts window.
  AdoptionRecorded: ({ caseId }) => ({ caseIds: [caseId], kind: "counts" }),
  CasesImported: ({ caseIds }) => content(caseIds),
  // Documents carry the 課's name, path and former names (組織改正, rename, move).
  DepartmentOfCasesChanged: ({ caseIds }) => content(caseIds),
  // Documents carry the organisation's name, 都道府県, 団体区分 and 人口規模 (facets, 似た自治体).
  OrganisationOfCasesChanged: ({ caseIds }) => content(caseIds),
};

export function searchTouchOf(fact: DomainFact): Touch {
  const rule = (RULES as Record<string, ((payload: object) => Touch) | undefined>)[fact.type];
  if (!rule) throw new Error(`search projector: no rule for the fact "${fact.type}" (add one to search/search-projector.ts)`);
  return rule(fact.payload);
}

/**
 * The search projector: turns the facts of one flush into search outbox rows, persisted on the
 * flush's EntityManager so they are written by the same flush, in the writer's transaction
 * (registered with every ORM in db/orm.ts through kernel/domain-events.ts). A case touched by
 * several facts of the flush gets one row of each kind.
 */
export function projectSearch(em: EntityManager, facts: readonly DomainFact[]): void {
  const byKind = new Map<SearchOutboxKind, Set<string>>();
  for (const fact of facts) {
    const { caseIds, kind } = searchTouchOf(fact);
    if (!caseIds.length) continue;
    const ids = byKind.get(kind) ?? new Set<string>();
    for (const id of caseIds) ids.add(id);
    byKind.set(kind, ids);
  }
  for (const [kind, ids] of byKind) enqueueSearchSync(em, ids, kind);
}

import type { DomainFact } from "../kernel/index.js";

/**
 * A synonym group was created, changed or deleted. `terms`: its terms before and after.
 * `caseIds`: the published cases that mention any of them (casesMentioning, synonym.service.ts) —
 * the writer needs that list anyway (it reports how many cases are re-expanded), so the fact
 * carries it rather than have the query run twice in the transaction.
 */
export type SynonymsChanged = DomainFact<"SynonymsChanged", { groupId: string; terms: string[]; caseIds: string[] }>;

export type SynonymFact = SynonymsChanged;

export const synonymsChanged = (payload: SynonymsChanged["payload"]): SynonymsChanged => ({ type: "SynonymsChanged", payload });

import type { CaseStatus } from "@kb/shared";
import type { DomainFact } from "../kernel/index.js";

/** Facts the case workflow records (kernel/domain-events.ts), in the transaction of the change. */

/** A case moved from one status to another (submitted, reviewed, archived). */
export type CaseTransitioned = DomainFact<"CaseTransitioned", { caseId: string; from: CaseStatus; to: CaseStatus }>;

/** A person saved a change to what a case says; `status` is the case's status when it was saved. */
export type CaseEdited = DomainFact<"CaseEdited", { caseId: string; status: CaseStatus }>;

export type CaseFact = CaseTransitioned | CaseEdited;

export const caseTransitioned = (payload: CaseTransitioned["payload"]): CaseTransitioned => ({ type: "CaseTransitioned", payload });
export const caseEdited = (payload: CaseEdited["payload"]): CaseEdited => ({ type: "CaseEdited", payload });

import type { CaseSharing, CaseStatus } from "@kb/shared";
import type { DomainFact } from "../kernel/index.js";

/** Facts the case workflow records (kernel/domain-events.ts), in the transaction of the change. */

/** A case moved from one status to another (submitted, reviewed, archived). */
export type CaseTransitioned = DomainFact<"CaseTransitioned", { caseId: string; from: CaseStatus; to: CaseStatus }>;

/** A person saved a change to what a case says; `status` is the case's status when it was saved. */
export type CaseEdited = DomainFact<"CaseEdited", { caseId: string; status: CaseStatus }>;

/** The secretariat changed who may read a case (庁内限定 ↔ 自治体間で共有); `status` is the case's. */
export type CaseSharingChanged = DomainFact<"CaseSharingChanged", { caseId: string; status: CaseStatus; from: CaseSharing; to: CaseSharing }>;

export type CaseFact = CaseTransitioned | CaseEdited | CaseSharingChanged;

export const caseTransitioned = (payload: CaseTransitioned["payload"]): CaseTransitioned => ({ type: "CaseTransitioned", payload });
export const caseEdited = (payload: CaseEdited["payload"]): CaseEdited => ({ type: "CaseEdited", payload });
export const caseSharingChanged = (payload: CaseSharingChanged["payload"]): CaseSharingChanged => ({ type: "CaseSharingChanged", payload });

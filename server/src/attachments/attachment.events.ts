import type { CaseStatus } from "@kb/shared";
import type { DomainFact } from "../kernel/index.js";

/** A file was removed from a case (the case's version moved on); `caseStatus` is the case's status then. */
export type AttachmentRemoved = DomainFact<"AttachmentRemoved", { attachmentId: string; caseId: string; caseStatus: CaseStatus }>;

export type AttachmentFact = AttachmentRemoved;

export const attachmentRemoved = (payload: AttachmentRemoved["payload"]): AttachmentRemoved => ({ type: "AttachmentRemoved", payload });

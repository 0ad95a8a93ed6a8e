import type { CaseStatus } from "@kb/shared";
import { isCommonsCase, isOwner, sameOrganisation, type CaseFacts } from "../cases/index.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Q&A on a case: any logged-in user outside the owning 課 asks about a PUBLISHED case — of their own
 * organisation, or of another when it is a commons case (issue 16); the owning 課 (its members, or the
 * case's author) and the secretariat (事務局, who knows who else did the same) OF THE CASE'S
 * ORGANISATION answer while the case is PUBLISHED (ADMIN is not a content role; another
 * organisation's secretariat does not answer for it); the asker, or a member of the 課 that asked
 * (the asker may have moved), accepts an answer. Every reader of the case reads the Q&A.
 */
export interface QuestionFacts {
  authorId: string | null;
  departmentId: string | null;
}

const published = (status: CaseStatus) => status === "PUBLISHED";

export const questionPolicy = {
  canAsk(viewer: Viewer | null, c: CaseFacts): boolean {
    if (!viewer || !published(c.status)) return false;
    return sameOrganisation(viewer, c) ? viewer.departmentId !== c.departmentId : isCommonsCase(c);
  },
  canAnswer(viewer: Viewer | null, c: CaseFacts): boolean {
    return published(c.status) && (isOwner(viewer, c) || (sameOrganisation(viewer, c) && viewer.role === "SECRETARIAT"));
  },
  canAccept(viewer: Viewer | null, q: QuestionFacts): boolean {
    return !!viewer && (viewer.userId === q.authorId || (q.departmentId !== null && viewer.departmentId === q.departmentId));
  },
};

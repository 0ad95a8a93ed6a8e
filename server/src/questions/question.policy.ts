import type { CaseStatus } from "@kb/shared";
import { isOwner, type CaseFacts } from "../cases/index.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Q&A on a case: any logged-in user outside the owning 課 asks about a PUBLISHED case; the owning 課
 * (its members, or the case's author) and the secretariat (事務局, who knows who else did the same)
 * answer while the case is PUBLISHED (ADMIN is not a content role); the asker, or a member of the 課
 * that asked (the asker may have moved), accepts an answer.
 */
export interface QuestionFacts {
  authorId: string | null;
  departmentId: string | null;
}

const published = (status: CaseStatus) => status === "PUBLISHED";

export const questionPolicy = {
  canAsk(viewer: Viewer | null, c: CaseFacts): boolean {
    return !!viewer && published(c.status) && viewer.departmentId !== c.departmentId;
  },
  canAnswer(viewer: Viewer | null, c: CaseFacts): boolean {
    return published(c.status) && (isOwner(viewer, c) || viewer?.role === "SECRETARIAT");
  },
  canAccept(viewer: Viewer | null, q: QuestionFacts): boolean {
    return !!viewer && (viewer.userId === q.authorId || (q.departmentId !== null && viewer.departmentId === q.departmentId));
  },
};

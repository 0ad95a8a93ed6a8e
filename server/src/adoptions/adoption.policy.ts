import type { CaseStatus } from "@kb/shared";
import { isOwner, type CaseFacts } from "../cases/case.policy.js";
import type { Viewer } from "../users/viewer.js";

/**
 * Who may do what with 横展開: the adoption ledger, Q&A and freshness checks. Small pure
 * functions in one place, like case.policy; the services ask here and nothing else decides.
 * (A case the viewer may not read is NOT_FOUND before any of these is asked; `casePolicy.canRead`.)
 *
 * - Adoption: a logged-in member of a 課 records their OWN 課's relation to a PUBLISHED case of
 *   another 課 (any role: the secretariat's 課 may adopt too). The department is always the viewer's,
 *   so nobody records for a 課 they are not in; the owning 課 does not adopt its own case.
 * - Questions: any logged-in user outside the owning 課 asks about a PUBLISHED case.
 * - Answers: the owning 課 (its members, or the case's author) and the secretariat (事務局, who knows
 *   who else did the same) answer, while the case is PUBLISHED. ADMIN is not a content role.
 * - Accepting an answer: the asker, or a member of the 課 that asked (the asker may have moved).
 * - Freshness: the owning 課 (or the author) confirms 内容を確認した on a PUBLISHED case; the
 *   secretariat sees the due list but the check is the 課's.
 */
export interface QuestionFacts {
  authorId: string | null;
  departmentId: string | null;
}

const published = (status: CaseStatus) => status === "PUBLISHED";

export const adoptionPolicy = {
  canRecord(viewer: Viewer | null, c: CaseFacts): boolean {
    return !!viewer && published(c.status) && viewer.departmentId !== c.departmentId;
  },
};

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

export const freshnessPolicy = {
  canConfirm(viewer: Viewer | null, c: CaseFacts): boolean {
    return published(c.status) && isOwner(viewer, c);
  },
  /** The due list of a 課 (department page): its own members and the secretariat. */
  canSeeDueList(viewer: Viewer | null, departmentId: string): boolean {
    return !!viewer && (viewer.departmentId === departmentId || viewer.role === "SECRETARIAT" || viewer.role === "ADMIN");
  },
};

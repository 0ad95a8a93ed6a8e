import type { CaseStatus } from "@kb/shared";
import { type CaseFacts, isCommonsCase, sameOrganisation } from "../cases/index.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Who may do what with 横展開: the adoption ledger, Q&A and freshness checks. Small pure
 * functions in one place, like case.policy; the services ask here and nothing else decides.
 * (A case the viewer may not read is NOT_FOUND before any of these is asked; `casePolicy.canTakePart`.)
 *
 * - Adoption: a logged-in member of a 課 records their OWN 課's relation to a PUBLISHED case of
 *   another 課 (any role: the secretariat's 課 may adopt too) — of their own organisation, or of any
 *   organisation when it is a commons case (issue 16). The department is always the viewer's, so
 *   nobody records for a 課 they are not in; the owning 課 does not adopt its own case. The row is
 *   the adopting organisation's (its tenant) and every reader of the case sees it.
 * Questions: questions/question.policy.ts; freshness checks: freshness/freshness.policy.ts.
 */
const published = (status: CaseStatus) => status === "PUBLISHED";

export const adoptionPolicy = {
  canRecord(viewer: Viewer | null, c: CaseFacts): boolean {
    if (!viewer || !published(c.status)) return false;
    return sameOrganisation(viewer, c) ? viewer.departmentId !== c.departmentId : isCommonsCase(c);
  },
};

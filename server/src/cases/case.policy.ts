import type { CaseStatus } from "@kb/shared";
import { isCurator, type Viewer } from "../kernel/index.js";

/**
 * Who may see and do what with a case. Cases belong to their department (課): anyone there, and
 * the author, are its owners; ownership survives a 異動 of the author. The secretariat reviews and
 * curates. Every resolver asks here; nothing else decides.
 */
export interface CaseFacts {
  status: CaseStatus;
  departmentId: string;
  authorId: string | null;
}

const OWNER_EDITABLE = new Set<CaseStatus>(["DRAFT", "CHANGES_REQUESTED"]);
const CURATOR_EDITABLE = new Set<CaseStatus>(["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "PUBLISHED"]);

export function isOwner(viewer: Viewer | null, c: CaseFacts): boolean {
  return !!viewer && (viewer.departmentId === c.departmentId || viewer.userId === c.authorId);
}

export const casePolicy = {
  /** Published cases are for everyone; the rest for owners and the secretariat. */
  canRead(viewer: Viewer | null, c: CaseFacts): boolean {
    return c.status === "PUBLISHED" || isOwner(viewer, c) || isCurator(viewer);
  },
  /** Owners edit while the case is theirs to work on; the secretariat may correct it until archived. */
  canEdit(viewer: Viewer | null, c: CaseFacts): boolean {
    return (isOwner(viewer, c) && OWNER_EDITABLE.has(c.status)) || (viewer?.role === "SECRETARIAT" && CURATOR_EDITABLE.has(c.status));
  },
  /**
   * Removing a file (one uploaded by mistake, perhaps with personal information): owners while the
   * case is theirs to work on; the secretariat in any state, published and archived included.
   */
  canRemoveAttachment(viewer: Viewer | null, c: CaseFacts): boolean {
    return (isOwner(viewer, c) && OWNER_EDITABLE.has(c.status)) || viewer?.role === "SECRETARIAT";
  },
  canSubmit(viewer: Viewer | null, c: CaseFacts): boolean {
    return isOwner(viewer, c) && OWNER_EDITABLE.has(c.status);
  },
  /**
   * May decide a submitted case: publish it or send it back (the review, the only way to publishing).
   * The secretariat's job alone; case-workflow.test.ts pins who may and who may not.
   */
  mayPublish(viewer: Viewer | null, c: CaseFacts): boolean {
    return viewer?.role === "SECRETARIAT" && c.status === "SUBMITTED";
  },
  canArchive(viewer: Viewer | null, c: CaseFacts): boolean {
    return isCurator(viewer) && c.status === "PUBLISHED";
  },
  /** Personal-information findings and review history are for owners and curators. */
  canSeeReviewDetails(viewer: Viewer | null, c: CaseFacts): boolean {
    return isOwner(viewer, c) || isCurator(viewer);
  },
};

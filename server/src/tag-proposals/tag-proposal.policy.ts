import { isCurator, type Viewer } from "../kernel/index.js";
import { isOwner, type CaseFacts } from "../cases/index.js";

/** Who may propose tags for a case and who decides on them (issue 8), over the case's facts. */
export const tagProposalPolicy = {
  /** Anyone logged in may propose tags for a published case they can read. */
  canPropose(viewer: Viewer | null, c: CaseFacts): boolean {
    return !!viewer && c.status === "PUBLISHED";
  },
  /** …and the owning department (or the author) or the secretariat accepts or declines them; nobody else. */
  canDecide(viewer: Viewer | null, c: CaseFacts): boolean {
    return isOwner(viewer, c) || isCurator(viewer);
  },
};

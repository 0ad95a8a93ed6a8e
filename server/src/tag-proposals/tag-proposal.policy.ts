import { isCurator, type Viewer } from "../kernel/index.js";
import { isOwner, sameOrganisation, type CaseFacts } from "../cases/index.js";

/** Who may propose tags for a case and who decides on them (issue 8), over the case's facts. */
export const tagProposalPolicy = {
  /**
   * Anyone logged in may propose tags for a published case of their organisation they can read (a
   * commons case's tags stay its organisation's to propose and decide; issue 16 widened only
   * adoption and questions).
   */
  canPropose(viewer: Viewer | null, c: CaseFacts): boolean {
    return sameOrganisation(viewer, c) && c.status === "PUBLISHED";
  },
  /** …and the owning department (or the author) or the secretariat accepts or declines them; nobody else. */
  canDecide(viewer: Viewer | null, c: CaseFacts): boolean {
    return isOwner(viewer, c) || (sameOrganisation(viewer, c) && isCurator(viewer));
  },
};

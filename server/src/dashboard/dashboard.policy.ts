import { isCurator, type Viewer } from "../kernel/index.js";

/** Who may read the secretariat's dashboard (issue 5): the secretariat, and admins too. */
export const dashboardPolicy = {
  canRead(viewer: Viewer | null): boolean {
    return isCurator(viewer);
  },
};

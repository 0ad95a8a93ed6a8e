import type { Viewer } from "../kernel/index.js";

/** Who may export (issue 6). */
export const exportPolicy = {
  /** Exports are downloads of many cases at once: they need a login (and are audited). */
  canExport(viewer: Viewer | null): boolean {
    return !!viewer;
  },
};

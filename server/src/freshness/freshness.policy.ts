import type { CaseStatus } from "@kb/shared";
import { isOwner, type CaseFacts } from "../cases/index.js";
import type { Viewer } from "../kernel/index.js";

/**
 * 鮮度確認: the owning 課 (or the author) confirms 内容を確認した on a PUBLISHED case; the secretariat
 * sees the due list but the check is the 課's.
 */
const published = (status: CaseStatus) => status === "PUBLISHED";

export const freshnessPolicy = {
  canConfirm(viewer: Viewer | null, c: CaseFacts): boolean {
    return published(c.status) && isOwner(viewer, c);
  },
  /** The due list of a 課 (department page): its own members and the secretariat. */
  canSeeDueList(viewer: Viewer | null, departmentId: string): boolean {
    return !!viewer && (viewer.departmentId === departmentId || viewer.role === "SECRETARIAT" || viewer.role === "ADMIN");
  },
};

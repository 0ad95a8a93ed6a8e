import type { SolicitationScope } from "@kb/shared";
import { isCurator, isHubSecretariat, type Viewer } from "../kernel/index.js";

export interface SolicitationFacts {
  organisationId: string;
  scope: SolicitationScope;
  byHub: boolean;
  deadline: string;
  closedAt: Date | null;
}

const tokyoDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });
/** Today in Japan (YYYY-MM-DD). */
export const todayInJapan = (now = new Date()) => tokyoDay.format(now);

/**
 * Who sees, calls, closes and answers 募集 (issue 16 item 6). An organisation's secretariat (or
 * admin) calls within its organisation or across the commons; the installation's 広域事務局 calls
 * across the commons. A 募集 is seen by its organisation's staff, and by every organisation's when it
 * is across the commons. Open until closed or past its 期限 (the day itself included).
 */
export const solicitationPolicy = {
  canCreate(viewer: Viewer | null, scope: SolicitationScope): boolean {
    return scope === "ORGANISATION" ? isCurator(viewer) : isCurator(viewer) || isHubSecretariat(viewer);
  },
  /** May see the demand board (its own organisation's part for secretariats; the commons' part for every one of them). */
  canSeeDemand(viewer: Viewer | null): boolean {
    return isCurator(viewer) || isHubSecretariat(viewer);
  },
  canSee(viewer: Viewer | null, s: Pick<SolicitationFacts, "organisationId" | "scope">): boolean {
    return !!viewer && (s.scope === "COMMONS" || s.organisationId === viewer.organisationId);
  },
  isOpen(s: Pick<SolicitationFacts, "deadline" | "closedAt">, now = new Date()): boolean {
    return !s.closedAt && s.deadline >= todayInJapan(now);
  },
  canAnswer(viewer: Viewer | null, s: SolicitationFacts): boolean {
    return this.canSee(viewer, s) && this.isOpen(s);
  },
  canClose(viewer: Viewer | null, s: SolicitationFacts): boolean {
    if (!this.canSee(viewer, s) || s.closedAt) return false;
    return s.byHub ? isHubSecretariat(viewer) : isCurator(viewer) && viewer!.organisationId === s.organisationId;
  },
};

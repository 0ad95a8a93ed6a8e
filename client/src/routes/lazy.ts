import { lazy } from "react";

/** The case page is its own chunk; cards call `preloadCasePage` on hover/focus so it is ready on click. */
const loadCasePage = () => import("./CasePage");
let pending: ReturnType<typeof loadCasePage> | undefined;

export function preloadCasePage(): void {
  pending ??= loadCasePage();
}

export const CasePage = lazy(() => (pending ??= loadCasePage()));

/** Pages of the workflow (issue 3): each its own chunk, so the search page stays the only entry. */
export const LoginPage = lazy(() => import("./LoginPage"));
export const CaseEditPage = lazy(() => import("./CaseEditPage"));
export const MyCasesPage = lazy(() => import("./MyCasesPage"));
export const ReviewQueuePage = lazy(() => import("./ReviewQueuePage"));
export const NotificationsPage = lazy(() => import("./NotificationsPage"));

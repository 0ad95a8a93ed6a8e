import { lazy } from "react";

/** The case page is its own chunk; cards call `preloadCasePage` on hover/focus so it is ready on click. */
const loadCasePage = () => import("./CasePage");
let pending: ReturnType<typeof loadCasePage> | undefined;

export function preloadCasePage(): void {
  pending ??= loadCasePage();
}

export const CasePage = lazy(() => (pending ??= loadCasePage()));

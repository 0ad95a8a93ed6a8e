import type { CaseView } from "../cases/index.js";

/**
 * A search hit carries the case's `adoptionCount` from its search document (the value the page is
 * sorted and filtered by), so a results page shows it without another SQL statement. Elsewhere
 * `Case.adoptionCount` is read from PostgreSQL through a per-request loader.
 */
export type CaseViewWithAdoptions = CaseView & { indexedAdoptionCount?: number };

export function withIndexedAdoptionCount(view: CaseView, count: unknown): CaseView {
  if (typeof count === "number" && Number.isInteger(count) && count >= 0) (view as CaseViewWithAdoptions).indexedAdoptionCount = count;
  return view;
}

export function indexedAdoptionCount(view: CaseView): number | undefined {
  return (view as CaseViewWithAdoptions).indexedAdoptionCount;
}

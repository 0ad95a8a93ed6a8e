import { CASE_KINDS } from "./enums.js";
import { ORGANISATION_KINDS, POPULATION_BANDS, PREFECTURES } from "./organisation-terms.js";

/**
 * The search's words and limits, without zod: the search page's first load reads its URL with these
 * (search-url.ts) and never loads zod, while search.ts builds the server's schema from the same numbers.
 */

/**
 * Result order. RELEVANCE (default), NEWEST (fiscal year, then publication date) and MOST_ADOPTED
 * (横展開の多い順: departments trying or using the case, then publication date).
 */
export const SEARCH_SORTS = ["RELEVANCE", "NEWEST", "MOST_ADOPTED"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_SORT_LABELS: Record<SearchSort, string> = {
  RELEVANCE: "関連度順",
  NEWEST: "新しい順",
  MOST_ADOPTED: "横展開の多い順",
};

/** How many values each filter takes, and how long one value may be (searchFilterSchema). */
export const SEARCH_FILTER_LIMITS = {
  kinds: { count: CASE_KINDS.length },
  departments: { count: 50, length: 100 },
  fiscalYears: { count: 50, min: 1900, max: 2200 },
  tags: { count: 30, length: 50 },
  organisations: { count: 50 },
  prefectures: { count: PREFECTURES.length },
  organisationKinds: { count: ORGANISATION_KINDS.length },
  populationBands: { count: POPULATION_BANDS.length },
  minAdoptionCount: { min: 0, max: 10_000 },
} as const;

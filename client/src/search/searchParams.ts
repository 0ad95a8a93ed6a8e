import type { SearchFilter } from "@kb/shared";
import { canonicalSearch, isValidSearchFilter, SEARCH_PAGE_SIZE, type SearchSort, type SearchState } from "@kb/shared/plain";

/**
 * The search page's state and what it does with it. The state lives in the URL; the URL codec
 * (SearchState, parseSearchUrl, toSearchString…) is shared/src/search-url.ts, which the server's
 * CSV export reads the same query string with.
 */

export type FacetKey = "kinds" | "departments" | "fiscalYears" | "tags" | "organisations" | "prefectures" | "organisationKinds" | "populationBands";

export type SearchVariables = {
  query: string;
  first: number;
  offset: number;
  sort: SearchSort;
  filter?: SearchFilter;
  /** 似た自治体を優先 (the server applies it to signed-in readers, with 関連度順). */
  preferSimilar: boolean;
};

/** A new adoption threshold (0 = any) starts again at page 1. */
export function withMinAdoptions(state: SearchState, minAdoptions: number): SearchState {
  const { minAdoptions: _drop, ...rest } = state;
  return minAdoptions > 0 ? { ...rest, minAdoptions, page: 1 } : { ...rest, page: 1 };
}

/** A new order starts again at page 1. */
export function withSort(state: SearchState, sort: SearchSort): SearchState {
  return { ...state, sort, page: 1 };
}

/** The variables of `searchCases`; `filter` is left out when nothing is selected. */
export function toSearchVariables(state: SearchState): SearchVariables {
  const filter: SearchFilter = {};
  if (state.kinds.length) filter.kinds = state.kinds;
  if (state.departments.length) filter.departments = state.departments;
  if (state.fiscalYears.length) filter.fiscalYears = state.fiscalYears;
  if (state.tags.length) filter.tags = state.tags;
  if (state.organisations.length) filter.organisations = state.organisations;
  if (state.prefectures.length) filter.prefectures = state.prefectures;
  if (state.organisationKinds.length) filter.organisationKinds = state.organisationKinds;
  if (state.populationBands.length) filter.populationBands = state.populationBands;
  if (state.minAdoptions) filter.minAdoptionCount = state.minAdoptions;
  const hasFilter = Object.keys(filter).length > 0 && isValidSearchFilter(filter);
  const base = {
    query: state.q,
    first: SEARCH_PAGE_SIZE,
    offset: (state.page - 1) * SEARCH_PAGE_SIZE,
    sort: state.sort,
    preferSimilar: state.preferSimilar,
  };
  return hasFilter ? { ...base, filter } : base;
}

export function activeFilterCount(state: SearchState): number {
  return (
    state.kinds.length +
    state.departments.length +
    state.fiscalYears.length +
    state.tags.length +
    state.organisations.length +
    state.prefectures.length +
    state.organisationKinds.length +
    state.populationBands.length +
    (state.minAdoptions ? 1 : 0)
  );
}

/** Adds or removes one facet value; any change of the filter goes back to page 1. */
export function toggleFacetValue(state: SearchState, key: FacetKey, value: string | number, selected: boolean): SearchState {
  const current = state[key] as (string | number)[];
  const without = current.filter((v) => v !== value);
  const next = selected ? [...without, value] : without;
  return canonicalSearch({ ...state, [key]: next, page: 1 });
}

export function clearFilters(state: SearchState): SearchState {
  return {
    ...withMinAdoptions(state, 0),
    kinds: [],
    departments: [],
    fiscalYears: [],
    tags: [],
    organisations: [],
    prefectures: [],
    organisationKinds: [],
    populationBands: [],
    page: 1,
  };
}

/** 似た自治体を優先 on or off; the order changes, so back to page 1. */
export function withPreferSimilar(state: SearchState, preferSimilar: boolean): SearchState {
  return { ...state, preferSimilar, page: 1 };
}

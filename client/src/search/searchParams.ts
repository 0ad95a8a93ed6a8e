import {
  CASE_KINDS,
  normalizeText,
  parseFiscalYear,
  SEARCH_SORTS,
  searchFilterSchema,
  type CaseKind,
  type SearchFilter,
  type SearchSort,
} from "@kb/shared";

/**
 * The search page keeps all of its state in the URL query string, so a search can be bookmarked,
 * shared and walked with Back/Forward:
 *   ?q=予約&kind=KINTONE_APP&kind=WORKSHOP&dept=子育て支援課&fy=2024&tag=kintone&adopted=1&sort=NEWEST&page=2
 * Values are validated with the same zod schema the server uses; invalid values are dropped
 * instead of failing the whole page.
 */

export const PAGE_SIZE = 20;
const MAX_OFFSET = 10_000;
export const MAX_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE) + 1;
const MAX_QUERY_LENGTH = 500;

export interface SearchState {
  q: string;
  kinds: CaseKind[];
  departments: string[];
  fiscalYears: number[];
  tags: string[];
  /** 横展開 (issue 5): at least this many departments trying or using the case; absent = any. */
  minAdoptions?: number;
  /** RELEVANCE (the default, left out of the URL), NEWEST or MOST_ADOPTED. */
  sort: SearchSort;
  page: number;
}

export type FacetKey = "kinds" | "departments" | "fiscalYears" | "tags";

export const PARAM = {
  q: "q",
  kinds: "kind",
  departments: "dept",
  fiscalYears: "fy",
  tags: "tag",
  minAdoptions: "adopted",
  sort: "sort",
  page: "page",
} as const;

export const EMPTY_SEARCH: SearchState = {
  q: "",
  kinds: [],
  departments: [],
  fiscalYears: [],
  tags: [],
  sort: "RELEVANCE",
  page: 1,
};

const filterShape = searchFilterSchema.shape;
const kindSchema = filterShape.kinds.unwrap().element;
const departmentSchema = filterShape.departments.unwrap().element;
const fiscalYearSchema = filterShape.fiscalYears.unwrap().element;
const tagSchema = filterShape.tags.unwrap().element;
const MAX = {
  kinds: CASE_KINDS.length,
  departments: 50,
  fiscalYears: 50,
  tags: 30,
} as const;

interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

function pick<T>(raw: string[], parse: (value: string) => unknown, schema: Parser<T>, max: number): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    const result = schema.safeParse(parse(value));
    if (!result.success) continue;
    const key = String(result.data);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(result.data);
    if (out.length >= max) break;
  }
  return out;
}

const collator = new Intl.Collator("ja");

/** Canonical order, so that one selection is one URL and one cache entry. */
function canonical(state: SearchState): SearchState {
  return {
    ...state,
    kinds: [...state.kinds].sort((a, b) => CASE_KINDS.indexOf(a) - CASE_KINDS.indexOf(b)),
    departments: [...state.departments].sort(collator.compare),
    fiscalYears: [...state.fiscalYears].sort((a, b) => b - a),
    tags: [...state.tags].sort(collator.compare),
  };
}

export function parseSearchParams(params: URLSearchParams): SearchState {
  const q = normalizeText(params.get(PARAM.q) ?? "").slice(0, MAX_QUERY_LENGTH);
  const pageNumber = Number(params.get(PARAM.page) ?? "1");
  const minAdoptions = parseMinAdoptions(params.get(PARAM.minAdoptions));
  const page = Number.isInteger(pageNumber) ? Math.min(Math.max(pageNumber, 1), MAX_PAGE) : 1;
  return canonical({
    q,
    kinds: pick(params.getAll(PARAM.kinds), (v) => v.trim(), kindSchema, MAX.kinds),
    departments: pick(params.getAll(PARAM.departments), normalizeText, departmentSchema, MAX.departments),
    fiscalYears: pick(params.getAll(PARAM.fiscalYears), (v) => parseFiscalYear(v) ?? NaN, fiscalYearSchema, MAX.fiscalYears),
    tags: pick(params.getAll(PARAM.tags), normalizeText, tagSchema, MAX.tags),
    ...(minAdoptions ? { minAdoptions } : {}),
    sort: parseSort(params.get(PARAM.sort)),
    page,
  });
}

export function toSearchParams(state: SearchState): URLSearchParams {
  const c = canonical(state);
  const params = new URLSearchParams();
  if (c.q) params.set(PARAM.q, c.q);
  for (const v of c.kinds) params.append(PARAM.kinds, v);
  for (const v of c.departments) params.append(PARAM.departments, v);
  for (const v of c.fiscalYears) params.append(PARAM.fiscalYears, String(v));
  for (const v of c.tags) params.append(PARAM.tags, v);
  if (c.minAdoptions) params.set(PARAM.minAdoptions, String(c.minAdoptions));
  if (c.sort !== "RELEVANCE") params.set(PARAM.sort, c.sort);
  if (c.page > 1) params.set(PARAM.page, String(c.page));
  return params;
}

/** "?q=…" or "" — what goes after the pathname. */
export function toSearchString(state: SearchState): string {
  const search = toSearchParams(state).toString();
  return search ? `?${search}` : "";
}

export type SearchVariables = {
  query: string;
  first: number;
  offset: number;
  sort: SearchSort;
  filter?: SearchFilter;
};

/** The choices the page offers (1課以上, 3課以上); anything else is dropped. */
export const MIN_ADOPTION_CHOICES = [1, 3] as const;

function parseMinAdoptions(raw: string | null): number | undefined {
  const n = Number(raw);
  return (MIN_ADOPTION_CHOICES as readonly number[]).includes(n) ? n : undefined;
}

/** A new adoption threshold (0 = any) starts again at page 1. */
export function withMinAdoptions(state: SearchState, minAdoptions: number): SearchState {
  const { minAdoptions: _drop, ...rest } = state;
  return minAdoptions > 0 ? { ...rest, minAdoptions, page: 1 } : { ...rest, page: 1 };
}

function parseSort(raw: string | null): SearchSort {
  return (SEARCH_SORTS as readonly string[]).includes(raw ?? "") ? (raw as SearchSort) : "RELEVANCE";
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
  if (state.minAdoptions) filter.minAdoptionCount = state.minAdoptions;
  const hasFilter = Object.keys(filter).length > 0 && searchFilterSchema.safeParse(filter).success;
  const base = { query: state.q, first: PAGE_SIZE, offset: (state.page - 1) * PAGE_SIZE, sort: state.sort };
  return hasFilter ? { ...base, filter } : base;
}

export function activeFilterCount(state: SearchState): number {
  return state.kinds.length + state.departments.length + state.fiscalYears.length + state.tags.length + (state.minAdoptions ? 1 : 0);
}

/** Adds or removes one facet value; any change of the filter goes back to page 1. */
export function toggleFacetValue(state: SearchState, key: FacetKey, value: string | number, selected: boolean): SearchState {
  const current = state[key] as (string | number)[];
  const without = current.filter((v) => v !== value);
  const next = selected ? [...without, value] : without;
  return canonical({ ...state, [key]: next, page: 1 });
}

export function clearFilters(state: SearchState): SearchState {
  return { ...withMinAdoptions(state, 0), kinds: [], departments: [], fiscalYears: [], tags: [], page: 1 };
}

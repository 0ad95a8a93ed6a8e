import { CASE_KINDS, type CaseKind } from "./enums.js";
import { parseFiscalYear } from "./fiscal-year.js";
import { normalizeText } from "./normalize.js";
import { SEARCH_SORTS, searchArgsSchema, searchFilterSchema, type SearchSort } from "./search.js";

/**
 * The search page's URL, read and written in one place: the page keeps all of its state in the
 * query string (so a search can be bookmarked, shared and walked with Back/Forward), its links are
 * built from it, and the server's CSV export takes the same query string as it is:
 *   ?q=予約&kind=KINTONE_APP&kind=WORKSHOP&dept=子育て支援課&fy=R6&tag=kintone&adopted=1&sort=NEWEST&page=2
 * Two readings of one URL: `parseSearchUrl` (the page) drops what is invalid instead of failing the
 * page; `searchArgsFromUrl` (an export) checks everything with the search schema and refuses.
 */
export const SEARCH_URL_PARAMS = {
  q: "q",
  kinds: "kind",
  departments: "dept",
  fiscalYears: "fy",
  tags: "tag",
  minAdoptions: "adopted",
  sort: "sort",
  page: "page",
} as const;

/** Results per page of the search page. */
export const SEARCH_PAGE_SIZE = 20;
const MAX_OFFSET = 10_000;
/** The last page the search page offers (searchArgsSchema goes no further than offset 10,000). */
export const SEARCH_MAX_PAGE = Math.floor(MAX_OFFSET / SEARCH_PAGE_SIZE) + 1;
const MAX_QUERY_LENGTH = 500;

/** The 横展開 choices the search page offers (1課以上, 3課以上); anything else in its URL is dropped. */
export const MIN_ADOPTION_CHOICES = [1, 3] as const;

/** What the search page shows, as its URL says it. */
export interface SearchState {
  q: string;
  kinds: CaseKind[];
  departments: string[];
  fiscalYears: number[];
  tags: string[];
  /** 横展開: at least this many departments trying or using the case; absent = any. */
  minAdoptions?: number;
  /** RELEVANCE (the default, left out of the URL), NEWEST or MOST_ADOPTED. */
  sort: SearchSort;
  page: number;
}

export const EMPTY_SEARCH: SearchState = {
  q: "",
  kinds: [],
  departments: [],
  fiscalYears: [],
  tags: [],
  sort: "RELEVANCE",
  page: 1,
};

/** What each parameter holds, before any check: blank values left out, 年度 read (R6, 令和6年度 → 2024; unreadable → NaN). */
function readSearchUrl(params: URLSearchParams) {
  const list = (name: string) => params.getAll(name).filter((v) => v.trim() !== "");
  return {
    q: params.get(SEARCH_URL_PARAMS.q),
    kinds: list(SEARCH_URL_PARAMS.kinds),
    departments: list(SEARCH_URL_PARAMS.departments),
    fiscalYears: list(SEARCH_URL_PARAMS.fiscalYears).map((v) => parseFiscalYear(v) ?? Number.NaN),
    tags: list(SEARCH_URL_PARAMS.tags),
    minAdoptions: params.get(SEARCH_URL_PARAMS.minAdoptions),
    sort: params.get(SEARCH_URL_PARAMS.sort),
    page: params.get(SEARCH_URL_PARAMS.page),
  };
}

const filterShape = searchFilterSchema.shape;
const kindSchema = filterShape.kinds.unwrap().element;
const departmentSchema = filterShape.departments.unwrap().element;
const fiscalYearSchema = filterShape.fiscalYears.unwrap().element;
const tagSchema = filterShape.tags.unwrap().element;
const MAX = { kinds: CASE_KINDS.length, departments: 50, fiscalYears: 50, tags: 30 } as const;

interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** The valid values, cleaned, each once, at most `max`. */
function pick<V, T>(raw: V[], clean: (value: V) => unknown, schema: Parser<T>, max: number): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    const result = schema.safeParse(clean(value));
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
export function canonicalSearch(state: SearchState): SearchState {
  return {
    ...state,
    kinds: [...state.kinds].sort((a, b) => CASE_KINDS.indexOf(a) - CASE_KINDS.indexOf(b)),
    departments: [...state.departments].sort(collator.compare),
    fiscalYears: [...state.fiscalYears].sort((a, b) => b - a),
    tags: [...state.tags].sort(collator.compare),
  };
}

/** The search page's reading: text normalised (full-width → half-width), invalid values dropped, the page clamped. */
export function parseSearchUrl(params: URLSearchParams): SearchState {
  const raw = readSearchUrl(params);
  const pageNumber = Number(raw.page ?? "1");
  const minAdoptions = Number(raw.minAdoptions);
  return canonicalSearch({
    q: normalizeText(raw.q ?? "").slice(0, MAX_QUERY_LENGTH),
    kinds: pick(raw.kinds, (v) => v.trim(), kindSchema, MAX.kinds),
    departments: pick(raw.departments, normalizeText, departmentSchema, MAX.departments),
    fiscalYears: pick(raw.fiscalYears, (v) => v, fiscalYearSchema, MAX.fiscalYears),
    tags: pick(raw.tags, normalizeText, tagSchema, MAX.tags),
    ...((MIN_ADOPTION_CHOICES as readonly number[]).includes(minAdoptions) ? { minAdoptions } : {}),
    sort: (SEARCH_SORTS as readonly string[]).includes(raw.sort ?? "") ? (raw.sort as SearchSort) : "RELEVANCE",
    page: Number.isInteger(pageNumber) ? Math.min(Math.max(pageNumber, 1), SEARCH_MAX_PAGE) : 1,
  });
}

/** The URL of a search page state, in canonical order; defaults (RELEVANCE, page 1, nothing chosen) left out. */
export function toSearchParams(state: SearchState): URLSearchParams {
  const c = canonicalSearch(state);
  const p = SEARCH_URL_PARAMS;
  const params = new URLSearchParams();
  if (c.q) params.set(p.q, c.q);
  for (const v of c.kinds) params.append(p.kinds, v);
  for (const v of c.departments) params.append(p.departments, v);
  for (const v of c.fiscalYears) params.append(p.fiscalYears, String(v));
  for (const v of c.tags) params.append(p.tags, v);
  if (c.minAdoptions) params.set(p.minAdoptions, String(c.minAdoptions));
  if (c.sort !== "RELEVANCE") params.set(p.sort, c.sort);
  if (c.page > 1) params.set(p.page, String(c.page));
  return params;
}

/** "?q=…" or "" — what goes after the pathname. */
export function toSearchString(state: SearchState): string {
  const search = toSearchParams(state).toString();
  return search ? `?${search}` : "";
}

/**
 * An export's reading of the same URL: every value checked by `searchArgsSchema` as the server's
 * searchCases checks it, so a value the page would drop (kind=NOPE) is an error here, not ignored.
 * `page` is not read: the caller says which results it wants (`first`, `offset`).
 */
export function searchArgsFromUrl(params: URLSearchParams, { first, offset = 0 }: { first: number; offset?: number }) {
  const raw = readSearchUrl(params);
  const filter = {
    ...(raw.kinds.length ? { kinds: raw.kinds } : {}),
    ...(raw.departments.length ? { departments: raw.departments } : {}),
    ...(raw.fiscalYears.length ? { fiscalYears: raw.fiscalYears } : {}),
    ...(raw.tags.length ? { tags: raw.tags } : {}),
    ...(raw.minAdoptions ? { minAdoptionCount: Number(raw.minAdoptions) } : {}),
  };
  return searchArgsSchema.safeParse({
    query: raw.q ?? "",
    first,
    offset,
    ...(Object.keys(filter).length ? { filter } : {}),
    ...(raw.sort ? { sort: raw.sort } : {}),
  });
}

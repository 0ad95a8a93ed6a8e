import { CASE_KINDS, type CaseKind } from "./enums.js";
import {
  ORGANISATION_KINDS,
  POPULATION_BANDS,
  PREFECTURES,
  type OrganisationKind,
  type PopulationBand,
  type Prefecture,
} from "./organisation-terms.js";
import { parseFiscalYear } from "./fiscal-year.js";
import { normalizeText } from "./normalize.js";
import { SEARCH_FILTER_LIMITS as LIMITS, SEARCH_SORTS, type SearchSort } from "./search-terms.js";
import { hasUnusableCharacter } from "./unusable-characters.js";

/**
 * The search page's URL, read and written in one place: the page keeps all of its state in the
 * query string (so a search can be bookmarked, shared and walked with Back/Forward), its links are
 * built from it, and the server's CSV export takes the same query string as it is:
 *   ?q=予約&kind=KINTONE_APP&kind=WORKSHOP&dept=子育て支援課&fy=R6&tag=kintone&adopted=1&sort=NEWEST&page=2
 *   (the commons: &org=<organisation id>&pref=兵庫県&okind=CORE_CITY&pop=FROM_200K; &similar=0 turns 似た自治体を優先 off)
 * Two readings of one URL: `parseSearchUrl` (the page) drops what is invalid instead of failing the
 * page; `searchArgsFromUrl` (an export, search.ts) checks everything with the search schema and refuses.
 * This file needs no zod, so neither does the search page's first load (client/src/lean-client.test.ts):
 * each value is checked as searchFilterSchema checks one element, and search-url.test.ts holds the two together.
 */
export const SEARCH_URL_PARAMS = {
  q: "q",
  kinds: "kind",
  departments: "dept",
  fiscalYears: "fy",
  tags: "tag",
  organisations: "org",
  prefectures: "pref",
  organisationKinds: "okind",
  populationBands: "pop",
  minAdoptions: "adopted",
  similar: "similar",
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
  /** The case's organisation: 自治体 (ids), 都道府県, 団体区分, 人口規模. */
  organisations: string[];
  prefectures: Prefecture[];
  organisationKinds: OrganisationKind[];
  populationBands: PopulationBand[];
  /** 横展開: at least this many departments trying or using the case; absent = any. */
  minAdoptions?: number;
  /** RELEVANCE (the default, left out of the URL), NEWEST or MOST_ADOPTED. */
  sort: SearchSort;
  page: number;
  /** 似た自治体を優先 (on unless the URL says similar=0; the server applies it to signed-in readers only). */
  preferSimilar: boolean;
}

export const EMPTY_SEARCH: SearchState = {
  q: "",
  kinds: [],
  departments: [],
  fiscalYears: [],
  tags: [],
  organisations: [],
  prefectures: [],
  organisationKinds: [],
  populationBands: [],
  sort: "RELEVANCE",
  page: 1,
  preferSimilar: true,
};

/** What each parameter holds, before any check: blank values left out, 年度 read (R6, 令和6年度 → 2024; unreadable → NaN). */
export function readSearchUrl(params: URLSearchParams) {
  const list = (name: string) => params.getAll(name).filter((v) => v.trim() !== "");
  return {
    q: params.get(SEARCH_URL_PARAMS.q),
    kinds: list(SEARCH_URL_PARAMS.kinds),
    departments: list(SEARCH_URL_PARAMS.departments),
    fiscalYears: list(SEARCH_URL_PARAMS.fiscalYears).map((v) => parseFiscalYear(v) ?? Number.NaN),
    tags: list(SEARCH_URL_PARAMS.tags),
    organisations: list(SEARCH_URL_PARAMS.organisations),
    prefectures: list(SEARCH_URL_PARAMS.prefectures),
    organisationKinds: list(SEARCH_URL_PARAMS.organisationKinds),
    populationBands: list(SEARCH_URL_PARAMS.populationBands),
    similar: params.get(SEARCH_URL_PARAMS.similar),
    minAdoptions: params.get(SEARCH_URL_PARAMS.minAdoptions),
    sort: params.get(SEARCH_URL_PARAMS.sort),
    page: params.get(SEARCH_URL_PARAMS.page),
  };
}

/** zod's `max` on a string counts code points (an emoji is one), not UTF-16 units. */
const codePointLength = (value: string) => [...value].length;
const usableText = (maxLength: number) => (value: string) =>
  (value.length <= maxLength || codePointLength(value) <= maxLength) && !hasUnusableCharacter(value);

/** zod's z.uuid(): any version digit, RFC 9562 variant (or the nil and max uuids, which no organisation has). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** One filter value as searchFilterSchema takes it (an element of its array): the same limits, no zod. */
export const SEARCH_FILTER_VALUE_CHECKS = {
  kinds: (value: string): value is CaseKind => (CASE_KINDS as readonly string[]).includes(value),
  departments: usableText(LIMITS.departments.length),
  fiscalYears: (value: number) => Number.isSafeInteger(value) && value >= LIMITS.fiscalYears.min && value <= LIMITS.fiscalYears.max,
  tags: usableText(LIMITS.tags.length),
  organisations: (value: string) => UUID.test(value),
  prefectures: (value: string): value is Prefecture => (PREFECTURES as readonly string[]).includes(value),
  organisationKinds: (value: string): value is OrganisationKind => (ORGANISATION_KINDS as readonly string[]).includes(value),
  populationBands: (value: string): value is PopulationBand => (POPULATION_BANDS as readonly string[]).includes(value),
};

/** What searchFilterSchema says of a filter the page built (every value, how many, 横展開), without zod. */
export function isValidSearchFilter(filter: {
  kinds?: readonly string[];
  departments?: readonly string[];
  fiscalYears?: readonly number[];
  tags?: readonly string[];
  organisations?: readonly string[];
  prefectures?: readonly string[];
  organisationKinds?: readonly string[];
  populationBands?: readonly string[];
  minAdoptionCount?: number;
}): boolean {
  const check = SEARCH_FILTER_VALUE_CHECKS;
  const valid = <V>(values: readonly V[] | undefined, ok: (value: V) => boolean, count: number) =>
    values === undefined || (values.length <= count && values.every(ok));
  const adoptions = filter.minAdoptionCount;
  return (
    Object.keys(filter).every((key) => key in LIMITS) &&
    valid(filter.kinds, check.kinds, LIMITS.kinds.count) &&
    valid(filter.departments, check.departments, LIMITS.departments.count) &&
    valid(filter.fiscalYears, check.fiscalYears, LIMITS.fiscalYears.count) &&
    valid(filter.tags, check.tags, LIMITS.tags.count) &&
    valid(filter.organisations, check.organisations, LIMITS.organisations.count) &&
    valid(filter.prefectures, check.prefectures, LIMITS.prefectures.count) &&
    valid(filter.organisationKinds, check.organisationKinds, LIMITS.organisationKinds.count) &&
    valid(filter.populationBands, check.populationBands, LIMITS.populationBands.count) &&
    (adoptions === undefined ||
      (Number.isSafeInteger(adoptions) && adoptions >= LIMITS.minAdoptionCount.min && adoptions <= LIMITS.minAdoptionCount.max))
  );
}

/** The valid values, cleaned, each once, at most `max`. */
function pick<V, T extends V>(raw: V[], clean: (value: V) => V, valid: (value: V) => value is T, max: number): T[];
function pick<V>(raw: V[], clean: (value: V) => V, valid: (value: V) => boolean, max: number): V[];
function pick<V>(raw: V[], clean: (value: V) => V, valid: (value: V) => boolean, max: number): V[] {
  const out: V[] = [];
  const seen = new Set<string>();
  for (const value of raw.map(clean)) {
    if (!valid(value)) continue;
    const key = String(value);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
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
    organisations: [...state.organisations].sort(),
    prefectures: [...state.prefectures].sort((a, b) => PREFECTURES.indexOf(a) - PREFECTURES.indexOf(b)),
    organisationKinds: [...state.organisationKinds].sort((a, b) => ORGANISATION_KINDS.indexOf(a) - ORGANISATION_KINDS.indexOf(b)),
    populationBands: [...state.populationBands].sort((a, b) => POPULATION_BANDS.indexOf(a) - POPULATION_BANDS.indexOf(b)),
  };
}

/** The search page's reading: text normalised (full-width → half-width), invalid values dropped, the page clamped. */
export function parseSearchUrl(params: URLSearchParams): SearchState {
  const raw = readSearchUrl(params);
  const check = SEARCH_FILTER_VALUE_CHECKS;
  const pageNumber = Number(raw.page ?? "1");
  const minAdoptions = Number(raw.minAdoptions);
  return canonicalSearch({
    q: normalizeText(raw.q ?? "").slice(0, MAX_QUERY_LENGTH),
    kinds: pick(raw.kinds, (v) => v.trim(), check.kinds, LIMITS.kinds.count),
    departments: pick(raw.departments, normalizeText, check.departments, LIMITS.departments.count),
    fiscalYears: pick(raw.fiscalYears, (v) => v, check.fiscalYears, LIMITS.fiscalYears.count),
    tags: pick(raw.tags, normalizeText, check.tags, LIMITS.tags.count),
    organisations: pick(raw.organisations, (v) => v.trim().toLowerCase(), check.organisations, LIMITS.organisations.count),
    prefectures: pick(raw.prefectures, (v) => v.trim(), check.prefectures, LIMITS.prefectures.count),
    organisationKinds: pick(raw.organisationKinds, (v) => v.trim(), check.organisationKinds, LIMITS.organisationKinds.count),
    populationBands: pick(raw.populationBands, (v) => v.trim(), check.populationBands, LIMITS.populationBands.count),
    ...((MIN_ADOPTION_CHOICES as readonly number[]).includes(minAdoptions) ? { minAdoptions } : {}),
    sort: (SEARCH_SORTS as readonly string[]).includes(raw.sort ?? "") ? (raw.sort as SearchSort) : "RELEVANCE",
    page: Number.isInteger(pageNumber) ? Math.min(Math.max(pageNumber, 1), SEARCH_MAX_PAGE) : 1,
    preferSimilar: raw.similar !== "0",
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
  for (const v of c.organisations) params.append(p.organisations, v);
  for (const v of c.prefectures) params.append(p.prefectures, v);
  for (const v of c.organisationKinds) params.append(p.organisationKinds, v);
  for (const v of c.populationBands) params.append(p.populationBands, v);
  if (c.minAdoptions) params.set(p.minAdoptions, String(c.minAdoptions));
  if (c.sort !== "RELEVANCE") params.set(p.sort, c.sort);
  if (c.page > 1) params.set(p.page, String(c.page));
  if (!c.preferSimilar) params.set(p.similar, "0");
  return params;
}

/** "?q=…" or "" — what goes after the pathname. */
export function toSearchString(state: SearchState): string {
  const search = toSearchParams(state).toString();
  return search ? `?${search}` : "";
}

import { z } from "zod";
import { CASE_KINDS } from "./enums.js";
import { readSearchUrl } from "./search-url.js";
import { SEARCH_FILTER_LIMITS as LIMITS, SEARCH_SORTS } from "./search-terms.js";
import { text, uuidOf } from "./text.js";

/** Inputs of `searchCases`, validated the same way by the server and the client's URL parser. */
export const SEARCH_MAX_PAGE_SIZE = 100;

export const searchFilterSchema = z.strictObject({
  kinds: z.array(z.enum(CASE_KINDS)).max(LIMITS.kinds.count).optional(),
  departments: z.array(text().max(LIMITS.departments.length)).max(LIMITS.departments.count).optional(),
  fiscalYears: z.array(z.number().int().min(LIMITS.fiscalYears.min).max(LIMITS.fiscalYears.max)).max(LIMITS.fiscalYears.count).optional(),
  tags: z.array(text().max(LIMITS.tags.length)).max(LIMITS.tags.count).optional(),
  /** 横展開: only cases that at least this many departments are trying or use (試行中 + 導入済). */
  minAdoptionCount: z.number().int().min(LIMITS.minAdoptionCount.min).max(LIMITS.minAdoptionCount.max).optional(),
});
export type SearchFilter = z.infer<typeof searchFilterSchema>;

export const searchArgsSchema = z.object({
  query: text().max(500, { error: "検索語は500文字以内で入力してください" }).default(""),
  first: z
    .number()
    .int()
    .min(0)
    .max(SEARCH_MAX_PAGE_SIZE, { error: `一度に取得できるのは${SEARCH_MAX_PAGE_SIZE}件までです` })
    .default(20),
  offset: z.number().int().min(0).max(10_000, { error: "これ以上先のページは表示できません" }).default(0),
  filter: searchFilterSchema.optional(),
  sort: z.enum(SEARCH_SORTS).default("RELEVANCE"),
});
export type SearchArgs = z.infer<typeof searchArgsSchema>;

/** Facets whose values can be searched (there are too many tags and departments to list them all). */
export const SEARCHABLE_FACETS = ["TAGS", "DEPARTMENT"] as const;
export type SearchableFacet = (typeof SEARCHABLE_FACETS)[number];

export const facetSearchArgsSchema = z.object({
  facet: z.enum(SEARCHABLE_FACETS),
  facetQuery: text().max(50, { error: "50文字以内で入力してください" }).default(""),
  query: text().max(500).default(""),
  filter: searchFilterSchema.optional(),
  first: z.number().int().min(1).max(50).default(10),
});
export type FacetSearchArgs = z.infer<typeof facetSearchArgsSchema>;

export const similarCasesArgsSchema = z.object({
  caseId: uuidOf("好事例"),
  first: z.number().int().min(1).max(20).default(5),
});

/**
 * An export's reading of the search page's URL (search-url.ts): every value checked by `searchArgsSchema` as the server's
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

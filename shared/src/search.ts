import { z } from "zod";
import { CASE_KINDS } from "./enums.js";
import { text, uuidOf } from "./text.js";

/** Inputs of `searchCases`, validated the same way by the server and the client's URL parser. */
export const SEARCH_MAX_PAGE_SIZE = 100;

export const searchFilterSchema = z.strictObject({
  kinds: z.array(z.enum(CASE_KINDS)).max(CASE_KINDS.length).optional(),
  departments: z.array(text().max(100)).max(50).optional(),
  fiscalYears: z.array(z.number().int().min(1900).max(2200)).max(50).optional(),
  tags: z.array(text().max(50)).max(30).optional(),
  /** 横展開: only cases that at least this many departments are trying or use (試行中 + 導入済). */
  minAdoptionCount: z.number().int().min(0).max(10_000).optional(),
});
export type SearchFilter = z.infer<typeof searchFilterSchema>;

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

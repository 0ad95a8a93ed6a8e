import { z } from "zod";
import { CASE_KINDS } from "./enums.js";
import { ORGANISATION_KINDS, POPULATION_BANDS, PREFECTURES } from "./organisation-terms.js";
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
  /** 自治体 (organisation ids), 都道府県, 団体区分 and 人口規模 of the case's organisation (the commons, issue 16). */
  organisations: z.array(uuidOf("自治体")).max(LIMITS.organisations.count).optional(),
  prefectures: z.array(z.enum(PREFECTURES)).max(LIMITS.prefectures.count).optional(),
  organisationKinds: z.array(z.enum(ORGANISATION_KINDS)).max(LIMITS.organisationKinds.count).optional(),
  populationBands: z.array(z.enum(POPULATION_BANDS)).max(LIMITS.populationBands.count).optional(),
  /** 横展開: only cases that at least this many departments are trying or use (試行中 + 導入済). */
  minAdoptionCount: z.number().int().min(LIMITS.minAdoptionCount.min).max(LIMITS.minAdoptionCount.max).optional(),
});
export type SearchFilter = z.infer<typeof searchFilterSchema>;

/** The filter argument: absent or null (GraphQL sends a nullable argument given as null as null) mean no filter. */
const filterArgument = searchFilterSchema.nullish().transform((v) => v ?? undefined);

export const searchArgsSchema = z.object({
  query: text().max(500, { error: "検索語は500文字以内で入力してください" }).default(""),
  first: z
    .number()
    .int()
    .min(0)
    .max(SEARCH_MAX_PAGE_SIZE, { error: `一度に取得できるのは${SEARCH_MAX_PAGE_SIZE}件までです` })
    .default(20),
  offset: z.number().int().min(0).max(10_000, { error: "これ以上先のページは表示できません" }).default(0),
  filter: filterArgument,
  sort: z.enum(SEARCH_SORTS).default("RELEVANCE"),
  /**
   * 似た自治体を優先: with RELEVANCE, a signed-in reader's results favour cases of organisations like
   * theirs (search/similar-organisations.ts). Ignored for anonymous readers and the other orders.
   */
  preferSimilar: z.boolean().default(true),
});
export type SearchArgs = z.infer<typeof searchArgsSchema>;

/** Facets whose values can be searched (there are too many tags, departments and 自治体 to list them all). */
export const SEARCHABLE_FACETS = ["TAGS", "DEPARTMENT", "ORGANISATION"] as const;
export type SearchableFacet = (typeof SEARCHABLE_FACETS)[number];

export const facetSearchArgsSchema = z.object({
  facet: z.enum(SEARCHABLE_FACETS),
  facetQuery: text().max(50, { error: "50文字以内で入力してください" }).default(""),
  query: text().max(500).default(""),
  filter: filterArgument,
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
    ...(raw.organisations.length ? { organisations: raw.organisations } : {}),
    ...(raw.prefectures.length ? { prefectures: raw.prefectures } : {}),
    ...(raw.organisationKinds.length ? { organisationKinds: raw.organisationKinds } : {}),
    ...(raw.populationBands.length ? { populationBands: raw.populationBands } : {}),
    ...(raw.minAdoptions ? { minAdoptionCount: Number(raw.minAdoptions) } : {}),
  };
  return searchArgsSchema.safeParse({
    query: raw.q ?? "",
    first,
    offset,
    ...(Object.keys(filter).length ? { filter } : {}),
    ...(raw.sort ? { sort: raw.sort } : {}),
    ...(raw.similar === "0" ? { preferSimilar: false } : {}),
  });
}

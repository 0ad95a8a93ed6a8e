import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  SEARCH_SORTS,
  SEARCHABLE_FACETS,
  type SearchableFacet,
  type SearchSort,
} from "@kb/shared";
import type { OrganisationKind, PopulationBand } from "@kb/shared";
import { CaseSearchFilterInput, CaseView } from "../cases/index.js";
import { OrganisationKindEnum, PopulationBandEnum } from "../organisations/index.js";

export const CaseSearchSortEnum = Object.fromEntries(SEARCH_SORTS.map((s) => [s, s])) as { [K in SearchSort]: K };
registerEnumType(CaseSearchSortEnum, {
  name: "CaseSearchSort",
  description:
    "RELEVANCE (関連度順), NEWEST (新しい順: fiscal year, then publication) or MOST_ADOPTED (横展開の多い順: departments trying or using the case, then publication).",
});

export const SearchableFacetEnum = Object.fromEntries(SEARCHABLE_FACETS.map((s) => [s, s])) as { [K in SearchableFacet]: K };
registerEnumType(SearchableFacetEnum, { name: "SearchableFacet", description: "Facets whose values can be searched." });

export const FACET_FIELDS = ["KIND", "DEPARTMENT", "FISCAL_YEAR", "TAGS", "ORGANISATION", "PREFECTURE", "ORGANISATION_KIND", "POPULATION_BAND"] as const;
export type FacetField = (typeof FACET_FIELDS)[number];
export const FacetFieldEnum = Object.fromEntries(FACET_FIELDS.map((s) => [s, s])) as { [K in FacetField]: K };
registerEnumType(FacetFieldEnum, { name: "CaseFacetField", description: "A facet of case search." });

@ObjectType("CaseHighlights", {
  description: "HTML-escaped text in which matches are wrapped in <mark>…</mark>; the summary is cropped around the match.",
})
export class CaseHighlightsView {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String, {
    description: "The best passage: cropped around a match in the summary, actions, results, background or tips (in that order); else the cropped summary.",
  })
  snippet!: string;

  @Field(() => String, { description: "Where the snippet comes from: summary, actions, results, background or tips." })
  snippetField!: string;
}

export const MATCH_REASON_KINDS = ["SYNONYM", "RELAXED"] as const;
export type MatchReasonKind = (typeof MATCH_REASON_KINDS)[number];
export const MatchReasonKindEnum = Object.fromEntries(MATCH_REASON_KINDS.map((s) => [s, s])) as { [K in MatchReasonKind]: K };
registerEnumType(MatchReasonKindEnum, {
  name: "SearchMatchReasonKind",
  description:
    "SYNONYM: the case says a synonym of a search word, not the word itself. RELAXED: the case contains only some of the search words (a relaxed search).",
});

@ObjectType("SearchMatchReason", { description: "Why a hit was found when its text does not show the search words as typed." })
export class SearchMatchReasonView {
  @Field(() => MatchReasonKindEnum)
  kind!: MatchReasonKind;

  @Field(() => String, { nullable: true, description: "SYNONYM: the case's own word a search word is a synonym of (生成AI for ChatGPT). RELAXED: null." })
  term!: string | null;
}

@ObjectType("SearchHitOrganisation", { description: "The organisation of a hit's case, as the index has it." })
export class SearchHitOrganisationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  prefecture!: string;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;

  @Field(() => PopulationBandEnum)
  populationBand!: PopulationBand;
}

@ObjectType("OrganisationLikeness", {
  description: "似た自治体: how the case's organisation is like the reader's (the reason the search favoured it).",
})
export class LikenessView {
  @Field(() => Boolean)
  samePrefecture!: boolean;

  @Field(() => Boolean, { description: "Same 団体区分 (e.g. both 中核市)." })
  sameKind!: boolean;

  @Field(() => Boolean, { description: "Same 人口規模 band." })
  samePopulationBand!: boolean;
}

@ObjectType("CaseSearchHit")
export class CaseSearchHitView {
  @Field(() => CaseView)
  case!: CaseView;

  @Field(() => CaseHighlightsView)
  highlights!: CaseHighlightsView;

  @Field(() => [SearchMatchReasonView], {
    description: "Empty when the case contains the search words; otherwise how it matched (through a synonym, or only some words).",
  })
  matchReasons!: SearchMatchReasonView[];

  @Field(() => SearchHitOrganisationView, { nullable: true, description: "Null only for a document indexed before organisations were part of it." })
  organisation!: SearchHitOrganisationView | null;

  @Field(() => LikenessView, {
    nullable: true,
    description: "似た自治体を優先 was applied and the case's organisation is like the reader's (never for the reader's own organisation).",
  })
  likeness!: LikenessView | null;
}

@ObjectType("FacetCount")
export class FacetCountView {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => String, { nullable: true, description: "What to show for a value that is an id (自治体: its name); null otherwise." })
  label?: string | null;
}

@ObjectType("CaseFacets", {
  description: "Disjunctive counts: a facet's counts ignore that facet's own selection (and respect every other one).",
})
export class CaseFacetsView {
  @Field(() => [FacetCountView])
  kind!: FacetCountView[];

  @Field(() => [FacetCountView])
  department!: FacetCountView[];

  @Field(() => [FacetCountView])
  fiscalYear!: FacetCountView[];

  @Field(() => [FacetCountView])
  tags!: FacetCountView[];

  @Field(() => [FacetCountView], { name: "organisation", description: "自治体: values are organisation ids, labels their names." })
  organisationId!: FacetCountView[];

  @Field(() => [FacetCountView], { description: "都道府県 of the case's organisation." })
  prefecture!: FacetCountView[];

  @Field(() => [FacetCountView], { description: "団体区分 (OrganisationKind values) of the case's organisation." })
  organisationKind!: FacetCountView[];

  @Field(() => [FacetCountView], { description: "人口規模 (PopulationBand values) of the case's organisation." })
  populationBand!: FacetCountView[];
}

@ObjectType("FilterRelaxation", { description: "How many cases the search finds without the selection of one facet." })
export class FilterRelaxationView {
  @Field(() => FacetFieldEnum)
  field!: FacetField;

  @Field(() => [String], { description: "The selected values that would be dropped." })
  values!: string[];

  @Field(() => Int)
  total!: number;
}

@ObjectType("SearchSuggestions", { description: "Help for a search that found nothing." })
export class SearchSuggestionsView {
  @Field(() => [FilterRelaxationView], { description: "Selections whose removal finds something, best first." })
  withoutFilter!: FilterRelaxationView[];

  @Field(() => Int, { description: "Cases found for the words alone, without any filter (0 when there is no filter)." })
  withoutAnyFilter!: number;

  @Field(() => [FacetCountView], { description: "Tags related to the words, to try instead." })
  relatedTags!: FacetCountView[];
}

@ObjectType("TagRedirect", { description: "A tag name in the filter that now means another tag (merged or renamed)." })
export class TagRedirectView {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;
}

@ObjectType("CaseSearchResult")
export class CaseSearchResultView {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  processingTimeMs!: number;

  @Field(() => Boolean, {
    description: "True when too few cases contain every word, so cases with only some of the words follow the complete matches.",
  })
  relaxed!: boolean;

  @Field(() => CaseSearchSortEnum)
  sort!: SearchSort;

  @Field(() => [CaseSearchHitView])
  hits!: CaseSearchHitView[];

  @Field(() => CaseFacetsView)
  facets!: CaseFacetsView;

  @Field(() => SearchSuggestionsView, { nullable: true, description: "Only when nothing was found." })
  suggestions?: SearchSuggestionsView | null;

  @Field(() => [TagRedirectView], {
    description: "Tags of the filter given by an old name (merged or renamed tag): the search used the tag's current name.",
  })
  tagRedirects!: TagRedirectView[];
}

@ArgsType()
export class SearchCasesArgs {
  @Field(() => String, { defaultValue: "" })
  query!: string;

  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => Int, { defaultValue: 0 })
  offset!: number;

  @Field(() => CaseSearchFilterInput, { nullable: true })
  filter?: CaseSearchFilterInput;

  @Field(() => CaseSearchSortEnum, { defaultValue: "RELEVANCE" })
  sort!: SearchSort;

  @Field(() => Boolean, {
    defaultValue: true,
    description: "似た自治体を優先: with RELEVANCE, favour (at about equal relevance) cases of organisations like the signed-in reader's. No effect for anonymous readers.",
  })
  preferSimilar!: boolean;
}

@ArgsType()
export class SearchFacetValuesArgs {
  @Field(() => SearchableFacetEnum)
  facet!: SearchableFacet;

  @Field(() => String, { defaultValue: "", description: "Part of a value (matched anywhere in it, width and case folded)." })
  facetQuery!: string;

  @Field(() => String, { defaultValue: "", description: "The current search words: counts are for them." })
  query!: string;

  @Field(() => CaseSearchFilterInput, { nullable: true, description: "The current filter; the facet's own selection is ignored." })
  filter?: CaseSearchFilterInput;

  @Field(() => Int, { defaultValue: 10 })
  first!: number;
}

@ObjectType("SimilarCase")
export class SimilarCaseView {
  @Field(() => CaseView)
  case!: CaseView;

  @Field(() => Float, { description: "0–1: shared tags (rarer ones weigh more), similar text, same department, same kind." })
  score!: number;

  @Field(() => [String])
  sharedTags!: string[];

  @Field(() => Boolean)
  sameDepartment!: boolean;

  @Field(() => Boolean)
  sameKind!: boolean;
}

@ArgsType()
export class SimilarCasesArgs {
  @Field(() => ID)
  caseId!: string;

  @Field(() => Int, { defaultValue: 5 })
  first!: number;
}

import { ArgsType, Field, InputType, Int, ObjectType } from "type-graphql";
import type { CaseKind } from "@kb/shared";
import { CaseKindEnum, CaseView } from "../cases/case.types.js";

@ObjectType("CaseHighlights", {
  description: "HTML-escaped text in which matches are wrapped in <mark>…</mark>; the summary is cropped around the match.",
})
export class CaseHighlightsView {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;
}

@ObjectType("CaseSearchHit")
export class CaseSearchHitView {
  @Field(() => CaseView)
  case!: CaseView;

  @Field(() => CaseHighlightsView)
  highlights!: CaseHighlightsView;
}

@ObjectType("FacetCount")
export class FacetCountView {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType("CaseFacets")
export class CaseFacetsView {
  @Field(() => [FacetCountView])
  kind!: FacetCountView[];

  @Field(() => [FacetCountView])
  department!: FacetCountView[];

  @Field(() => [FacetCountView])
  fiscalYear!: FacetCountView[];

  @Field(() => [FacetCountView])
  tags!: FacetCountView[];
}

@ObjectType("CaseSearchResult")
export class CaseSearchResultView {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  processingTimeMs!: number;

  @Field(() => [CaseSearchHitView])
  hits!: CaseSearchHitView[];

  @Field(() => CaseFacetsView)
  facets!: CaseFacetsView;
}

@InputType("CaseSearchFilter", { description: "Values within one field are ORed; fields are ANDed." })
export class CaseSearchFilterInput {
  @Field(() => [CaseKindEnum], { nullable: true })
  kinds?: CaseKind[];

  @Field(() => [String], { nullable: true })
  departments?: string[];

  @Field(() => [Int], { nullable: true })
  fiscalYears?: number[];

  @Field(() => [String], { nullable: true })
  tags?: string[];
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
}

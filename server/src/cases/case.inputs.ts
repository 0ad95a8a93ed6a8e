import { Field, Float, ID, InputType, Int, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { REVIEW_DECISIONS, type CaseKind, type CaseSharing, type OrganisationKind, type PopulationBand, type ReviewDecision } from "@kb/shared";
import { OrganisationKindEnum, PopulationBandEnum } from "../organisations/index.js";
import { CaseKindEnum, CaseSharingEnum } from "./case.types.js";

// Input fields are nullable where the shared zod schema has a default or a Japanese message for a
// missing value: the schema, not GraphQL's type check, decides, so the form gets field-level errors.

export const ReviewDecisionEnum = Object.fromEntries(REVIEW_DECISIONS.map((d) => [d, d])) as { [K in ReviewDecision]: K };
registerEnumType(ReviewDecisionEnum, { name: "ReviewDecision", description: "公開 / 差し戻し / 不採用" });

@InputType("EffectInput")
export class EffectInput {
  @Field(() => String, { nullable: true })
  label?: string;

  @Field(() => Float, { nullable: true })
  before?: number | null;

  @Field(() => Float, { nullable: true })
  after?: number | null;

  @Field(() => String, { nullable: true })
  unit?: string | null;
}

@InputType("CaseDraftInput", { description: "投稿フォームの内容（shared/src/case-input.ts で検証）" })
export class CaseDraftInput {
  @Field(() => CaseKindEnum)
  kind!: CaseKind;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  summary?: string;

  @Field(() => String, { nullable: true })
  background?: string;

  @Field(() => String, { nullable: true })
  actions?: string;

  @Field(() => String, { nullable: true })
  results?: string;

  @Field(() => String, { nullable: true })
  tips?: string;

  @Field(() => Int, { nullable: true })
  fiscalYear?: number;

  @Field(() => [String], { nullable: true })
  tags?: string[];

  @Field(() => [EffectInput], { nullable: true })
  effects?: EffectInput[];

  @Field(() => GraphQLJSONObject, { nullable: true })
  details?: Record<string, unknown> | null;
}

@InputType("ReviewInput")
export class ReviewInput {
  @Field(() => ReviewDecisionEnum)
  decision!: ReviewDecision;

  @Field(() => String, { nullable: true })
  comment?: string;

  @Field(() => CaseSharingEnum, { nullable: true, description: "公開範囲 when publishing; absent: the case's own, or its organisation's default." })
  sharing?: CaseSharing;
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

  @Field(() => [ID], { nullable: true, description: "The case's organisation (自治体), by id." })
  organisations?: string[];

  @Field(() => [String], { nullable: true, description: "The case's organisation's 都道府県 (e.g. 兵庫県)." })
  prefectures?: string[];

  @Field(() => [OrganisationKindEnum], { nullable: true, description: "The case's organisation's 団体区分." })
  organisationKinds?: OrganisationKind[];

  @Field(() => [PopulationBandEnum], { nullable: true, description: "The case's organisation's 人口規模 band." })
  populationBands?: PopulationBand[];

  @Field(() => Int, { nullable: true, description: "横展開: at least this many departments are trying or use the case (試行中 + 導入済)." })
  minAdoptionCount?: number;
}

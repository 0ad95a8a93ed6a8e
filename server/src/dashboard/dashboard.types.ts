import { ArgsType, Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { CaseKind } from "@kb/shared";
import { CaseKindEnum } from "../cases/index.js";

@ArgsType()
export class DashboardArgs {
  @Field(() => Int, { nullable: true, description: "最初の年度（西暦の開始年）" })
  fromFiscalYear?: number | null;

  @Field(() => Int, { nullable: true, description: "最後の年度（西暦の開始年）" })
  toFiscalYear?: number | null;

  @Field(() => Int, { defaultValue: 30, description: "検索語の集計期間（日、今日を含む）" })
  queryDays!: number;
}

@ObjectType("DashboardTotals")
export class DashboardTotalsView {
  @Field(() => Int)
  publishedCases!: number;

  @Field(() => Int)
  featuredCases!: number;

  @Field(() => Int)
  publishedCollections!: number;

  @Field(() => Int, { description: "試行中・導入済の記録の数（横展開）" })
  adoptions!: number;

  @Field(() => Int)
  searches!: number;

  @Field(() => Int)
  zeroResultSearches!: number;
}

@ObjectType("CasesByYearKind")
export class CasesByYearKindView {
  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => CaseKindEnum)
  kind!: CaseKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType("NamedCount")
export class NamedCountView {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardDepartment")
export class DashboardDepartmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String])
  path!: string[];
}

@ObjectType("DepartmentCount")
export class DepartmentCountView extends DashboardDepartmentView {
  @Field(() => Int)
  count!: number;
}

@ObjectType("AdoptionFlow", { description: "横展開の流れ: 事例の所属課 → 取り入れた課" })
export class AdoptionFlowView {
  @Field(() => ID, { description: "事例の所属課" })
  fromDepartmentId!: string;

  @Field(() => ID, { description: "取り入れた課" })
  toDepartmentId!: string;

  @Field(() => Int)
  considering!: number;

  @Field(() => Int)
  trial!: number;

  @Field(() => Int)
  adopted!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Int, { description: "試行中 + 導入済" })
  counted!: number;
}

@ObjectType("EffectHoursByYear", { description: "年度別の年間短縮時間（推計）" })
export class EffectHoursByYearView {
  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => Float)
  hoursPerYear!: number;

  @Field(() => Int)
  rows!: number;

  @Field(() => Int)
  cases!: number;
}

@ObjectType("AnnualisedEffect", { description: "年間の時間に換算できた定量効果の1行と、その計算" })
export class AnnualisedEffectView {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => String)
  label!: string;

  @Field(() => Float)
  before!: number;

  @Field(() => Float)
  after!: number;

  @Field(() => String)
  unit!: string;

  @Field(() => Float)
  hoursPerYear!: number;

  @Field(() => String)
  basis!: string;
}

@ObjectType("UnitReduction", { description: "年間に換算できない短縮の合計（単位ごと、記入どおり）" })
export class UnitReductionView {
  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => String)
  unit!: string;

  @Field(() => Float)
  reduction!: number;

  @Field(() => Int)
  rows!: number;

  @Field(() => Int)
  cases!: number;
}

@ObjectType("EffectsRollup")
export class EffectsRollupView {
  @Field(() => [EffectHoursByYearView])
  hoursByYear!: EffectHoursByYearView[];

  @Field(() => [AnnualisedEffectView])
  annualised!: AnnualisedEffectView[];

  @Field(() => [UnitReductionView])
  perUnit!: UnitReductionView[];

  @Field(() => Int)
  otherRows!: number;
}

@ObjectType("SearchQueryStat", { description: "正規化した検索語ごとの回数（利用者は記録しない）" })
export class SearchQueryStatView {
  @Field(() => String)
  query!: string;

  @Field(() => Int)
  searches!: number;

  @Field(() => Int)
  zeroResults!: number;

  @Field(() => Date)
  lastSearchedAt!: Date;
}

@ObjectType("Dashboard", { description: "事務局のダッシュボード" })
export class DashboardView {
  @Field(() => Int, { nullable: true })
  fromFiscalYear!: number | null;

  @Field(() => Int, { nullable: true })
  toFiscalYear!: number | null;

  @Field(() => Int)
  queryDays!: number;

  @Field(() => DashboardTotalsView)
  totals!: DashboardTotalsView;

  @Field(() => [CasesByYearKindView])
  casesByYearKind!: CasesByYearKindView[];

  @Field(() => [NamedCountView], { description: "局ごと（所属の最上位）" })
  casesByBureau!: NamedCountView[];

  @Field(() => [DepartmentCountView], { description: "課ごと" })
  casesByDepartment!: DepartmentCountView[];

  @Field(() => [NamedCountView])
  topTags!: NamedCountView[];

  @Field(() => [DashboardDepartmentView], { description: "横展開の流れに出てくる課" })
  adoptionDepartments!: DashboardDepartmentView[];

  @Field(() => [AdoptionFlowView])
  adoptionFlows!: AdoptionFlowView[];

  @Field(() => EffectsRollupView)
  effects!: EffectsRollupView;

  @Field(() => [SearchQueryStatView])
  topQueries!: SearchQueryStatView[];

  @Field(() => [SearchQueryStatView])
  zeroResultQueries!: SearchQueryStatView[];
}

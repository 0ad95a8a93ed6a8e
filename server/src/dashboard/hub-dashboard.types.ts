import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType("HubDashboardTotals")
export class HubDashboardTotalsView {
  @Field(() => Int, { description: "自治体間で共有の公開中の好事例の数" })
  commonsCases!: number;

  @Field(() => Int, { description: "共有の好事例が1件以上ある団体の数" })
  sharingOrganisations!: number;

  @Field(() => Int, { description: "団体をまたぐ横展開（試行中・導入済）の記録の数" })
  crossAdoptions!: number;
}

@ObjectType("HubOrganisationRow", { description: "団体ごとの共有の好事例と横展開" })
export class HubOrganisationRowView {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => String, { nullable: true, description: "団体コード" })
  code!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  prefecture!: string;

  @Field(() => Int)
  commonsCases!: number;

  @Field(() => Int, { description: "ほかの団体の課が取り入れた記録（試行中・導入済）" })
  adoptedByOthers!: number;

  @Field(() => Int, { description: "ほかの団体の好事例を取り入れた記録（試行中・導入済）" })
  adoptedFromOthers!: number;
}

@ObjectType("HubOrganisationPage", { description: "団体の一覧の1ページ（共有の好事例の多い順）" })
export class HubOrganisationPageView {
  @Field(() => Int, { description: "団体の総数" })
  total!: number;

  @Field(() => [HubOrganisationRowView])
  items!: HubOrganisationRowView[];
}

@ObjectType("HubDashboard", { description: "広域事務局のダッシュボード: 自治体間で共有の好事例だけを集計。団体をまたぐ横展開の流れは organisationFlows" })
export class HubDashboardView {
  @Field(() => HubDashboardTotalsView)
  totals!: HubDashboardTotalsView;
}

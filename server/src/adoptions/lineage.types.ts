import { Field, Int, ObjectType } from "type-graphql";
import { CaseView } from "../cases/index.js";
import { OrganisationView } from "../organisations/index.js";

@ObjectType("OrganisationFlow", { description: "自治体間の横展開: ある自治体の好事例を別の自治体が取り入れた件数（状況別）" })
export class OrganisationFlowView {
  @Field(() => OrganisationView, { description: "The organisation whose commons cases were adopted." })
  from!: OrganisationView;

  @Field(() => OrganisationView, { description: "The adopting organisation." })
  to!: OrganisationView;

  @Field(() => Int)
  considering!: number;

  @Field(() => Int)
  trial!: number;

  @Field(() => Int)
  adopted!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Date, { description: "When the latest adoption in the flow changed." })
  latestAt!: Date;
}

@ObjectType("OrganisationFlowList")
export class OrganisationFlowListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [OrganisationFlowView])
  items!: OrganisationFlowView[];
}

@ObjectType("DerivedCaseList", { description: "この事例を参考にした事例（閲覧者が読めるものだけ）" })
export class DerivedCaseListView {
  @Field(() => Int, { description: "How many the viewer may read (those they may not are not counted)." })
  total!: number;

  @Field(() => [CaseView], { description: "Newest published first." })
  items!: CaseView[];
}

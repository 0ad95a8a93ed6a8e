import { Field, Int, ObjectType } from "type-graphql";
import { CaseView } from "../cases/index.js";

@ObjectType("CaseFreshness", {
  description: "鮮度確認: last reviewed = the later of publication and the department's last 内容を確認した; due after two fiscal years.",
})
export class CaseFreshnessView {
  @Field(() => Date)
  lastReviewedAt!: Date;

  @Field(() => Date, { nullable: true, description: "The department's last 内容を確認した." })
  confirmedAt!: Date | null;

  @Field(() => Boolean, { description: "Two fiscal years have begun since the last review." })
  due!: boolean;

  @Field(() => Int, { description: "The fiscal year in which it is (or was) due." })
  dueFiscalYear!: number;

  @Field(() => Boolean, { description: "The viewer may confirm it (the case's department, published case)." })
  viewerCanConfirm!: boolean;

  /** Not exposed: resolved to a user. */
  confirmedById!: string | null;
  caseId!: string;
}

@ObjectType("FreshnessDueItem")
export class FreshnessDueItemView {
  @Field(() => CaseView)
  case!: CaseView;

  @Field(() => CaseFreshnessView)
  freshness!: CaseFreshnessView;
}

@ObjectType("FreshnessDueList")
export class FreshnessDueListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [FreshnessDueItemView])
  items!: FreshnessDueItemView[];
}

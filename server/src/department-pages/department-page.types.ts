import { Field, ID, Int, ObjectType } from "type-graphql";
import { DepartmentView } from "../departments/index.js";

@ObjectType("DepartmentStats", { description: "部署ページの数字" })
export class DepartmentStatsView {
  @Field(() => Int, { description: "Published cases the department owns (共有した好事例)." })
  sharedCount!: number;

  @Field(() => Int, { description: "Other departments' adoptions (試行中 + 導入済) of its cases (横展開された)." })
  adoptedByOthersCount!: number;

  @Field(() => Int, { description: "Cases it is trying or has introduced (取り入れた, 試行中 + 導入済)." })
  adoptedCount!: number;

  @Field(() => Int, { description: "Every adoption record of the department, whatever its status." })
  adoptionRecordCount!: number;

  @Field(() => Int, { description: "Questions it asked (on published cases)." })
  askedCount!: number;

  @Field(() => Int, { description: "Questions on its published cases that nobody answered yet." })
  unansweredCount!: number;
}

@ObjectType("DepartmentReorganisedFrom", { description: "組織改正で廃止された課（古いリンクで開かれたとき）" })
export class DepartmentReorganisedFromView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "施行日 (YYYY-MM-DD)" })
  abolishedOn!: string;

  @Field(() => String, { description: "MERGE（統合）/ SPLIT（分割）" })
  abolishedBy!: string;
}

@ObjectType("DepartmentPage", { description: "部署ページ: 課が共有した・取り入れた・質問したもの" })
export class DepartmentPageView {
  @Field(() => ID)
  id!: string;

  @Field(() => DepartmentReorganisedFromView, {
    nullable: true,
    description: "The page was asked for by the id of a 課 a 組織改正 abolished: this is that 課, and the page is its successor's.",
  })
  reorganisedFrom?: DepartmentReorganisedFromView | null;

  @Field(() => String)
  name!: string;

  @Field(() => [String])
  path!: string[];

  @Field(() => DepartmentView, { nullable: true })
  parent!: DepartmentView | null;

  @Field(() => [DepartmentView], { description: "Departments directly under it (a 部's 課)." })
  children!: DepartmentView[];

  @Field(() => Boolean, { description: "The viewer belongs to this department." })
  isViewerDepartment!: boolean;
}

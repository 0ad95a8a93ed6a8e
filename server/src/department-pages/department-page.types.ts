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

@ObjectType("DepartmentPage", { description: "部署ページ: 課が共有した・取り入れた・質問したもの" })
export class DepartmentPageView {
  @Field(() => ID)
  id!: string;

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

import { Field, ID, InputType, Int, ObjectType } from "type-graphql";

@ObjectType("AdminDepartment", { description: "組織管理画面の局・部・課（管理者のみ）" })
export class AdminDepartmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: "所属コード" })
  code!: string | null;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field(() => String, { nullable: true, description: "組織改正の施行日 (YYYY-MM-DD): 廃止された課だけ" })
  abolishedOn!: string | null;

  @Field(() => String, { nullable: true, description: "MERGE（統合）/ SPLIT（分割）" })
  abolishedBy!: string | null;

  @Field(() => ID, { nullable: true, description: "廃止された課の後継の課" })
  successorId!: string | null;

  @Field(() => [String], { description: "以前の名称（改称前の名称・統合された課の名称）" })
  aliases!: string[];

  @Field(() => Int, { description: "この課の好事例（下書きを含む）" })
  caseCount!: number;

  @Field(() => Int, { description: "この課の利用者（有効なもの）" })
  userCount!: number;
}

@InputType("DepartmentInput")
export class DepartmentInputType {
  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  code?: string | null;
}

@InputType("DepartmentUpdateInput", { description: "省略した項目は変わらない。parentId: null で最上位へ" })
export class DepartmentUpdateInputType {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: "空文字で所属コードを消す" })
  code?: string | null;
}

@InputType("MergeDepartmentsInput")
export class MergeDepartmentsInputType {
  @Field(() => [ID])
  sourceIds!: string[];

  @Field(() => ID, { nullable: true, description: "既存の統合先の課" })
  targetId?: string | null;

  @Field(() => String, { nullable: true, description: "新しい統合先の課の名称" })
  newName?: string | null;

  @Field(() => ID, { nullable: true })
  newParentId?: string | null;

  @Field(() => String, { nullable: true })
  newCode?: string | null;

  @Field(() => String, { description: "施行日 (YYYY-MM-DD、今日以前)" })
  effectiveDate!: string;
}

@InputType("NewDepartmentInput")
export class NewDepartmentInputType {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  code?: string | null;
}

@InputType("CaseAssignmentInput", { description: "分割: 好事例をどの新しい課へ移すか（newDepartments の番号、0 から）" })
export class CaseAssignmentInputType {
  @Field(() => ID)
  caseId!: string;

  @Field(() => Int)
  index!: number;
}

@InputType("SplitDepartmentInput")
export class SplitDepartmentInputType {
  @Field(() => ID)
  sourceId!: string;

  @Field(() => [NewDepartmentInputType])
  newDepartments!: NewDepartmentInputType[];

  @Field(() => [CaseAssignmentInputType], { nullable: true, description: "割り当てのない好事例は最初の課へ" })
  assignments?: CaseAssignmentInputType[] | null;

  @Field(() => String, { description: "施行日 (YYYY-MM-DD、今日以前)" })
  effectiveDate!: string;
}

@ObjectType("ReorganisationCounts", { description: "組織改正で課から移るものの件数（確認画面用）" })
export class ReorganisationCountsView {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  cases!: number;

  @Field(() => Int)
  adoptions!: number;

  @Field(() => Int)
  questions!: number;

  @Field(() => Int)
  users!: number;

  @Field(() => Int, { description: "下位の組織" })
  children!: number;
}

@ObjectType("ReorganisationResult")
export class ReorganisationResultView {
  @Field(() => AdminDepartmentView, { description: "後継の課（分割では最初の課）" })
  successor!: AdminDepartmentView;

  @Field(() => [ID], { description: "新しく作られた課" })
  createdIds!: string[];

  @Field(() => Int)
  movedCases!: number;

  @Field(() => Int)
  movedUsers!: number;

  @Field(() => Int, { description: "後継の課が同じ好事例の導入記録を既に持つため旧課に残った導入記録" })
  keptAdoptions!: number;
}

@ObjectType("ReorganisationCase", { description: "分割で振り分ける好事例" })
export class ReorganisationCaseView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: "DRAFT / SUBMITTED / PUBLISHED …" })
  status!: string;
}

@ObjectType("ReorganisationCaseList")
export class ReorganisationCaseListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [ReorganisationCaseView])
  items!: ReorganisationCaseView[];
}

import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { DepartmentView } from "../departments/index.js";

@ObjectType("AdminUser", { description: "利用者管理画面の利用者（管理者のみ）" })
export class AdminUserView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: "職員番号" })
  employeeNumber!: string | null;

  @Field(() => String, { description: "STAFF / SECRETARIAT / ADMIN" })
  role!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => DepartmentView)
  department!: DepartmentView;

  @Field(() => String, { nullable: true, description: "未使用の招待リンクの有効期限 (ISO 8601); パスワード設定済みなら null" })
  invitationExpiresAt!: string | null;
}

@ObjectType("AdminUserList")
export class AdminUserListView {
  @Field(() => [AdminUserView])
  items!: AdminUserView[];

  @Field(() => Int)
  totalCount!: number;
}

@InputType("InviteUserInput")
export class InviteUserInputType {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  employeeNumber?: string | null;

  @Field(() => ID)
  departmentId!: string;

  @Field(() => String, { description: "STAFF / SECRETARIAT / ADMIN" })
  role!: string;
}

@ObjectType("IssuedInvitation", { description: "招待リンク（一度だけ表示される）" })
export class IssuedInvitationView {
  @Field(() => AdminUserView)
  user!: AdminUserView;

  @Field(() => String, { description: "招待トークン: /invite/<token> を本人に渡す。保存されるのはハッシュだけ" })
  token!: string;

  @Field(() => String)
  expiresAt!: string;
}

@ObjectType("Invitation", { description: "招待リンクを開いた人に見せる内容" })
export class InvitationView {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  organisationName!: string;

  @Field(() => String)
  expiresAt!: string;
}

@InputType("AcceptInvitationInput")
export class AcceptInvitationInputType {
  @Field(() => String)
  token!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  confirmPassword!: string;
}

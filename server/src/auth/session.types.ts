import { Field, ID, InputType, ObjectType } from "type-graphql";

@ObjectType("AccountSession", { description: "自分のログイン中のセッション（アカウント設定の一覧）" })
export class AccountSessionView {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { description: "最後に使われた日時（1分単位で更新）" })
  lastSeenAt!: Date;

  @Field(() => String, { nullable: true, description: "ログインしたブラウザーの User-Agent" })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: "ログインした時の接続元アドレス" })
  address!: string | null;

  @Field(() => Boolean, { description: "この要求を送っている端末のセッション" })
  current!: boolean;
}

@InputType("ChangePasswordInput")
export class ChangePasswordInputType {
  @Field(() => String)
  currentPassword!: string;

  @Field(() => String)
  newPassword!: string;
}

import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("UserSummary", { description: "投稿者・審査者などの表示用情報" })
export class UserSummaryView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  /** Not exposed: resolved to a Department by a field resolver. */
  departmentId!: string;
}

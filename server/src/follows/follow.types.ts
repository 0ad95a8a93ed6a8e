import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { FOLLOW_TARGETS, type FollowTarget } from "@kb/shared";

export const FollowTargetEnum = Object.fromEntries(FOLLOW_TARGETS.map((t) => [t, t])) as { [K in FollowTarget]: K };
registerEnumType(FollowTargetEnum, { name: "FollowTarget", description: "TAG タグ, ORGANISATION 自治体, SOLICITATION 募集" });

@ObjectType("Follow", { description: "What the viewer follows: told when a matching case they can read is published." })
export class FollowView {
  @Field(() => ID)
  id!: string;

  @Field(() => FollowTargetEnum)
  targetType!: FollowTarget;

  @Field(() => ID)
  targetId!: string;

  @Field(() => String, { description: "The tag's, 自治体's or 募集's name as shown (empty when it is gone or no longer visible)." })
  label!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@InputType("FollowInput")
export class FollowInput {
  @Field(() => FollowTargetEnum)
  targetType!: FollowTarget;

  @Field(() => ID)
  targetId!: string;
}

@ObjectType("FollowableOrganisation", { description: "A 自治体 one may follow (names are public knowledge)." })
export class FollowableOrganisationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  prefecture!: string;
}

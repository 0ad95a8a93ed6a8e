import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TAG_PROPOSAL_DECISIONS, TAG_PROPOSAL_STATUSES, type TagCategory, type TagProposalDecision, type TagProposalStatus } from "@kb/shared";
import { TagCategoryEnum } from "../tags/index.js";

export const TagProposalStatusEnum = Object.fromEntries(TAG_PROPOSAL_STATUSES.map((s) => [s, s])) as { [K in TagProposalStatus]: K };
registerEnumType(TagProposalStatusEnum, { name: "TagProposalStatus", description: "PENDING 提案中, ACCEPTED 採用, DECLINED 見送り" });
export const TagProposalDecisionEnum = Object.fromEntries(TAG_PROPOSAL_DECISIONS.map((d) => [d, d])) as { [K in TagProposalDecision]: K };
registerEnumType(TagProposalDecisionEnum, { name: "TagProposalDecision", description: "ACCEPT 採用する, DECLINE 見送る" });

@ObjectType("TagProposal", { description: "公開中の好事例に提案されたタグ" })
export class TagProposalView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The tag's current name (a proposal of an old name shows the tag it became)." })
  tagName!: string;

  @Field(() => TagCategoryEnum, { description: "The existing tag's category, or the one a new tag will get." })
  category!: TagCategory;

  @Field(() => Boolean, { description: "True when accepting it creates a new vocabulary term." })
  isNewTag!: boolean;

  @Field(() => String)
  comment!: string;

  @Field(() => TagProposalStatusEnum)
  status!: TagProposalStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt?: Date | null;

  @Field(() => String)
  decisionComment!: string;

  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  caseTitle!: string;

  @Field(() => Boolean, { description: "The viewer may accept or decline it (the case's department, its author, the secretariat)." })
  viewerCanDecide!: boolean;

  /** Not exposed: resolved to users by field resolvers. */
  proposerId!: string | null;
  decidedById!: string | null;
}

@ObjectType("TagProposalList")
export class TagProposalListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [TagProposalView])
  items!: TagProposalView[];
}

@ObjectType("TagProposalAccess", { description: "What the viewer can do with tag proposals on this case" })
export class TagProposalAccessView {
  @Field(() => Boolean)
  propose!: boolean;

  @Field(() => Boolean)
  decide!: boolean;
}

@InputType("TagProposalInput")
export class TagProposalInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  tag!: string;

  @Field(() => TagCategoryEnum, { nullable: true, description: "For a name the vocabulary does not have yet." })
  category?: TagCategory | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType("TagProposalDecisionInput")
export class TagProposalDecisionInput {
  @Field(() => TagProposalDecisionEnum)
  decision!: TagProposalDecision;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

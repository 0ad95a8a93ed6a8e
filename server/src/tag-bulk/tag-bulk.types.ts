import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TAG_BULK_ACTIONS, type TagBulkAction } from "@kb/shared";
import { CaseSearchFilterInput } from "../cases/index.js";
import { TagView } from "../tags/index.js";
import { TAG_BULK_STATES, type TagBulkState } from "./tag-bulk-job.entity.js";

export const TagBulkActionEnum = Object.fromEntries(TAG_BULK_ACTIONS.map((a) => [a, a])) as { [K in TagBulkAction]: K };
registerEnumType(TagBulkActionEnum, { name: "TagBulkAction", description: "ADD: 付ける, REMOVE: 外す" });
export const TagBulkStateEnum = Object.fromEntries(TAG_BULK_STATES.map((s) => [s, s])) as { [K in TagBulkState]: K };
registerEnumType(TagBulkStateEnum, { name: "TagBulkState" });

@ObjectType("TagBulkJob", { description: "一括タグ付けの進み具合" })
export class TagBulkJobView {
  @Field(() => ID)
  id!: string;

  @Field(() => TagBulkActionEnum)
  action!: TagBulkAction;

  @Field(() => TagView)
  tag!: TagView;

  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: "Cases processed so far (committed and on their way to the index)." })
  done!: number;

  @Field(() => Int, { description: "Of those, cases that actually changed." })
  changed!: number;

  @Field(() => TagBulkStateEnum)
  state!: TagBulkState;

  @Field(() => String, { nullable: true })
  error?: string | null;

  @Field(() => Boolean, { description: "RUNNING without progress for a minute (the server stopped): resume it." })
  stalled!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt?: Date | null;
}

@InputType("TagBulkSearchInput")
export class TagBulkSearchInput {
  @Field(() => String, { defaultValue: "" })
  query!: string;

  @Field(() => CaseSearchFilterInput, { nullable: true })
  filter?: CaseSearchFilterInput | null;
}

@InputType("TagBulkInput", { description: "Give caseIds (ticked results) or search (every result of that search)." })
export class TagBulkInput {
  @Field(() => TagBulkActionEnum)
  action!: TagBulkAction;

  @Field(() => String)
  tag!: string;

  @Field(() => [ID], { nullable: true })
  caseIds?: string[] | null;

  @Field(() => TagBulkSearchInput, { nullable: true })
  search?: TagBulkSearchInput | null;
}

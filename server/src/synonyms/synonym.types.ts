import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { SYNONYM_MODES, type SynonymMode } from "@kb/shared";

export const SynonymModeEnum = Object.fromEntries(SYNONYM_MODES.map((m) => [m, m])) as { [K in SynonymMode]: K };
registerEnumType(SynonymModeEnum, {
  name: "SynonymMode",
  description: "EQUIVALENT: every term finds every other. ONE_WAY: the first term also finds the others.",
});

@ObjectType("SynonymGroup", { description: "検索の同義語グループ（事務局が管理）" })
export class SynonymGroupView {
  @Field(() => ID)
  id!: string;

  @Field(() => SynonymModeEnum)
  mode!: SynonymMode;

  @Field(() => [String])
  terms!: string[];

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => Int, { description: "Send it back with an edit: a stale version is refused (CONFLICT)." })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType("SynonymChange")
export class SynonymChangeView {
  @Field(() => SynonymGroupView, { nullable: true, description: "The group as saved; null after a deletion." })
  group?: SynonymGroupView | null;

  @Field(() => Int, { description: "Published cases whose search documents are being updated for the change." })
  affectedCases!: number;
}

@InputType("SynonymGroupInput")
export class SynonymGroupInput {
  @Field(() => SynonymModeEnum, { defaultValue: "EQUIVALENT" })
  mode!: SynonymMode;

  @Field(() => [String])
  terms!: string[];

  @Field(() => String, { nullable: true })
  note?: string | null;
}

import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TAG_CATEGORIES, type TagCategory } from "@kb/shared";
import { DepartmentView } from "../departments/index.js";

export const TagCategoryEnum = Object.fromEntries(TAG_CATEGORIES.map((c) => [c, c])) as { [K in TagCategory]: K };
registerEnumType(TagCategoryEnum, {
  name: "TagCategory",
  description: "タグの分類: THEME テーマ, TOOL ツール, SKILL スキル, PILLAR 推進項目, TARGET 対象",
});
@ObjectType("Tag", { description: "語彙としてのタグ（分類・説明つき）" })
export class TagView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => TagCategoryEnum)
  category!: TagCategory;

  @Field(() => String)
  description!: string;

  @Field(() => Boolean, { description: "廃止: no longer offered for tagging; cases keep it." })
  retired!: boolean;

  @Field(() => [String], { description: "Other names that mean this tag (merged tags, old names): links and imports with them land here." })
  aliases!: string[];

  @Field(() => Int, { description: "Published cases carrying it." })
  usage!: number;

  /** Every case carrying it, drafts included: exposed to the secretariat only (a field resolver). */
  totalUsage!: number;

  @Field(() => Int, { description: "Send it back with an edit: a stale version is refused (CONFLICT)." })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType("TagUsage")
export class TagUsageView {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: "How many published cases carry it." })
  count!: number;

  @Field(() => TagCategoryEnum)
  category!: TagCategory;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: "The alias the text matched when the name itself did not (キントーン → kintone)." })
  matchedAlias?: string | null;
}

@ObjectType("TagTextMatch", { description: "本文に出てくる語彙のタグ" })
export class TagTextMatchView {
  @Field(() => String)
  name!: string;

  @Field(() => TagCategoryEnum)
  category!: TagCategory;

  @Field(() => String)
  description!: string;

  @Field(() => [String], { description: "The words of the text that matched (the name, an alias or a synonym)." })
  terms!: string[];

  @Field(() => Int)
  occurrences!: number;

  @Field(() => Int, { description: "Published cases carrying it." })
  usage!: number;
}

@ObjectType("TagDepartmentUsage")
export class TagDepartmentUsageView {
  @Field(() => DepartmentView)
  department!: DepartmentView;

  @Field(() => Int)
  count!: number;
}

@ObjectType("TagList")
export class TagListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [TagView])
  items!: TagView[];
}

@ObjectType("TagChange")
export class TagChangeView {
  @Field(() => TagView)
  tag!: TagView;

  @Field(() => Int, { description: "Cases whose search documents are being updated for the change." })
  affectedCases!: number;
}

@ObjectType("TagMergePreview", { description: "統合の前に: 何件の好事例が移るか" })
export class TagMergePreviewView {
  @Field(() => TagView)
  source!: TagView;

  @Field(() => TagView)
  target!: TagView;

  @Field(() => Int, { description: "Cases carrying the source (they will carry the target)." })
  casesToMove!: number;

  @Field(() => Int)
  publishedToMove!: number;

  @Field(() => Int, { description: "Of those, cases that already carry the target." })
  alreadyTagged!: number;

  @Field(() => [String])
  aliasesMoving!: string[];

  @Field(() => Boolean, { description: "True when a synonym group target ⇔ source will be added." })
  addsSynonym!: boolean;
}

@ObjectType("TagMerge", { description: "タグの統合の記録" })
export class TagMergeView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  sourceName!: string;

  @Field(() => String)
  targetName!: string;

  @Field(() => Int)
  movedCases!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  undoneAt?: Date | null;

  @Field(() => Boolean, { description: "Only the latest merge can be undone, once." })
  canUndo!: boolean;
}

@ObjectType("TagMergeResult")
export class TagMergeResultView {
  @Field(() => TagMergeView)
  merge!: TagMergeView;

  @Field(() => TagView, { description: "The tag the cases are on now (the target after a merge, the source after an undo)." })
  tag!: TagView;

  @Field(() => Int)
  affectedCases!: number;

  @Field(() => Boolean, { description: "Undo only: the synonym group added by the merge was edited since, so it was kept." })
  keptSynonym!: boolean;
}

@InputType("TagCreateInput")
export class TagCreateInput {
  @Field(() => String)
  name!: string;

  @Field(() => TagCategoryEnum)
  category!: TagCategory;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType("TagUpdateInput")
export class TagUpdateInput {
  @Field(() => String, { nullable: true, description: "A new name: the old one stays as an alias." })
  name?: string | null;

  @Field(() => TagCategoryEnum, { nullable: true })
  category?: TagCategory | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { defaultValue: true, description: "After a rename, add a search synonym new ⇔ old name." })
  keepOldNameAsSynonym!: boolean;
}


@ObjectType("ProposedTag", { description: "団体が共有の好事例で使い始めた、まだ語彙に取り入れていないタグ（広域事務局が判断する）" })
export class ProposedTagView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => TagCategoryEnum)
  category!: TagCategory;

  @Field(() => Int, { description: "Pass it to updateTag to take it into the vocabulary." })
  version!: number;

  @Field(() => Int, { description: "このタグの付いた、自治体間で共有の公開中の好事例の数" })
  commonsCases!: number;

  @Field(() => [String], { description: "使っている団体（共有の好事例のあるもの）" })
  organisations!: string[];
}

@ObjectType("ProposedTagList")
export class ProposedTagListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [ProposedTagView])
  items!: ProposedTagView[];
}

import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { COLLECTION_SCOPES, COLLECTION_STATUSES, type CollectionScope, type CollectionStatus, type CaseStatus } from "@kb/shared";
import { CaseView, CaseStatusEnum } from "../cases/index.js";

export const CollectionStatusEnum = Object.fromEntries(COLLECTION_STATUSES.map((s) => [s, s])) as { [K in CollectionStatus]: K };
registerEnumType(CollectionStatusEnum, { name: "CollectionStatus", description: "好事例集の公開状態" });

export const CollectionScopeEnum = Object.fromEntries(COLLECTION_SCOPES.map((s) => [s, s])) as { [K in CollectionScope]: K };
registerEnumType(CollectionScopeEnum, { name: "CollectionScope", description: "誰の好事例集か: 団体（事務局）か、全国（広域事務局）か" });

@ObjectType("FeaturedMark", { description: "注目の好事例の印と選定理由（事務局）" })
export class FeaturedMarkView {
  @Field(() => String, { description: "選定理由" })
  reason!: string;

  @Field(() => Date)
  featuredAt!: Date;

  /** Resolved to a UserSummary by a field resolver. */
  featuredById!: string | null;
}

@ObjectType("FeaturedCase", { description: "注目の好事例: 公開中の好事例と選定理由" })
export class FeaturedCaseView {
  @Field(() => String, { description: "選定理由" })
  reason!: string;

  @Field(() => Date)
  featuredAt!: Date;

  @Field(() => CaseView)
  case!: CaseView;
}

@ObjectType("FeaturedCaseList")
export class FeaturedCaseListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [FeaturedCaseView])
  items!: FeaturedCaseView[];
}

@ObjectType("CollectionEntry", { description: "好事例集の1件: 順番、選定理由、好事例" })
export class CollectionEntryView {
  @Field(() => Int, { description: "順番（1が最初）。閲覧者に見える項目だけで数える。" })
  position!: number;

  @Field(() => String, { description: "選定理由" })
  reason!: string;

  @Field(() => Date)
  addedAt!: Date;

  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  caseTitle!: string;

  @Field(() => CaseStatusEnum, { description: "公開中でなくなった好事例は事務局にだけ見え、case は null になる。" })
  caseStatus!: CaseStatus;

  @Field(() => CaseView, { nullable: true, description: "The case, while it is published." })
  case!: CaseView | null;
}

@ObjectType("CollectionPermissions", { description: "閲覧者がこの好事例集に対してできること" })
export class CollectionPermissionsView {
  @Field(() => Boolean, { description: "編集・並べ替え・公開（事務局）" })
  curate!: boolean;
}

@ObjectType("Collection", { description: "好事例集: 順番のある注目の好事例の集まり" })
export class CollectionView {
  @Field(() => ID)
  id!: string;

  /** Not in the schema: whose collection it is, for the viewer's permissions. */
  organisationId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int, { nullable: true, description: "対象の年度（西暦の開始年）" })
  fiscalYear!: number | null;

  @Field(() => CollectionStatusEnum)
  status!: CollectionStatus;

  @Field(() => CollectionScopeEnum, { description: "ORGANISATION: 団体の好事例集; COMMONS: 広域事務局の全国の好事例集（自治体間で共有の好事例だけ）" })
  scope!: CollectionScope;

  @Field(() => Int, { description: "Pass it back when reordering, renaming or publishing: a stale change is refused." })
  version!: number;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType("CollectionList")
export class CollectionListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [CollectionView])
  items!: CollectionView[];
}

@ObjectType("MostAdoptedCase", { description: "取り入れた課の多い好事例（試行中・導入済の課の数）" })
export class MostAdoptedCaseView {
  @Field(() => CaseView)
  case!: CaseView;

  @Field(() => Int)
  adoptionCount!: number;
}

@ObjectType("Home", { description: "ホーム: 注目の好事例集、注目の好事例、新着、よく取り入れられている好事例" })
export class HomeView {
  @Field(() => [CollectionView])
  featuredCollections!: CollectionView[];

  @Field(() => [FeaturedCaseView])
  featuredCases!: FeaturedCaseView[];

  @Field(() => [CaseView])
  newCases!: CaseView[];

  @Field(() => [MostAdoptedCaseView])
  mostAdopted!: MostAdoptedCaseView[];
}

@InputType("FeatureCaseInput")
export class FeatureCaseInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String, { description: "選定理由" })
  reason!: string;
}

@InputType("CollectionInput")
export class CollectionInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  fiscalYear?: number | null;

  @Field(() => CollectionScopeEnum, { nullable: true, description: "作るときだけ。COMMONS は広域事務局だけが作れる。" })
  scope?: CollectionScope | null;
}

@InputType("CollectionEntryInput")
export class CollectionEntryInput {
  @Field(() => ID)
  collectionId!: string;

  @Field(() => ID)
  caseId!: string;

  @Field(() => String, { description: "選定理由" })
  reason!: string;
}

@InputType("CollectionOrderInput")
export class CollectionOrderInput {
  @Field(() => ID)
  collectionId!: string;

  @Field(() => Int, { description: "The collection's version the new order was made from." })
  version!: number;

  @Field(() => [ID], { description: "Every case of the collection, in the new order." })
  caseIds!: string[];
}

@InputType("CollectionEntriesInput", { description: "好事例集にまとめて追加する好事例（同じ選定理由で）" })
export class CollectionEntriesInput {
  @Field(() => ID)
  collectionId!: string;

  @Field(() => [ID], { description: "Added at the end in this order; ones already in the collection are skipped." })
  caseIds!: string[];

  @Field(() => String, { description: "選定理由（選んだすべての好事例に付ける）" })
  reason!: string;
}

@ObjectType("CollectionEntriesResult", { description: "まとめて追加した結果" })
export class CollectionEntriesResultView {
  @Field(() => CollectionView)
  collection!: CollectionView;

  @Field(() => [ID], { description: "Added, in the order given." })
  addedCaseIds!: string[];

  @Field(() => [ID], { description: "Already in the collection: left as they were." })
  alreadyInCaseIds!: string[];
}

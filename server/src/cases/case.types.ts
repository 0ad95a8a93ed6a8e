import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { DepartmentView } from "../departments/index.js";
import { CASE_KINDS, CASE_SHARINGS, CASE_STATUSES, type CaseKind, type CaseSharing, type CaseStatus } from "@kb/shared";

// GraphQL enums spelled exactly like the shared string unions.
export const CaseKindEnum = Object.fromEntries(CASE_KINDS.map((k) => [k, k])) as { [K in CaseKind]: K };
export const CaseStatusEnum = Object.fromEntries(CASE_STATUSES.map((s) => [s, s])) as { [K in CaseStatus]: K };
registerEnumType(CaseKindEnum, { name: "CaseKind", description: "好事例の種別" });
registerEnumType(CaseStatusEnum, { name: "CaseStatus", description: "好事例の公開状態" });
export const CaseSharingEnum = Object.fromEntries(CASE_SHARINGS.map((s) => [s, s])) as { [K in CaseSharing]: K };
registerEnumType(CaseSharingEnum, { name: "CaseSharing", description: "公開範囲: 庁内限定 (ORGANISATION) または 自治体間で共有 (COMMONS)" });

@ObjectType("Effect", { description: "定量効果: 導入前 → 導入後" })
export class EffectView {
  @Field(() => String)
  label!: string;

  @Field(() => Float, { nullable: true })
  before?: number | null;

  @Field(() => Float, { nullable: true })
  after?: number | null;

  @Field(() => String, { nullable: true })
  unit?: string | null;
}

@ObjectType("Case", { description: "好事例" })
export class CaseView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field(() => CaseKindEnum)
  kind!: CaseKind;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String)
  background!: string;

  @Field(() => String)
  actions!: string;

  @Field(() => String)
  results!: string;

  @Field(() => String)
  tips!: string;

  @Field(() => DepartmentView)
  department!: DepartmentView;

  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [EffectView])
  effects!: EffectView[];

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Kind-specific details (see shared/src/details.ts for the shape per kind).",
  })
  details?: Record<string, unknown> | null;

  @Field(() => CaseStatusEnum)
  status!: CaseStatus;

  @Field(() => CaseSharingEnum, { description: "公開範囲: 庁内限定 or 自治体間で共有 (who may read it once published)." })
  sharing!: CaseSharing;

  @Field(() => Int, { description: "Pass it back when saving: a save based on an older version is refused." })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  submittedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  publishedAt?: Date | null;

  /** Not exposed: what the access policy needs. */
  authorId!: string | null;
  organisationId!: string;
}

@ObjectType("CasePermissions", { description: "閲覧者がこの好事例に対してできること" })
export class CasePermissionsView {
  @Field(() => Boolean)
  edit!: boolean;

  @Field(() => Boolean)
  submit!: boolean;

  @Field(() => Boolean)
  review!: boolean;

  @Field(() => Boolean)
  archive!: boolean;

  @Field(() => Boolean, { description: "May remove this case's attachments (owners while editable; the secretariat always)." })
  removeAttachments!: boolean;

  @Field(() => Boolean, {
    description: "May take part in it (adopt, ask; members of its own organisation also answer, propose tags, confirm it is current): members of its own organisation, and of any organisation on a commons case.",
  })
  takePart!: boolean;

  @Field(() => Boolean, { description: "May change 公開範囲 (庁内限定 / 自治体間で共有): the case's own secretariat, once submitted." })
  changeSharing!: boolean;
}

@ObjectType("PersonalInfoFinding", { description: "個人情報の可能性がある箇所" })
export class PersonalInfoFindingView {
  @Field(() => String, { description: "PHONE / EMAIL / INDIVIDUAL_NUMBER / ADDRESS" })
  kind!: string;

  @Field(() => String, { description: "Field path, e.g. summary or details.voices.0" })
  field!: string;

  @Field(() => Int)
  start!: number;

  @Field(() => Int)
  end!: number;

  @Field(() => String)
  text!: string;
}

@ObjectType("Review", { description: "事務局の審査結果" })
export class ReviewView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "PUBLISH / REQUEST_CHANGES / REJECT" })
  decision!: string;

  @Field(() => String)
  comment!: string;

  @Field(() => Date)
  createdAt!: Date;

  reviewerId!: string;
}

@ObjectType("RemovedAttachment", { description: "削除された添付ファイル（内容はもうありません）" })
export class RemovedAttachmentView {
  @Field(() => String)
  fileName!: string;

  @Field(() => Int)
  size!: number;

  @Field(() => String)
  sha256!: string;
}

@ObjectType("CaseRevision", { description: "保存ごとの版" })
export class CaseRevisionView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => GraphQLJSONObject, { description: "The editable content after this save." })
  snapshot!: Record<string, unknown>;

  @Field(() => RemovedAttachmentView, { nullable: true, description: "The file this save removed, if it was the removal of an attachment." })
  removedAttachment!: RemovedAttachmentView | null;

  editorId!: string | null;
}

@ObjectType("Attachment", { description: "添付ファイル（ダウンロードのみ）" })
export class AttachmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  size!: number;

  @Field(() => String)
  sha256!: string;

  @Field(() => Boolean)
  isKintoneTemplate!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String)
  downloadUrl!: string;
}

@ObjectType("CaseList")
export class CaseListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [CaseView])
  items!: CaseView[];
}

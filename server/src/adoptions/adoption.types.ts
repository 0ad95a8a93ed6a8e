import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ADOPTION_STATUSES, type AdoptionStatus } from "@kb/shared";
import { EffectInput, EffectView } from "../cases/index.js";

export const AdoptionStatusEnum = Object.fromEntries(ADOPTION_STATUSES.map((s) => [s, s])) as { [K in AdoptionStatus]: K };
registerEnumType(AdoptionStatusEnum, {
  name: "AdoptionStatus",
  description: "CONSIDERING 検討中, TRIAL 試行中, ADOPTED 導入済, DECLINED 見送り",
});

@ObjectType("AdoptionEvent", { description: "横展開の経過: ある課の状況がいつ、誰によって変わったか" })
export class AdoptionEventView {
  @Field(() => ID)
  id!: string;

  @Field(() => AdoptionStatusEnum, { nullable: true, description: "The status before (null for the first record)." })
  fromStatus!: AdoptionStatus | null;

  @Field(() => AdoptionStatusEnum)
  status!: AdoptionStatus;

  @Field(() => String)
  note!: string;

  @Field(() => Date)
  createdAt!: Date;

  /** Not exposed: resolved to a user (logged-in viewers only). */
  actorId!: string | null;
}

@ObjectType("Adoption", { description: "横展開: ある課がこの好事例をどう取り入れたか（課 × 好事例で1件）" })
export class AdoptionView {
  @Field(() => ID)
  id!: string;

  @Field(() => AdoptionStatusEnum)
  status!: AdoptionStatus;

  @Field(() => String)
  note!: string;

  @Field(() => String, { description: "何が変わったか" })
  changes!: string;

  @Field(() => [EffectView], { description: "The adopting department's own measured effects." })
  effects!: EffectView[];

  @Field(() => Int, { description: "Pass it back when saving: a save based on an older version is refused." })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  /** Not exposed: resolved by field resolvers. */
  organisationId!: string;
  caseId!: string;
  departmentId!: string;
  derivedCaseId!: string | null;
  recordedById!: string | null;
}

@ObjectType("AdoptionSummary", { description: "横展開の件数（状況別）" })
export class AdoptionSummaryView {
  @Field(() => Int)
  considering!: number;

  @Field(() => Int)
  trial!: number;

  @Field(() => Int)
  adopted!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Int, { description: "試行中 + 導入済: what search sorts and filters by." })
  adoptionCount!: number;
}

@ObjectType("AdoptionAccess", { description: "What the viewer may do with this case's adoption ledger" })
export class AdoptionAccessView {
  @Field(() => Boolean, { description: "Record their own department's adoption (published case of another department)." })
  record!: boolean;
}

@ObjectType("AdoptionList")
export class AdoptionListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [AdoptionView])
  items!: AdoptionView[];
}

@InputType("AdoptionInput", { description: "自分の課の横展開を記録する（shared/src/adoptions.ts で検証）" })
export class AdoptionInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => AdoptionStatusEnum)
  status!: AdoptionStatus;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "何が変わったか" })
  changes?: string | null;

  @Field(() => [EffectInput], { nullable: true })
  effects?: EffectInput[] | null;

  @Field(() => ID, { nullable: true, description: "The adopting department's own case derived from this one." })
  derivedCaseId?: string | null;

  @Field(() => Int, { nullable: true, description: "The adoption's version the form started from; omit for a first record." })
  version?: number | null;
}


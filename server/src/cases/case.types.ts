import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus } from "@kb/shared";

// GraphQL enums spelled exactly like the shared string unions.
export const CaseKindEnum = Object.fromEntries(CASE_KINDS.map((k) => [k, k])) as { [K in CaseKind]: K };
export const CaseStatusEnum = Object.fromEntries(CASE_STATUSES.map((s) => [s, s])) as { [K in CaseStatus]: K };
registerEnumType(CaseKindEnum, { name: "CaseKind", description: "好事例の種別" });
registerEnumType(CaseStatusEnum, { name: "CaseStatus", description: "好事例の公開状態" });

@ObjectType("Department", { description: "所属（局 → 部 → 課）" })
export class DepartmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "Names of the ancestors from the top (局, 部), then this department." })
  path!: string[];
}

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

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  POPULATION_BAND_LABELS,
  POPULATION_BANDS,
  type OrganisationKind,
  type PopulationBand,
} from "@kb/shared";

export const OrganisationKindEnum = Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, k])) as { [K in OrganisationKind]: K };
registerEnumType(OrganisationKindEnum, {
  name: "OrganisationKind",
  description: "団体の種類",
  valuesConfig: Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, { description: ORGANISATION_KIND_LABELS[k] }])),
});

export const PopulationBandEnum = Object.fromEntries(POPULATION_BANDS.map((b) => [b, b])) as { [K in PopulationBand]: K };
registerEnumType(PopulationBandEnum, {
  name: "PopulationBand",
  description: "人口規模 (bands of shared/src/organisation-terms.ts; UNKNOWN: no population entered)",
  valuesConfig: Object.fromEntries(POPULATION_BANDS.map((b) => [b, { description: POPULATION_BAND_LABELS[b] }])),
});

@ObjectType("Organisation", { description: "自治体（団体）: 利用者・課・好事例が属するテナント" })
export class OrganisationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  kana!: string;

  @Field(() => String, { description: "都道府県" })
  prefecture!: string;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;

  @Field(() => String, { description: "種類の表示名（都道府県・政令指定都市…）" })
  kindLabel!: string;

  @Field(() => String, { nullable: true, description: "全国地方公共団体コード（6桁）; null while the installation's own is unnamed" })
  code!: string | null;

  @Field(() => Int, { nullable: true })
  population!: number | null;

  @Field(() => String, { nullable: true, description: "人口の基準日 (YYYY-MM-DD)" })
  populationAsOf!: string | null;

  @Field(() => Boolean, { description: "ログインしていない閲覧者も公開中の好事例を読める" })
  publicReading!: boolean;
}

@InputType("OrganisationInput")
export class OrganisationInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  kana!: string;

  @Field(() => String, { description: "都道府県（北海道…沖縄県）" })
  prefecture!: string;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;

  @Field(() => String, { description: "全国地方公共団体コード（6桁、検査数字付き）" })
  code!: string;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => String, { nullable: true, description: "人口の基準日 (YYYY-MM-DD)" })
  populationAsOf?: string | null;

  @Field(() => Boolean, { nullable: true })
  publicReading?: boolean | null;
}

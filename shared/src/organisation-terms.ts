/**
 * The words of organisations without zod (the search page's first load reads its URL with them:
 * 都道府県, 団体区分 and 人口規模 are search facets). organisations.ts re-exports them.
 */

/** The 47 都道府県, in 都道府県コード order (JIS X 0401): index + 1 is the code, the first two digits of a 団体コード. */
export const PREFECTURES = [
  "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
  "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
  "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
  "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
  "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
  "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
  "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
] as const;
export type Prefecture = (typeof PREFECTURES)[number];

/** The kinds of 地方公共団体 an organisation can be; string unions so zod, GraphQL and SQL share one spelling. */
export const ORGANISATION_KINDS = [
  "PREFECTURE",
  "DESIGNATED_CITY",
  "CORE_CITY",
  "CITY",
  "SPECIAL_WARD",
  "TOWN",
  "VILLAGE",
  "UNION",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  PREFECTURE: "都道府県",
  DESIGNATED_CITY: "政令指定都市",
  CORE_CITY: "中核市",
  CITY: "一般市",
  SPECIAL_WARD: "特別区",
  TOWN: "町",
  VILLAGE: "村",
  UNION: "一部事務組合・広域連合",
};

/**
 * 人口規模: the bands search facets and 似た自治体 use, defined once. Bounds are lower-inclusive
 * (50,000 人 is 5万〜20万人); UNKNOWN is an organisation whose population nobody has entered.
 */
export const POPULATION_BANDS = ["UNDER_50K", "FROM_50K", "FROM_200K", "FROM_500K", "UNKNOWN"] as const;
export type PopulationBand = (typeof POPULATION_BANDS)[number];

export const POPULATION_BAND_LABELS: Record<PopulationBand, string> = {
  UNDER_50K: "〜5万人",
  FROM_50K: "5万〜20万人",
  FROM_200K: "20万〜50万人",
  FROM_500K: "50万人〜",
  UNKNOWN: "不明",
};

/** Lower bounds of the known bands, in POPULATION_BANDS order. */
const BAND_FLOORS: readonly [Exclude<PopulationBand, "UNKNOWN">, number][] = [
  ["FROM_500K", 500_000],
  ["FROM_200K", 200_000],
  ["FROM_50K", 50_000],
  ["UNDER_50K", 0],
];

export function populationBandOf(population: number | null | undefined): PopulationBand {
  if (population === null || population === undefined || !Number.isFinite(population) || population < 0) return "UNKNOWN";
  return BAND_FLOORS.find(([, floor]) => population >= floor)![0];
}

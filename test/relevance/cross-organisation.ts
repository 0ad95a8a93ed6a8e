import type { InterchangeCaseInput, OrganisationKind, Prefecture } from "@kb/shared";
import { localGovernmentCheckDigit } from "@kb/shared";
import type { RelevanceQuery } from "./queries.js";

/**
 * Cross-organisation queries for 似た自治体 (issue 16 item 3): the same needs met in organisations of
 * different 団体区分, population and 都道府県, read by staff of one of them (the reader). For each need,
 * the cases a reader would most want are those of organisations like theirs — the ones the product
 * calls 似た自治体 (two of 団体区分, 人口規模 and 都道府県 alike). The texts vary per organisation (tool,
 * wording, detail), so the engine's own relevance differs between them and is not a tie by construction.
 */

export interface CrossOrganisation {
  key: string;
  name: string;
  prefecture: Prefecture;
  kind: OrganisationKind;
  population: number;
  /** Like the reader in two of three (the relevant ones). */
  like: boolean;
}

const code = (firstFive: string) => `${firstFive}${localGovernmentCheckDigit(firstFive)}`;

/** The reader: a 中核市 of 長野県, 20万〜50万人. */
export const READER = { key: "reader", name: "信濃中核市", prefecture: "長野県", kind: "CORE_CITY", population: 300_000, code: code("20901") } as const;

export const CROSS_ORGANISATIONS: (CrossOrganisation & { code: string })[] = [
  { key: "strong-kind-size", name: "美濃中核市", prefecture: "岐阜県", kind: "CORE_CITY", population: 400_000, like: true, code: code("21901") },
  { key: "strong-size-pref", name: "信濃一般市", prefecture: "長野県", kind: "CITY", population: 250_000, like: true, code: code("20902") },
  { key: "weak-pref", name: "信濃山町", prefecture: "長野県", kind: "TOWN", population: 9_000, like: false, code: code("20903") },
  { key: "weak-kind", name: "薩摩中核市", prefecture: "鹿児島県", kind: "CORE_CITY", population: 600_000, like: false, code: code("46901") },
  { key: "far-designated", name: "浪速政令市", prefecture: "大阪府", kind: "DESIGNATED_CITY", population: 2_700_000, like: false, code: code("27901") },
  { key: "far-village", name: "琉球村", prefecture: "沖縄県", kind: "VILLAGE", population: 4_000, like: false, code: code("47901") },
  { key: "far-ward", name: "江戸特別区", prefecture: "東京都", kind: "SPECIAL_WARD", population: 120_000, like: false, code: code("13901") },
];

const NEEDS = [
  { need: "空き家の実態調査", tag: "空き家" },
  { need: "除雪車の運行管理", tag: "除雪" },
  { need: "ふるさと納税の返礼品管理", tag: "ふるさと納税" },
  { need: "投票所入場券の発送", tag: "選挙" },
  { need: "狂犬病予防注射の案内", tag: "狂犬病予防" },
  { need: "成人式の出欠管理", tag: "成人式" },
  { need: "水道メーターの検針", tag: "水道" },
  { need: "放置自転車の撤去", tag: "放置自転車" },
];
const WAYS = [
  ["kintoneで一元管理", "申請から完了までをkintoneのアプリで管理し、紙の台帳をなくした。"],
  ["RPAで転記を自動化", "システム間の転記をRPAに任せ、担当者の入力作業を減らした。"],
  ["タブレットで現地入力", "現地でタブレットから入力し、帰庁後の清書をなくした。"],
  ["GISで地図に集約", "位置情報をGISに集約し、地図で状況を共有できるようにした。"],
  ["電子申請で受付", "電子申請で受け付け、窓口と電話の問い合わせを減らした。"],
  ["Excelマクロで集計", "様式を統一してExcelマクロで集計し、集計の手間を減らした。"],
  ["LINEで案内を配信", "LINE公式アカウントで対象者に案内を配信した。"],
  ["生成AIで文書を作成", "定型の文書を生成AIで下書きし、確認だけで済むようにした。"],
];

/** One case per need and organisation (the reader's own included), each its own way. */
export function crossOrganisationCases(): { organisationKey: string; record: InterchangeCaseInput }[] {
  const out: { organisationKey: string; record: InterchangeCaseInput }[] = [];
  const all = [{ ...READER, like: false }, ...CROSS_ORGANISATIONS];
  NEEDS.forEach(({ need, tag }, n) => {
    all.forEach((o, i) => {
      const [way, detail] = WAYS[(n + i) % WAYS.length]!;
      out.push({
        organisationKey: o.key,
        record: {
          externalId: `cross-${o.key}-${n}`,
          kind: "PRACTICE",
          title: `${need}を${way}`,
          summary: `${o.name}では${need}に手間がかかっていた。${detail}`,
          department: "業務改革推進課",
          fiscalYear: 2021 + ((n + i) % 5),
          tags: [tag, "業務改善"],
          status: "PUBLISHED",
          // 自治体間で共有: the reader's staff read them as the commons.
          sharing: "COMMONS",
        },
      });
    });
  });
  return out;
}

/** Each need as staff type it; relevant: the cases of organisations like the reader's. */
export const CROSS_ORGANISATION_QUERIES: RelevanceQuery[] = NEEDS.map(({ need }, n) => ({
  query: need,
  kind: "colloquial",
  relevant: CROSS_ORGANISATIONS.filter((o) => o.like).map((o) => `cross-${o.key}-${n}`),
}));

/**
 * The relevance suite: Japanese queries as staff type them, over seeds/cases.jsonl, each with the
 * cases a person would want to see for it (judged by reading the seeds). Kinds of query:
 * kanji-only, katakana, mixed scripts, full-width / half-width, synonyms (kana, latin and kanji
 * keys), typos, and colloquial needs.
 */
export interface RelevanceQuery {
  query: string;
  relevant: string[];
  kind: "kanji" | "katakana" | "mixed" | "width" | "synonym" | "typo" | "colloquial" | "latin";
}

const WORK_STYLE = [
  "kobe-2022-practice-01",
  "kumamoto-2022-practice-05",
  "kumamoto-2023-practice-01",
  "sample-2025-practice-02",
  "takarazuka-2024-workshop-04",
  "takarazuka-2023-practice-04",
  "sample-2021-practice-01",
  "takarazuka-2022-lesson-02",
  "takarazuka-2023-lesson-02",
  "kobe-2022-lesson-01",
];
const ONE_ON_ONE = [
  "takarazuka-2022-lesson-01",
  "takarazuka-2023-lesson-01",
  "takarazuka-2023-lesson-02",
  "takarazuka-2024-lesson-01",
  "takarazuka-2023-lesson-03",
  "takarazuka-2023-lesson-04",
];
const GENERATIVE_AI = ["sample-2023-practice-01", "sample-2025-workshop-01", "takarazuka-2024-workshop-01"];
const KINTONE = [
  "takarazuka-2024-kintone-01", "takarazuka-2023-kintone-01", "takarazuka-2023-kintone-02", "takarazuka-2024-kintone-02",
  "takarazuka-2023-kintone-03", "takarazuka-2024-kintone-03", "takarazuka-2024-kintone-04", "takarazuka-2024-kintone-05",
  "sample-2025-kintone-01", "sample-2022-kintone-01", "sample-2023-kintone-01", "sample-2021-kintone-02",
  "sample-2021-kintone-01", "sample-2025-kintone-02",
];
/** Everything tagged 窓口DX: フロントヤード改革 is the national name for the same reform. */
const FRONT_YARD = [
  "takarazuka-2024-kintone-01", "kumamoto-2022-workshop-01", "takarazuka-2022-lesson-03", "kumamoto-2022-practice-01",
  "kumamoto-2022-practice-02", "kumamoto-2022-practice-03", "kobe-2021-practice-02", "susono-2024-practice-01",
];
const GIS = ["takarazuka-2023-practice-01", "takarazuka-2023-practice-02", "takarazuka-2023-practice-03", "sample-2025-kintone-01", "sample-2025-practice-01"];

export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  // kanji-only (detected as Chinese without the jpn locale), compounds from the dictionary
  { query: "予約", relevant: ["takarazuka-2024-kintone-01"], kind: "kanji" },
  { query: "児童扶養手当", relevant: ["takarazuka-2024-kintone-01"], kind: "kanji" },
  { query: "要介護認定", relevant: ["takarazuka-2024-kintone-05"], kind: "kanji" },
  { query: "通報", relevant: ["sample-2025-kintone-01", "takarazuka-2023-kintone-01"], kind: "kanji" },
  { query: "全庁照会", relevant: ["sample-2022-kintone-01", "takarazuka-2023-practice-04"], kind: "kanji" },
  { query: "心理的安全性", relevant: ["takarazuka-2022-workshop-03", "takarazuka-2023-workshop-02"], kind: "kanji" },
  { query: "公用車", relevant: ["sample-2025-kintone-02"], kind: "kanji" },
  { query: "選挙", relevant: ["takarazuka-2023-kintone-02", "takarazuka-2024-kintone-02"], kind: "kanji" },
  { query: "家屋調査", relevant: ["sample-2023-kintone-01", "sample-2025-practice-01"], kind: "kanji" },
  { query: "地図", relevant: ["takarazuka-2023-practice-01", "takarazuka-2023-practice-02", "takarazuka-2023-practice-03"], kind: "kanji" },
  { query: "働き方改革", relevant: WORK_STYLE, kind: "kanji" },
  { query: "転入届", relevant: ["kumamoto-2022-practice-01"], kind: "kanji" },
  { query: "女性職員", relevant: ["takarazuka-2022-workshop-04"], kind: "kanji" },
  // katakana
  { query: "チャットボット", relevant: ["kumamoto-2022-practice-04", "kobe-2021-practice-02"], kind: "katakana" },
  { query: "フリーアドレス", relevant: ["kumamoto-2023-practice-01", "takarazuka-2022-lesson-02"], kind: "katakana" },
  { query: "ファシリテーション", relevant: ["takarazuka-2024-workshop-06", "takarazuka-2024-workshop-05"], kind: "katakana" },
  { query: "テレワーク", relevant: ["kumamoto-2022-practice-05"], kind: "katakana" },
  { query: "マイナンバーカード", relevant: ["kumamoto-2022-practice-02"], kind: "katakana" },
  // mixed scripts and latin
  { query: "キャリア研修", relevant: ["takarazuka-2024-workshop-02", "takarazuka-2022-workshop-04"], kind: "mixed" },
  { query: "Excel研修", relevant: ["takarazuka-2024-workshop-07", "takarazuka-2023-workshop-01"], kind: "mixed" },
  { query: "SNS 発信", relevant: ["takarazuka-2024-lesson-02", "takarazuka-2024-practice-02"], kind: "mixed" },
  { query: "DXアワード", relevant: ["sumida-2024-practice-01"], kind: "mixed" },
  { query: "航空写真 AI", relevant: ["sample-2025-practice-01"], kind: "mixed" },
  { query: "RPA", relevant: ["kumamoto-2022-practice-04"], kind: "latin" },
  // full-width and half-width input
  { query: "ＧＩＳ", relevant: GIS, kind: "width" },
  { query: "ﾃﾚﾜｰｸ", relevant: ["kumamoto-2022-practice-05"], kind: "width" },
  { query: "ﾍﾟｰﾊﾟｰﾚｽ会議", relevant: ["sample-2021-practice-01"], kind: "width" },
  { query: "ＣｈａｔＧＰＴ", relevant: GENERATIVE_AI, kind: "width" },
  // synonyms (seeded by the migration): kana/latin and kanji keys
  { query: "キントーン", relevant: KINTONE, kind: "synonym" },
  { query: "チャットGPT", relevant: GENERATIVE_AI, kind: "synonym" },
  { query: "ワンオンワン", relevant: ONE_ON_ONE, kind: "synonym" },
  { query: "オンライン申請", relevant: ["kumamoto-2022-practice-03", "takarazuka-2024-kintone-03", "takarazuka-2023-kintone-03"], kind: "synonym" },
  { query: "フロントヤード改革", relevant: FRONT_YARD, kind: "synonym" },
  { query: "在宅勤務", relevant: ["kumamoto-2022-practice-05"], kind: "synonym" },
  { query: "残業", relevant: ["sample-2025-practice-02", "takarazuka-2024-workshop-04"], kind: "synonym" },
  // typos
  { query: "kintne", relevant: KINTONE, kind: "typo" },
  // colloquial needs
  { query: "窓口の待ち時間を減らしたい", relevant: ["takarazuka-2024-kintone-01", "kumamoto-2022-practice-01", "susono-2024-practice-01"], kind: "colloquial" },
  { query: "残業を減らしたい", relevant: ["sample-2025-practice-02", "takarazuka-2024-workshop-04"], kind: "colloquial" },
  { query: "道路の穴を市民から通報してもらいたい", relevant: ["sample-2025-kintone-01"], kind: "colloquial" },
  { query: "電話の問い合わせを減らしたい", relevant: ["kobe-2021-practice-02", "kumamoto-2022-practice-04"], kind: "colloquial" },
  { query: "紙の契約をやめたい", relevant: ["kobe-2021-practice-01"], kind: "colloquial" },
  { query: "外部人材に丸投げしない", relevant: ["sample-2024-lesson-01"], kind: "colloquial" },
  { query: "保育所の問い合わせを記録したい", relevant: ["sample-2021-kintone-02"], kind: "colloquial" },
  { query: "高齢者の相談記録を引き継ぎたい", relevant: ["takarazuka-2024-kintone-04"], kind: "colloquial" },
  { query: "子育ての手続きをデジタルで完結したい", relevant: ["meiwa-2023-lesson-01"], kind: "colloquial" },
];

import type { GeneratedCaseFacts, GeneratedSubject, GeneratedTag, GeneratedTheme, GeneratedTool, GeneratedVerb } from "../support/case-generator.js";

/**
 * The relevance suite: Japanese queries as staff type them, over seeds/cases.jsonl, each with the
 * cases a person would want to see for it (judged by reading the seeds). Kinds of query:
 * kanji-only, katakana, mixed scripts, full-width / half-width, synonyms (kana, latin and kanji
 * keys), typos, and colloquial needs.
 *
 * `generated`: which generated cases (test/support/case-generator.ts, the distractors of issue 17
 * item 6) a person would want for the same query, judged by reading the generator's templates once
 * (see `generatedTopics`) and stated as what the case is about, not as ids.
 */
export interface RelevanceQuery {
  query: string;
  relevant: string[];
  kind: "kanji" | "katakana" | "mixed" | "width" | "synonym" | "typo" | "colloquial" | "latin";
  /** A generated case is relevant when it matches one of these; none listed: no generated case is. */
  generated?: GeneratedJudgement[];
}

/** What a generated case is about; `null` where its text does not say it. */
export interface GeneratedTopics {
  subject: GeneratedSubject | null;
  verb: GeneratedVerb | null;
  tool: GeneratedTool | null;
  theme: GeneratedTheme | null;
  department: string;
  tags: readonly string[];
}

/**
 * One way a generated case can be relevant: every field given must hold (the case's topic is one of
 * the values listed). Tags are what a case declares itself about, so a tag counts as the seeds' tag
 * queries count it (働き方改革, フロントヤード改革 = 窓口DX, キントーン: everything carrying the tag).
 */
export interface GeneratedJudgement {
  subject?: GeneratedSubject[];
  verb?: GeneratedVerb[];
  tool?: GeneratedTool[];
  theme?: GeneratedTheme[];
  department?: string[];
  tag?: (GeneratedTag | "kintone")[];
}

/**
 * The generator's templates, read once:
 * - KINTONE_APP 「<subject>管理アプリ（<department>）」: built with kintone so that <subject><verb>; the
 *   drawn tool is never written, the text says kintone.
 * - PRACTICE 「<subject><verb>した取組」: done with <tool> (summary, actions, details.tools).
 * - TALENT_LESSON 「外部人材から学んだ「<lesson>」」: advice in a 1on1 on reviewing <subject>, a
 *   prototype with <tool>, ending in <subject><verb>. About the subject (and not about 1on1, which it
 *   names in passing as several seeds do that are not judged relevant to ワンオンワン).
 * - WORKSHOP 「<theme>ワークショップ」: about its theme; <subject> appears only in the background as one
 *   example of where the theme helps, so a workshop is not about its subject, tool or verb.
 */
export function generatedTopics(facts: GeneratedCaseFacts): GeneratedTopics {
  const workshop = facts.kind === "WORKSHOP";
  return {
    subject: workshop ? null : facts.subject,
    verb: workshop ? null : facts.verb,
    tool: workshop ? null : facts.kind === "KINTONE_APP" ? "kintone" : facts.tool,
    theme: workshop ? (facts.theme ?? null) : null,
    department: facts.department,
    tags: facts.tags,
  };
}

export function matchesGenerated(query: RelevanceQuery, topics: GeneratedTopics): boolean {
  const holds = <T>(wanted: readonly T[] | undefined, actual: T | null) => wanted === undefined || (actual !== null && wanted.includes(actual));
  return (query.generated ?? []).some(
    (j) =>
      holds(j.subject, topics.subject) &&
      holds(j.verb, topics.verb) &&
      holds(j.tool, topics.tool) &&
      holds(j.theme, topics.theme) &&
      holds(j.department, topics.department) &&
      (j.tag === undefined || j.tag.some((t) => topics.tags.includes(t))),
  );
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

/** Built with kintone: a KINTONE_APP, or a case whose tool is kintone (it then carries the kintone tag, as every judged seed does). */
const GEN_KINTONE: GeneratedJudgement[] = [{ tool: ["kintone"] }, { tag: ["kintone"] }];
/** 生成AI as the tool, or a 生成AI活用 workshop: ChatGPT is judged as generative AI for the seeds too. */
const GEN_GENERATIVE_AI: GeneratedJudgement[] = [{ tool: ["生成AI"] }, { theme: ["生成AI活用"] }];
/** The tag, as for the seeds; and the wait-time guidance at the counter, the front yard itself. */
const GEN_FRONT_YARD: GeneratedJudgement[] = [{ tag: ["窓口DX"] }, { subject: ["窓口の待ち時間案内"] }];
/** The only seed about telework is the only one tagged テレワーク; the tag counts the same way. */
const GEN_TELEWORK: GeneratedJudgement[] = [{ tag: ["テレワーク"] }];

/*
 * Generated cases that name a query's words but are not about it, judged not relevant: 児童扶養手当 —
 * 児童手当の申請 is another allowance; Excel研修 — 研修の受講申込み done with Excel マクロ is about applying
 * for training, not learning Excel; 紙の契約をやめたい — 広報紙の校正 in 契約課 is proofreading a newsletter;
 * 地図 — GIS as a tool is not making maps (nor is the seed sample-2025-kintone-01, which shows reports
 * on a GIS); ワンオンワン and 外部人材に丸投げしない — a TALENT_LESSON is about its subject, not about how
 * to work with the advisor.
 */
export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  // kanji-only (detected as Chinese without the jpn locale), compounds from the dictionary
  { query: "予約", relevant: ["takarazuka-2024-kintone-01"], kind: "kanji" },
  { query: "児童扶養手当", relevant: ["takarazuka-2024-kintone-01"], kind: "kanji" },
  { query: "要介護認定", relevant: ["takarazuka-2024-kintone-05"], kind: "kanji", generated: [{ subject: ["介護認定の進捗確認"] }] },
  { query: "通報", relevant: ["sample-2025-kintone-01", "takarazuka-2023-kintone-01"], kind: "kanji", generated: [{ subject: ["道路損傷の通報"] }] },
  { query: "全庁照会", relevant: ["sample-2022-kintone-01", "takarazuka-2023-practice-04"], kind: "kanji", generated: [{ subject: ["庁内照会の回答集約"] }] },
  { query: "心理的安全性", relevant: ["takarazuka-2022-workshop-03", "takarazuka-2023-workshop-02"], kind: "kanji" },
  { query: "公用車", relevant: ["sample-2025-kintone-02"], kind: "kanji", generated: [{ subject: ["公用車の運行管理"] }] },
  { query: "選挙", relevant: ["takarazuka-2023-kintone-02", "takarazuka-2024-kintone-02"], kind: "kanji" },
  { query: "家屋調査", relevant: ["sample-2023-kintone-01", "sample-2025-practice-01"], kind: "kanji", generated: [{ subject: ["固定資産の家屋調査"] }] },
  { query: "地図", relevant: ["takarazuka-2023-practice-01", "takarazuka-2023-practice-02", "takarazuka-2023-practice-03"], kind: "kanji" },
  { query: "働き方改革", relevant: WORK_STYLE, kind: "kanji", generated: [{ tag: ["働き方改革"] }] },
  { query: "転入届", relevant: ["kumamoto-2022-practice-01"], kind: "kanji", generated: [{ subject: ["転入届"] }] },
  { query: "女性職員", relevant: ["takarazuka-2022-workshop-04"], kind: "kanji" },
  // katakana
  { query: "チャットボット", relevant: ["kumamoto-2022-practice-04", "kobe-2021-practice-02"], kind: "katakana" },
  { query: "フリーアドレス", relevant: ["kumamoto-2023-practice-01", "takarazuka-2022-lesson-02"], kind: "katakana" },
  { query: "ファシリテーション", relevant: ["takarazuka-2024-workshop-06", "takarazuka-2024-workshop-05"], kind: "katakana", generated: [{ theme: ["ファシリテーション"] }] },
  { query: "テレワーク", relevant: ["kumamoto-2022-practice-05"], kind: "katakana", generated: GEN_TELEWORK },
  { query: "マイナンバーカード", relevant: ["kumamoto-2022-practice-02"], kind: "katakana" },
  // mixed scripts and latin
  { query: "キャリア研修", relevant: ["takarazuka-2024-workshop-02", "takarazuka-2022-workshop-04"], kind: "mixed" },
  { query: "Excel研修", relevant: ["takarazuka-2024-workshop-07", "takarazuka-2023-workshop-01"], kind: "mixed" },
  { query: "SNS 発信", relevant: ["takarazuka-2024-lesson-02", "takarazuka-2024-practice-02"], kind: "mixed" },
  { query: "DXアワード", relevant: ["sumida-2024-practice-01"], kind: "mixed" },
  { query: "航空写真 AI", relevant: ["sample-2025-practice-01"], kind: "mixed" },
  { query: "RPA", relevant: ["kumamoto-2022-practice-04"], kind: "latin", generated: [{ tool: ["RPA"] }] },
  // full-width and half-width input
  { query: "ＧＩＳ", relevant: GIS, kind: "width", generated: [{ tool: ["GIS"] }] },
  { query: "ﾃﾚﾜｰｸ", relevant: ["kumamoto-2022-practice-05"], kind: "width", generated: GEN_TELEWORK },
  { query: "ﾍﾟｰﾊﾟｰﾚｽ会議", relevant: ["sample-2021-practice-01"], kind: "width" },
  { query: "ＣｈａｔＧＰＴ", relevant: GENERATIVE_AI, kind: "width", generated: GEN_GENERATIVE_AI },
  // synonyms (seeded by the migration): kana/latin and kanji keys
  { query: "キントーン", relevant: KINTONE, kind: "synonym", generated: GEN_KINTONE },
  { query: "チャットGPT", relevant: GENERATIVE_AI, kind: "synonym", generated: GEN_GENERATIVE_AI },
  { query: "ワンオンワン", relevant: ONE_ON_ONE, kind: "synonym" },
  { query: "オンライン申請", relevant: ["kumamoto-2022-practice-03", "takarazuka-2024-kintone-03", "takarazuka-2023-kintone-03"], kind: "synonym", generated: [{ verb: ["の受付をオンライン化"] }, { tool: ["電子申請システム"] }] },
  { query: "フロントヤード改革", relevant: FRONT_YARD, kind: "synonym", generated: GEN_FRONT_YARD },
  { query: "在宅勤務", relevant: ["kumamoto-2022-practice-05"], kind: "synonym", generated: GEN_TELEWORK },
  { query: "残業", relevant: ["sample-2025-practice-02", "takarazuka-2024-workshop-04"], kind: "synonym" },
  // typos
  { query: "kintne", relevant: KINTONE, kind: "typo", generated: GEN_KINTONE },
  // colloquial needs
  { query: "窓口の待ち時間を減らしたい", relevant: ["takarazuka-2024-kintone-01", "kumamoto-2022-practice-01", "susono-2024-practice-01"], kind: "colloquial", generated: [{ subject: ["窓口の待ち時間案内"] }] },
  { query: "残業を減らしたい", relevant: ["sample-2025-practice-02", "takarazuka-2024-workshop-04"], kind: "colloquial" },
  { query: "道路の穴を市民から通報してもらいたい", relevant: ["sample-2025-kintone-01"], kind: "colloquial", generated: [{ subject: ["道路損傷の通報"] }] },
  { query: "電話の問い合わせを減らしたい", relevant: ["kobe-2021-practice-02", "kumamoto-2022-practice-04"], kind: "colloquial" },
  { query: "紙の契約をやめたい", relevant: ["kobe-2021-practice-01"], kind: "colloquial" },
  { query: "外部人材に丸投げしない", relevant: ["sample-2024-lesson-01"], kind: "colloquial" },
  { query: "保育所の問い合わせを記録したい", relevant: ["sample-2021-kintone-02"], kind: "colloquial", generated: [{ subject: ["市民相談の記録"], department: ["保育課"] }] },
  { query: "高齢者の相談記録を引き継ぎたい", relevant: ["takarazuka-2024-kintone-04"], kind: "colloquial", generated: [{ subject: ["市民相談の記録"], department: ["高齢福祉課", "介護保険課"] }] },
  { query: "子育ての手続きをデジタルで完結したい", relevant: ["meiwa-2023-lesson-01"], kind: "colloquial", generated: [{ subject: ["児童手当の申請"], verb: ["を電子化", "の受付をオンライン化"] }, { subject: ["児童手当の申請"], tool: ["電子申請システム"] }] },
];

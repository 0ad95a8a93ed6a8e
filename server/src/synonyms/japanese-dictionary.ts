/**
 * Japanese vocabulary of the case index, kept in the repo and applied by `CaseSearchIndex.ensure()`.
 *
 * MUNICIPAL_COMPOUNDS go into Meilisearch's `dictionary` setting: each is one token, so 児童扶養手当
 * matches only 児童扶養手当 (not every text with 児童 or 手当) and is highlighted as one word. Written
 * here split the way Meilisearch 1.21 segments it WITHOUT the dictionary ("児童/扶養/手当"): a
 * dictionary token swallows its parts, so indexing adds the parts to a hidden field and 手当 or
 * 扶養手当 still find the case. `japanese-dictionary.test.ts` checks these splits against the engine,
 * so a tokenizer change is caught. Add a term: write it split as the engine does (run that test).
 *
 * Only compounds whose parts are common words belong here; a term whose parts carry no noise
 * (テレワーク) gains nothing.
 */
export const MUNICIPAL_COMPOUNDS: readonly string[] = [
  "児童/扶養/手当",
  "児童/手当",
  "来庁/者",
  "要/介護/認定",
  "時間/外/勤務",
  "住民/異動",
  "固定/資産/税",
  "家屋/調査",
  "保育/所/入所",
  "放課/後/児童/クラブ",
  "地域/包括/支援/センター",
  "後期/高齢/者/医療",
  "国民/健康/保険",
  "マイ/ナンバー/カード",
  "ワン/ストップ/窓口",
  "フロント/ヤード/改革",
  "会計/年度/任用/職員",
  "心理/的/安全/性",
  "選挙/管理/委員/会",
  "入札/参加/資格",
  "在宅/勤務",
  "時差/出勤",
  "業務/量/調査",
  "ワン/オン/ワン",
  "待ち/時間",
  "定時/退庁",
  "全庁/照会",
  "庁内/照会",
  "緊急/通報",
  "道路/損傷",
  "後援/名義",
  "航空/写真",
];

export interface CompoundTerm {
  term: string;
  parts: string[];
}

export const COMPOUND_TERMS: readonly CompoundTerm[] = MUNICIPAL_COMPOUNDS.map((entry) => {
  const parts = entry.split("/");
  return { term: parts.join(""), parts };
});

/**
 * Other names staff write for a dictionary compound, found as each other (like an EQUIVALENT synonym
 * group, but built in: the compounds are ours, not the secretariat's). A dictionary token matches only
 * whole, so without these 要介護認定 (one token) misses a text that says 介護認定 for the same
 * procedure, and 全庁照会 misses 庁内照会. Indexing adds each name to a text containing another one
 * (synonym-expander.ts), and a hit found so says 同義語「介護認定」に一致. `why`: the reason, for
 * whoever adds the next one.
 */
export const COMPOUND_VARIANTS: readonly { terms: readonly string[]; why: string }[] = [
  { terms: ["要介護認定", "介護認定"], why: "「介護認定」は要介護（要支援）認定の略称として文書でも窓口でも使われる" },
  { terms: ["全庁照会", "庁内照会"], why: "他の課へ照会して回答を集める同じ事務を、自治体により全庁照会とも庁内照会とも呼ぶ" },
];

/**
 * Particles and auxiliaries that carry no meaning in a query such as 窓口の待ち時間を減らしたい.
 * Only hiragana function words that the tokenizer emits as whole tokens: never a kanji (会 is a
 * token of 選挙管理委員会) and never ない (書かない窓口).
 */
export const JAPANESE_STOP_WORDS: readonly string[] = [
  "の", "を", "に", "は", "が", "で", "と", "も", "へ", "や", "か", "から", "まで", "より", "など",
  "たい", "た", "て", "し", "する", "して", "した", "したい", "され", "れる", "られる", "ます", "です",
  "について", "ため", "よう", "こと", "もの",
];

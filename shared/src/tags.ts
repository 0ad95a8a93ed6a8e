import { z } from "zod";
import { name } from "./fields.js";
import { nameKey, normalizeText } from "./normalize.js";
import { searchFilterSchema } from "./search.js";
import { text, uuidOf } from "./text.js";

/**
 * Tags as a shared vocabulary. Every tag has a category, a description and a normalised
 * key (`nameKey`: NFKC, case- and width-folded), so ｋｉｎｔｏｎｅ, Kintone and kintone are one tag.
 * Categories are stored in English and shown in Japanese, like the case kinds.
 */
export const TAG_CATEGORIES = ["THEME", "TOOL", "SKILL", "PILLAR", "TARGET"] as const;
export type TagCategory = (typeof TAG_CATEGORIES)[number];

export const TAG_CATEGORY_LABELS: Record<TagCategory, string> = {
  THEME: "テーマ",
  TOOL: "ツール",
  SKILL: "スキル",
  PILLAR: "推進項目",
  TARGET: "対象",
};

/** What each category is for (shown on the vocabulary screen and in the tag input). */
export const TAG_CATEGORY_DESCRIPTIONS: Record<TagCategory, string> = {
  THEME: "取組の分野や課題（窓口DX、子育て、人材育成 など）",
  TOOL: "使った道具・技術（kintone、Excel、GIS、生成AI、RPA など）",
  SKILL: "育つ力：DX人材のスキル（変革マインド・デジタルリテラシー・業務知識）",
  PILLAR: "市役所改革プランの推進項目・方針",
  TARGET: "誰のための取組か（市民サービス・行政事務・地域）",
};

/** New tags (typed in the case form, imported, proposed without a category) start here. */
export const DEFAULT_TAG_CATEGORY: TagCategory = "THEME";

export const TAG_NAME_MAX = 50;
export const TAG_DESCRIPTION_MAX = 500;

const MARKERS = /[\uE000\uE001]/;

/** A tag name as stored: NFKC, white space folded; 1–50 characters. */
export const tagNameSchema = name("タグ", TAG_NAME_MAX).refine((t) => !MARKERS.test(t), { error: "使えない文字が含まれています" });

const description = text({ error: "説明は文字列で入力してください" })
  .transform((s) => s.trim())
  .pipe(z.string().max(TAG_DESCRIPTION_MAX, { error: `説明は${TAG_DESCRIPTION_MAX}文字以内で入力してください` }));

const category = z.enum(TAG_CATEGORIES, { error: `分類は ${TAG_CATEGORIES.map((c) => TAG_CATEGORY_LABELS[c]).join("・")} のいずれかです` });

/** The secretariat creates a vocabulary term. */
export const tagCreateSchema = z.strictObject({
  name: tagNameSchema,
  category,
  description: description.default(""),
});
export type TagCreateInput = z.infer<typeof tagCreateSchema>;

/** Rename, recategorise, describe: every field optional; the old name stays findable after a rename. */
export const tagUpdateSchema = z.strictObject({
  name: tagNameSchema.optional(),
  category: category.optional(),
  description: description.optional(),
});
export type TagUpdateInput = z.infer<typeof tagUpdateSchema>;

export const tagMergeSchema = z
  .strictObject({
    sourceId: uuidOf("統合するタグ"),
    targetId: uuidOf("統合先のタグ"),
  })
  .refine((v) => v.sourceId.toLowerCase() !== v.targetId.toLowerCase(), {
    path: ["targetId"],
    error: "同じタグには統合できません",
  });
export type TagMergeInput = z.infer<typeof tagMergeSchema>;

/** Anyone who can read a published case may propose a tag for it; a new name may carry a category. */
export const tagProposalSchema = z.strictObject({
  caseId: uuidOf("好事例"),
  tag: tagNameSchema,
  category: category.optional(),
  comment: text()
    .transform(normalizeText)
    .pipe(z.string().max(500, { error: "コメントは500文字以内で入力してください" }))
    .default(""),
});
export type TagProposalInput = z.infer<typeof tagProposalSchema>;

export const TAG_PROPOSAL_DECISIONS = ["ACCEPT", "DECLINE"] as const;
export type TagProposalDecision = (typeof TAG_PROPOSAL_DECISIONS)[number];
export const TAG_PROPOSAL_STATUSES = ["PENDING", "ACCEPTED", "DECLINED"] as const;
export type TagProposalStatus = (typeof TAG_PROPOSAL_STATUSES)[number];
export const TAG_PROPOSAL_STATUS_LABELS: Record<TagProposalStatus, string> = {
  PENDING: "提案中",
  ACCEPTED: "採用",
  DECLINED: "見送り",
};

export const tagProposalDecisionSchema = z.strictObject({
  decision: z.enum(TAG_PROPOSAL_DECISIONS),
  comment: text()
    .transform(normalizeText)
    .pipe(z.string().max(500, { error: "コメントは500文字以内で入力してください" }))
    .default(""),
});

/** Bulk tagging works on at most this many cases: Meilisearch's maxTotalHits for one search. */
export const TAG_BULK_MAX = 10_000;
export const TAG_BULK_ACTIONS = ["ADD", "REMOVE"] as const;
export type TagBulkAction = (typeof TAG_BULK_ACTIONS)[number];

/**
 * A bulk change of one tag on a selection of search results: either explicit case ids (the ticked
 * results) or a whole search (every result of the query and filter, as the search page shows them).
 */
export const tagBulkSchema = z
  .strictObject({
    action: z.enum(TAG_BULK_ACTIONS),
    tag: tagNameSchema,
    caseIds: z.array(uuidOf("好事例")).max(TAG_BULK_MAX, { error: `一度に変更できるのは${TAG_BULK_MAX.toLocaleString("ja-JP")}件までです` }).optional(),
    search: z
      .strictObject({
        query: text().max(500).default(""),
        filter: searchFilterSchema.optional(),
      })
      .optional(),
  })
  .refine((v) => (v.caseIds === undefined) !== (v.search === undefined), {
    path: ["caseIds"],
    error: "対象（選んだ好事例、または検索結果すべて）を1つ指定してください",
  })
  .refine((v) => v.caseIds === undefined || v.caseIds.length > 0, { path: ["caseIds"], error: "好事例を1件以上選んでください" });
export type TagBulkInput = z.infer<typeof tagBulkSchema>;

/** Same key → same tag (ｋｉｎｔｏｎｅ = Kintone = kintone). Re-exported under a tag-specific name for readers. */
export const tagKey = nameKey;

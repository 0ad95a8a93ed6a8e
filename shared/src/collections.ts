import { z } from "zod";
import { body, fiscalYearSchema, name } from "./fields.js";
import { normalizeText } from "./normalize.js";
import { scanText } from "./personal-info.js";
import { uuidOf } from "./text.js";

/**
 * Curation by the secretariat: a case marked 注目 with a 選定理由, ordered 好事例集
 * (collections) with a reason per entry, published for everyone; the dashboard's inputs; exports.
 * A featured mark and collection entries are curation, not case content: they never touch a case's
 * version or revisions.
 */

export const COLLECTION_STATUSES = ["DRAFT", "PUBLISHED"] as const;
export type CollectionStatus = (typeof COLLECTION_STATUSES)[number];

export const COLLECTION_STATUS_LABELS: Record<CollectionStatus, string> = {
  DRAFT: "非公開（作成中）",
  PUBLISHED: "公開中",
};

/**
 * Whose a 好事例集 is (issue 16): an organisation's own (its secretariat curates it from its cases), or
 * the commons' (the installation's 広域事務局 curates it from commons cases of any organisation, e.g.
 * 「令和7年度 全国の好事例集」).
 */
export const COLLECTION_SCOPES = ["ORGANISATION", "COMMONS"] as const;
export type CollectionScope = (typeof COLLECTION_SCOPES)[number];

export const COLLECTION_SCOPE_LABELS: Record<CollectionScope, string> = {
  ORGANISATION: "団体の好事例集",
  COMMONS: "全国の好事例集（広域事務局）",
};

export const FEATURE_REASON_MAX = 1000;
export const COLLECTION_TITLE_MAX = 100;
export const COLLECTION_DESCRIPTION_MAX = 2000;
/** A 好事例集 is a booklet, not a search result: it stays small enough to print and to reorder by hand. */
export const COLLECTION_ENTRIES_MAX = 200;

const reason = body("選定理由", FEATURE_REASON_MAX).pipe(z.string().min(1, { error: "選定理由を入力してください" }));

/** 注目の好事例にする (or change the reason of a case already featured). */
export const featureCaseInputSchema = z.strictObject({
  caseId: uuidOf("好事例"),
  reason,
});
export type FeatureCaseInput = z.infer<typeof featureCaseInputSchema>;

/** A 好事例集's own fields. `fiscalYear` (optional) is the 年度 it is about, shown on the cover. */
export const collectionInputSchema = z.strictObject({
  title: name("好事例集の名前", COLLECTION_TITLE_MAX),
  description: body("説明", COLLECTION_DESCRIPTION_MAX).default(""),
  fiscalYear: fiscalYearSchema.nullable().optional(),
  /** Only when creating; a collection never changes scope. COMMONS: the 広域事務局's. */
  scope: z.enum(COLLECTION_SCOPES).default("ORGANISATION"),
});
export type CollectionInput = z.infer<typeof collectionInputSchema>;

/** Adds a case to a 好事例集 (at the end), or changes its 選定理由 there. */
export const collectionEntryInputSchema = z.strictObject({
  collectionId: uuidOf("好事例集"),
  caseId: uuidOf("好事例"),
  reason,
});
export type CollectionEntryInput = z.infer<typeof collectionEntryInputSchema>;

/**
 * Adds several cases to one 好事例集 at once (the secretariat's ticks on search results), each with the
 * same 選定理由. Cases already in the collection are skipped and reported, not refused.
 */
export const collectionEntriesInputSchema = z
  .strictObject({
    collectionId: uuidOf("好事例集"),
    caseIds: z.array(uuidOf("好事例")).min(1, { error: "好事例を1件以上選んでください" }).max(COLLECTION_ENTRIES_MAX, {
      error: `一度に追加できるのは${COLLECTION_ENTRIES_MAX}件までです`,
    }),
    reason,
  })
  // A case ticked twice (two pages of results) is one case; uuidOf has lower-cased the ids.
  .transform((value) => ({ ...value, caseIds: [...new Set(value.caseIds)] }));
export type CollectionEntriesInput = z.infer<typeof collectionEntriesInputSchema>;

/**
 * The whole new order. `version` is the collection's version the order was made from: a reorder based
 * on a stale list (someone added or removed an entry meanwhile) is refused instead of dropping entries.
 */
export const collectionOrderInputSchema = z
  .strictObject({
    collectionId: uuidOf("好事例集"),
    version: z.number().int().positive(),
    caseIds: z.array(uuidOf("好事例")).max(COLLECTION_ENTRIES_MAX),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.caseIds.forEach((id, i) => {
      const key = id.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["caseIds", i], message: "同じ好事例が2回指定されています" });
      seen.add(key);
    });
  });
export type CollectionOrderInput = z.infer<typeof collectionOrderInputSchema>;

/** The dashboard's window: which 年度 to show, and how many days of search queries. */
export const dashboardArgsSchema = z
  .strictObject({
    fromFiscalYear: fiscalYearSchema.optional(),
    toFiscalYear: fiscalYearSchema.optional(),
    queryDays: z.number().int().min(1).max(366).default(30),
  })
  .refine((v) => v.fromFiscalYear === undefined || v.toFiscalYear === undefined || v.fromFiscalYear <= v.toFiscalYear, {
    error: "開始年度は終了年度以前にしてください",
    path: ["toFiscalYear"],
  });
export type DashboardArgs = z.infer<typeof dashboardArgsSchema>;

/** At most this many rows go into one CSV export of a search result (Meilisearch's maxTotalHits). */
export const SEARCH_EXPORT_MAX_ROWS = 10_000;

/**
 * How a search query is kept for the dashboard's "top and zero-result queries": NFKC, white space
 * folded, case-folded, at most 100 characters. Queries that look like personal information (a
 * phone number, an e-mail address, an individual number, an address) are not kept at all: null.
 */
export function normalizeSearchQueryForStats(query: string): string | null {
  const q = normalizeText(query).toLowerCase().slice(0, 100);
  if (!q) return null;
  if (scanText(q, "query").length > 0) return null;
  return q;
}

/**
 * The annual volume a kintone case's `recordVolume` states explicitly ("年間約9,000件" → 9000), or
 * null when it does not say 年間 (…件). Only an explicit yearly figure is used to turn a per-件
 * saving into a yearly one; anything else is left unmultiplied.
 */
export function annualVolumeOf(recordVolume: unknown): number | null {
  if (typeof recordVolume !== "string") return null;
  const match = /年間\s*(?:約|およそ|概ね)?\s*([\d,，]+(?:\.\d+)?)\s*件/u.exec(recordVolume.normalize("NFKC"));
  if (!match) return null;
  const n = Number(match[1]!.replace(/[,，]/g, ""));
  return Number.isFinite(n) && n > 0 ? n : null;
}

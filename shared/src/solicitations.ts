import { z } from "zod";
import { body, name } from "./fields.js";
import { normalizeText } from "./normalize.js";
import { text, uuidOf } from "./text.js";

/**
 * Issue 16 items 6–7: the demand board (what staff searched for and could not find), 募集 (a
 * secretariat's call for cases) and follows. Shared by the server's validation and the forms.
 */

/** Who sees a 募集: its organisation's staff (庁内), or staff of every organisation (自治体間). */
export const SOLICITATION_SCOPES = ["ORGANISATION", "COMMONS"] as const;
export type SolicitationScope = (typeof SOLICITATION_SCOPES)[number];
export const SOLICITATION_SCOPE_LABELS: Record<SolicitationScope, string> = {
  ORGANISATION: "庁内に募集",
  COMMONS: "自治体間で募集",
};

/**
 * A demand across organisations shows only when at least this many organisations searched for it
 * and found nothing: fewer could point at one town's (or one person's) words. Within an
 * organisation its own secretariat sees its own words, as the dashboard already shows them.
 */
export const COMMONS_DEMAND_MIN_ORGANISATIONS = 3;
/** How far back the demand board looks (days). */
export const DEMAND_WINDOW_DAYS = 90;

export const SOLICITATION_TITLE_MAX = 120;
export const SOLICITATION_DESCRIPTION_MAX = 2000;
export const SOLICITATION_ANSWER_COMMENT_MAX = 1000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (YYYY-MM-DD) that exists. */
const dateOnly = (label: string) =>
  text({ error: `${label}を入力してください` })
    .refine((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      error: `${label}は日付（例：2027-03-31）で入力してください`,
    });

/**
 * The key demands are grouped by: NFKC (全角/半角), lower case, punctuation and symbols dropped, words
 * de-duplicated and sorted — so 「窓口（全角空白）待ち時間」, 「待ち時間 窓口」 and 「窓口、待ち時間！」 are one demand.
 */
export function demandKeyOf(query: string): string {
  const words = normalizeText(query)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .split(/\s+/u)
    .filter(Boolean);
  return [...new Set(words)].sort().join(" ");
}

export const solicitationSchema = z.strictObject({
  title: name("題名", SOLICITATION_TITLE_MAX),
  description: body("説明", SOLICITATION_DESCRIPTION_MAX).default(""),
  deadline: dateOnly("期限"),
  scope: z.enum(SOLICITATION_SCOPES, { error: "募集する範囲を選んでください" }),
  /** The demand it answers (the board's words), if it came from the board. */
  demandQuery: body("検索語", 100).optional(),
});
export type SolicitationInput = z.infer<typeof solicitationSchema>;

export const solicitationAnswerSchema = z.strictObject({
  solicitationId: uuidOf("募集"),
  caseId: uuidOf("好事例"),
  comment: body("ひとこと", SOLICITATION_ANSWER_COMMENT_MAX).default(""),
});
export type SolicitationAnswerInput = z.infer<typeof solicitationAnswerSchema>;

/** What staff follow: a tag, an organisation (自治体) or a 募集. */
export const FOLLOW_TARGETS = ["TAG", "ORGANISATION", "SOLICITATION"] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];
export const FOLLOW_TARGET_LABELS: Record<FollowTarget, string> = { TAG: "タグ", ORGANISATION: "自治体", SOLICITATION: "募集" };

export const followSchema = z.strictObject({
  targetType: z.enum(FOLLOW_TARGETS, { error: "フォローする対象の種類を選んでください" }),
  targetId: uuidOf("フォローする対象"),
});
export type FollowInput = z.infer<typeof followSchema>;

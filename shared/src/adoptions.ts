import { z } from "zod";
import { body, effectsSchema } from "./fields.js";
import { uuidOf } from "./text.js";

/**
 * 横展開: a department's relation to a published case — one row per 課 × case, whose status
 * moves 検討中 → 試行中 → 導入済 (or 見送り). Stored in English like the case statuses, shown in Japanese.
 */
export const ADOPTION_STATUSES = ["CONSIDERING", "TRIAL", "ADOPTED", "DECLINED"] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

export const ADOPTION_STATUS_LABELS: Record<AdoptionStatus, string> = {
  CONSIDERING: "検討中",
  TRIAL: "試行中",
  ADOPTED: "導入済",
  DECLINED: "見送り",
};

/**
 * The statuses that count as "adopted" for `adoptionCount` (search sort/filter, 多く取り入れられた順):
 * a 課 that is trying the case or has introduced it. 検討中 and 見送り are shown on the case page but
 * not counted.
 */
export const COUNTED_ADOPTION_STATUSES: readonly AdoptionStatus[] = ["TRIAL", "ADOPTED"];

export const ADOPTION_NOTE_MAX = 2000;

/**
 * Record (or update) the viewer's 課's relation to a case. `version` is the adoption's version the form
 * started from (absent when the 課 has none yet); a stale save is refused with CONFLICT.
 */
export const adoptionRecordSchema = z.strictObject({
  caseId: uuidOf("事例"),
  status: z.enum(ADOPTION_STATUSES, {
    error: `状況は ${ADOPTION_STATUSES.map((s) => ADOPTION_STATUS_LABELS[s]).join("・")} のいずれかです`,
  }),
  note: body("メモ", ADOPTION_NOTE_MAX).default(""),
  changes: body("変わったこと", ADOPTION_NOTE_MAX).default(""),
  effects: effectsSchema,
  derivedCaseId: uuidOf("派生した事例").nullable().optional(),
  version: z.number().int().positive().nullable().optional(),
});
export type AdoptionRecordInput = z.infer<typeof adoptionRecordSchema>;

/**
 * 参考にした好事例 (issue 16): the case `caseId` is based on, or null to clear it. The server checks the
 * rest (the original is readable by the one who names it, is not the case itself, closes no cycle).
 */
export const caseBasedOnSchema = z.strictObject({
  caseId: uuidOf("事例"),
  basedOnId: uuidOf("参考にした好事例").nullable(),
});
export type CaseBasedOnInput = z.infer<typeof caseBasedOnSchema>;

import { z } from "zod";
import type { CaseKind } from "./enums.js";
import { text } from "./text.js";

/** Kind-specific details of a case. Every field is optional: a case grows its details. */
const prose = (max = 2000) => text().trim().max(max, { error: `${max}文字以内で入力してください` });
const list = (max = 50, itemMax = 500) => z.array(prose(itemMax)).max(max, { error: `${max}件までです` });

export const kintoneAppDetailsSchema = z.strictObject({
  purpose: prose().optional(),
  mainFields: list().optional(),
  processSteps: list().optional(),
  plugins: list().optional(),
  recordVolume: prose(200).optional(),
  runsOnLgwan: z.boolean().optional(),
  needsInternet: z.boolean().optional(),
  needsPlugins: z.boolean().optional(),
});

export const WORKSHOP_FORMATS = ["ONSITE", "ONLINE", "HYBRID"] as const;
export const workshopDetailsSchema = z.strictObject({
  dates: z.array(z.iso.date({ error: "日付は YYYY-MM-DD の形式で入力してください" })).max(100).optional(),
  format: z.enum(WORKSHOP_FORMATS).optional(),
  audience: prose(500).optional(),
  participantCount: z.number().int().min(0).max(1_000_000).optional(),
  facilitator: prose(200).optional(),
  programme: list().optional(),
  outcomes: prose().optional(),
  voices: list().optional(),
});

export const ENGAGEMENT_TYPES = ["ONE_ON_ONE", "WG_SUPPORT", "TRAINING", "OTHER"] as const;
export const LESSON_TYPES = ["SUCCESS_POINT", "PITFALL", "ADVICE"] as const;
export const talentLessonDetailsSchema = z.strictObject({
  advisor: prose(200).optional(),
  advisorRole: prose(200).optional(),
  engagement: z.enum(ENGAGEMENT_TYPES).optional(),
  lessonType: z.enum(LESSON_TYPES).optional(),
  theme: prose(200).optional(),
  howToApply: prose().optional(),
});

export const practiceDetailsSchema = z.strictObject({
  tools: list(30, 100).optional(),
});

export const detailsSchemaByKind = {
  KINTONE_APP: kintoneAppDetailsSchema,
  WORKSHOP: workshopDetailsSchema,
  TALENT_LESSON: talentLessonDetailsSchema,
  PRACTICE: practiceDetailsSchema,
} as const satisfies Record<CaseKind, z.ZodType>;

export type KintoneAppDetails = z.infer<typeof kintoneAppDetailsSchema>;
export type WorkshopDetails = z.infer<typeof workshopDetailsSchema>;
export type TalentLessonDetails = z.infer<typeof talentLessonDetailsSchema>;
export type PracticeDetails = z.infer<typeof practiceDetailsSchema>;
export type CaseDetails = KintoneAppDetails | WorkshopDetails | TalentLessonDetails | PracticeDetails;

import { z } from "zod";
import { CASE_KINDS, CASE_SHARINGS } from "./enums.js";
import { body, checkDetails, detailsInputSchema, effectsSchema, fiscalYearSchema, name, tagsSchema } from "./fields.js";
import { text } from "./text.js";

/**
 * What staff type into the 投稿 form. A draft may be incomplete (a title is enough to save it);
 * submitting for review needs the substance: 概要, 取組内容 and 成果.
 */
export const caseDraftSchema = z
  .strictObject({
    kind: z.enum(CASE_KINDS, { error: "種別を選んでください" }),
    title: name("タイトル", 200),
    summary: body("概要", 2000).default(""),
    background: body("背景・課題", 20000).default(""),
    actions: body("取組内容", 20000).default(""),
    results: body("成果", 20000).default(""),
    tips: body("工夫・苦労した点", 20000).default(""),
    fiscalYear: fiscalYearSchema,
    tags: tagsSchema,
    effects: effectsSchema,
    details: detailsInputSchema,
  })
  .superRefine(checkDetails);

export type CaseDraftInput = z.input<typeof caseDraftSchema>;
export type CaseDraft = z.output<typeof caseDraftSchema>;

const REQUIRED_FOR_SUBMISSION = [
  ["summary", "概要"],
  ["actions", "取組内容"],
  ["results", "成果"],
] as const;

export const caseSubmissionSchema = caseDraftSchema.superRefine((value, ctx) => {
  for (const [field, label] of REQUIRED_FOR_SUBMISSION) {
    if (!value[field]) ctx.addIssue({ code: "custom", path: [field], message: `審査に出す前に${label}を入力してください` });
  }
});

export const REVIEW_DECISIONS = ["PUBLISH", "REQUEST_CHANGES", "REJECT"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

const sharingSchema = z.enum(CASE_SHARINGS, { error: "公開範囲は「庁内限定」か「自治体間で共有」を選んでください" });

export const reviewInputSchema = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS),
    comment: text().trim().max(4000, { error: "コメントは4000文字以内で入力してください" }).default(""),
    /**
     * 公開範囲, decided when publishing (issue 16). Absent: the case keeps the one it has, or on its first
     * publication its organisation's default (自治体間で共有 where it reads publicly, else 庁内限定).
     */
    sharing: sharingSchema.optional(),
  })
  .superRefine((value, ctx) => {
    // Staff must be told what to change or why it was declined.
    if (value.decision !== "PUBLISH" && !value.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "差し戻し・不採用の理由をコメントに書いてください" });
    }
  });
export type ReviewInput = z.input<typeof reviewInputSchema>;

/** The secretariat changes a case's 公開範囲 (shares it to the commons, or withdraws it). */
export const caseSharingInputSchema = z.strictObject({ sharing: sharingSchema });

export const loginSchema = z.strictObject({
  email: text().trim().toLowerCase().min(1, { error: "メールアドレスを入力してください" }).max(254),
  password: text().min(1, { error: "パスワードを入力してください" }).max(1000),
});

/** A password someone chooses: for new accounts and for a change of one's own. */
export const newPassword = () => text().min(12, { error: "パスワードは12文字以上にしてください" }).max(1000, { error: "パスワードは1000文字以内にしてください" });

export const newUserSchema = z.strictObject({
  email: z.email({ error: "メールアドレスの形式が正しくありません" }).trim().toLowerCase(),
  displayName: name("氏名", 100),
  password: newPassword(),
  role: z.enum(["STAFF", "SECRETARIAT", "ADMIN"]),
  department: name("所属", 100),
});

/** アカウント設定: changing one's own password (the current one proves it is the person, not a left-open browser). */
const changePasswordFields = {
  currentPassword: text().min(1, { error: "現在のパスワードを入力してください" }).max(1000),
  newPassword: newPassword(),
};
const notTheSame = (value: { currentPassword: string; newPassword: string }, ctx: z.RefinementCtx) => {
  if (value.newPassword && value.newPassword === value.currentPassword) {
    ctx.addIssue({ code: "custom", path: ["newPassword"], message: "現在のパスワードとは違うものにしてください" });
  }
};
export const changePasswordSchema = z.strictObject(changePasswordFields).superRefine(notTheSame);
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** The form's version: the new password typed twice (the server never sees the copy). */
export const changePasswordFormSchema = z
  .strictObject({ ...changePasswordFields, confirmPassword: text().max(1000) })
  .superRefine((value, ctx) => {
    notTheSame(value, ctx);
    if (value.confirmPassword !== value.newPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "確認用のパスワードが新しいパスワードと一致しません" });
    }
  });

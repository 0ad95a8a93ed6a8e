/** The kinds of 好事例. Kept as string unions so zod, GraphQL and SQL share one spelling. */
export const CASE_KINDS = ["KINTONE_APP", "WORKSHOP", "TALENT_LESSON", "PRACTICE"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  KINTONE_APP: "kintoneアプリ",
  WORKSHOP: "研修・ワークショップ",
  TALENT_LESSON: "外部人材の知見",
  PRACTICE: "その他の業務改善",
};

export const CASE_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "PUBLISHED",
  "CHANGES_REQUESTED",
  "REJECTED",
  "ARCHIVED",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  DRAFT: "下書き",
  SUBMITTED: "審査待ち",
  PUBLISHED: "公開中",
  CHANGES_REQUESTED: "差し戻し",
  REJECTED: "不採用",
  ARCHIVED: "アーカイブ",
};

/**
 * Who may read a published case (issue 16, DESIGN §10): its own organisation only (庁内限定), or every
 * organisation on the installation (自治体間で共有, "the commons"). Anonymous visitors read a commons
 * case only when its organisation allows public reading. Drafts are the own organisation's whatever this says.
 */
export const CASE_SHARINGS = ["ORGANISATION", "COMMONS"] as const;
export type CaseSharing = (typeof CASE_SHARINGS)[number];

export const CASE_SHARING_LABELS: Record<CaseSharing, string> = {
  ORGANISATION: "庁内限定",
  COMMONS: "自治体間で共有",
};

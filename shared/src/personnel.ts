import { z } from "zod";

/**
 * 人事異動 in bulk (issue 15 item 4): the HR list's columns, the verdict of each row in a dry run,
 * and the answers of the two calls (dry run, apply). The server (server/src/personnel/) and the
 * screen (client/src/personnel/) read the same words from here.
 */

export const PERSONNEL_VERDICTS = ["NEW", "TRANSFER", "RETIRE", "UNCHANGED", "ERROR"] as const;
export type PersonnelVerdict = (typeof PERSONNEL_VERDICTS)[number];

export const PERSONNEL_VERDICT_LABELS: Record<PersonnelVerdict, string> = {
  NEW: "新規",
  TRANSFER: "異動",
  RETIRE: "退職",
  UNCHANGED: "変更なし",
  ERROR: "誤り",
};

export type PersonnelColumn = "employeeNumber" | "displayName" | "email" | "department" | "role" | "effectiveDate" | "kind";

/**
 * The column names each field is read from (compared after NFKC, white space folded, case-folded),
 * the first listed being the one the template uses. 所属 is a 所属コード or a 課 name: both are tried.
 */
export const PERSONNEL_COLUMN_NAMES: Record<PersonnelColumn, readonly string[]> = {
  employeeNumber: ["職員番号", "職員ID", "職員コード", "社員番号"],
  displayName: ["氏名", "名前", "職員名"],
  email: ["メール", "メールアドレス", "電子メール", "Eメール", "E-mail", "email"],
  department: ["所属", "所属名", "所属コード", "課", "部署"],
  role: ["役割", "権限", "ロール"],
  effectiveDate: ["発令日", "異動日", "発令年月日"],
  kind: ["区分", "異動区分"],
};

/** Columns a list must have; the others may be absent (役割 absent: kept, or 職員 for a new person). */
export const PERSONNEL_REQUIRED_COLUMNS: readonly PersonnelColumn[] = ["displayName", "email", "department"];

/**
 * 退職 is written in 所属 (「退職」) or in a 区分 column (「退職」): either marks the person to be
 * deactivated (their sessions end). The words are compared after NFKC.
 */
export const PERSONNEL_RETIREMENT_WORDS: readonly string[] = ["退職", "退職者", "離職"];

/** 役割 as an HR list writes it → the role. Blank: unchanged for a known person, 職員 for a new one. */
export const PERSONNEL_ROLE_WORDS: Record<string, "STAFF" | "SECRETARIAT" | "ADMIN"> = {
  職員: "STAFF",
  一般: "STAFF",
  staff: "STAFF",
  事務局: "SECRETARIAT",
  secretariat: "SECRETARIAT",
  管理者: "ADMIN",
  admin: "ADMIN",
};

export const PERSONNEL_ROLE_LABELS: Record<"STAFF" | "SECRETARIAT" | "ADMIN", string> = {
  STAFF: "職員",
  SECRETARIAT: "事務局",
  ADMIN: "管理者",
};

/** The template a downloaded list starts from (UTF-8 with BOM so Excel opens it right). */
export const PERSONNEL_TEMPLATE_CSV =
  "\uFEFF職員番号,氏名,メール,所属,役割,発令日\r\n" +
  "10001,山田 花子,hanako.yamada@example.lg.jp,総務課,職員,2027-04-01\r\n" +
  "10002,佐藤 一郎,ichiro.sato@example.lg.jp,企画課,事務局,2027-04-01\r\n" +
  "10003,鈴木 次郎,jiro.suzuki@example.lg.jp,退職,,2027-03-31\r\n";

const roleSchema = z.enum(["STAFF", "SECRETARIAT", "ADMIN"]);

/** One row of the list as the dry run judged it. */
export const personnelRowSchema = z.object({
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  verdict: z.enum(PERSONNEL_VERDICTS),
  employeeNumber: z.string().nullable(),
  displayName: z.string(),
  email: z.string(),
  /** The 課 after the change (its name), or null for 退職 and for rows in error. */
  department: z.string().nullable(),
  /** The 課 before, for a known person. */
  departmentBefore: z.string().nullable(),
  role: roleSchema.nullable(),
  roleBefore: roleSchema.nullable(),
  effectiveDate: z.string().nullable(),
  /** What changes, in Japanese (「所属: 総務課 → 企画課」). */
  changes: z.array(z.string()),
  /** Why the row cannot be applied, in Japanese (verdict ERROR). */
  errors: z.array(z.string()),
  /** Remarks that do not stop the row (a 発令日 in the future). */
  notes: z.array(z.string()),
});
export type PersonnelRow = z.infer<typeof personnelRowSchema>;

export const personnelCountsSchema = z.object({
  NEW: z.number().int(),
  TRANSFER: z.number().int(),
  RETIRE: z.number().int(),
  UNCHANGED: z.number().int(),
  ERROR: z.number().int(),
});
export type PersonnelCounts = z.infer<typeof personnelCountsSchema>;

/** The dry run: every row's verdict, nothing stored. `digest` is what the apply call sends back. */
export const personnelDryRunSchema = z.object({
  fileName: z.string(),
  format: z.enum(["csv", "xlsx"]),
  encoding: z.enum(["utf-8", "shift_jis"]).nullable(),
  rows: z.array(personnelRowSchema),
  counts: personnelCountsSchema,
  /**
   * SHA-256 over the file and the state of every person and 課 the verdicts were judged against:
   * the apply call refuses when the two differ (someone changed the people in between).
   */
  digest: z.string(),
});
export type PersonnelDryRun = z.infer<typeof personnelDryRunSchema>;

/** The apply call's form fields besides the file. */
export const personnelApplyInputSchema = z.strictObject({
  digest: z.string().regex(/^[0-9a-f]{64}$/, { error: "確認の結果がありません。先に「確認する」を押してください。" }),
});

export const personnelApplyResultSchema = z.object({
  counts: personnelCountsSchema,
  /** Unread notifications about a 課's cases or a review that went from a leaver to the post's holders. */
  notificationsMoved: z.number().int(),
  /** Such notifications that stayed with the leaver because the post has no holder now. */
  notificationsWithoutSuccessor: z.number().int(),
  endedSessions: z.number().int(),
  /** The audit row of the run. */
  runId: z.string(),
});
export type PersonnelApplyResult = z.infer<typeof personnelApplyResultSchema>;

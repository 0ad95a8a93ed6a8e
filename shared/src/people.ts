import { z } from "zod";
import { newPassword } from "./case-input.js";
import { name } from "./fields.js";
import { text, uuidOf } from "./text.js";

/**
 * People and departments on the admin screens (issue 15 item 3): the inputs the server validates and
 * the forms check before sending. Messages are Japanese; ids are lower-cased UUIDs.
 */

export const ROLE_LABELS = { STAFF: "職員", SECRETARIAT: "事務局", ADMIN: "管理者" } as const;
export type RoleName = keyof typeof ROLE_LABELS;
const role = z.enum(["STAFF", "SECRETARIAT", "ADMIN"], { error: "役割を選んでください" });

/** How long an invitation link can be used (no mail yet: the admin hands the link over). */
export const INVITATION_TTL_DAYS = 7;

const optionalCode = (label: string, max: number) =>
  text()
    .transform((v) => v.normalize("NFKC").trim())
    .pipe(z.string().max(max, { error: `${label}は${max}文字以内で入力してください` }).regex(/^[0-9A-Za-z\-_.]*$/, { error: `${label}は半角の英数字で入力してください` }))
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** 職員番号 and 所属コード: half-width letters and digits (full-width input is folded); empty = none. */
export const employeeNumberSchema = optionalCode("職員番号", 40);
export const departmentCodeSchema = optionalCode("所属コード", 40);

/** An admin creates an account: it gets an invitation link instead of a password. */
export const inviteUserSchema = z.strictObject({
  email: z.email({ error: "メールアドレスの形式が正しくありません" }).trim().toLowerCase(),
  displayName: name("氏名", 100),
  employeeNumber: employeeNumberSchema,
  departmentId: uuidOf("所属"),
  role,
});
export type InviteUserInput = z.input<typeof inviteUserSchema>;

/** The invitee chooses a password on /invite/:token. */
export const acceptInvitationSchema = z
  .strictObject({
    token: text().min(16, { error: "招待リンクが正しくありません" }).max(200, { error: "招待リンクが正しくありません" }),
    password: newPassword(),
    confirmPassword: text(),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "確認用のパスワードが一致しません" });
  });
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

export const changeRoleSchema = z.strictObject({ userId: uuidOf("利用者"), role });

/** 利用者一覧: search by 氏名, メール or 職員番号; filter by 課, role, active. */
export const userListSchema = z.strictObject({
  search: text().max(100, { error: "検索語は100文字以内で入力してください" }).optional(),
  departmentId: uuidOf("所属").optional(),
  role: role.optional(),
  active: z.boolean().optional(),
  first: z.number().int().min(1).max(100).default(50),
  offset: z.number().int().min(0).default(0),
});

/** A new 局・部・課. */
export const departmentInputSchema = z.strictObject({
  name: name("名称", 100),
  parentId: uuidOf("上位の組織").nullable().optional(),
  code: departmentCodeSchema,
});
export type DepartmentInput = z.input<typeof departmentInputSchema>;

/** Rename, move, set 所属コード: absent fields stay as they are (parentId null = to the top). */
export const departmentUpdateSchema = z.strictObject({
  name: name("名称", 100).optional(),
  parentId: uuidOf("上位の組織").nullable().optional(),
  code: departmentCodeSchema,
});
export type DepartmentUpdate = z.input<typeof departmentUpdateSchema>;

const effectiveDate = z.iso.date({ error: "施行日は YYYY-MM-DD の形式で入力してください" });

/** 組織改正（統合）: sources are absorbed into an existing 課 (targetId) or a new one (newName, newParentId). */
export const mergeDepartmentsSchema = z
  .strictObject({
    sourceIds: z.array(uuidOf("統合する課")).min(1, { error: "統合する課を選んでください" }).max(20),
    targetId: uuidOf("統合先の課").nullable().optional(),
    newName: name("新しい課の名称", 100).nullable().optional(),
    newParentId: uuidOf("新しい課の上位の組織").nullable().optional(),
    newCode: departmentCodeSchema,
    effectiveDate,
  })
  .superRefine((v, ctx) => {
    if (!v.targetId && !v.newName) ctx.addIssue({ code: "custom", path: ["targetId"], message: "統合先の課を選ぶか、新しい課の名称を入力してください" });
    if (v.targetId && v.newName) ctx.addIssue({ code: "custom", path: ["newName"], message: "統合先は既存の課か新しい課のどちらか一方にしてください" });
    if (v.targetId && v.sourceIds.includes(v.targetId)) ctx.addIssue({ code: "custom", path: ["targetId"], message: "統合先に統合元の課は選べません" });
    if (new Set(v.sourceIds).size !== v.sourceIds.length) ctx.addIssue({ code: "custom", path: ["sourceIds"], message: "同じ課が2回選ばれています" });
  });
export type MergeDepartmentsInput = z.input<typeof mergeDepartmentsSchema>;

/** 組織改正（分割）: a 課 becomes new 課; each case goes where `assignments` says, the rest to the first. */
export const splitDepartmentSchema = z
  .strictObject({
    sourceId: uuidOf("分割する課"),
    newDepartments: z
      .array(z.strictObject({ name: name("新しい課の名称", 100), code: departmentCodeSchema }))
      .min(2, { error: "分割後の課を2つ以上入力してください" })
      .max(10),
    assignments: z.array(z.strictObject({ caseId: uuidOf("好事例"), index: z.number().int().min(0) })).max(10_000).default([]),
    effectiveDate,
  })
  .superRefine((v, ctx) => {
    v.assignments.forEach((a, i) => {
      if (a.index >= v.newDepartments.length) ctx.addIssue({ code: "custom", path: ["assignments", i, "index"], message: "分割後の課の番号が正しくありません" });
    });
  });
export type SplitDepartmentInput = z.input<typeof splitDepartmentSchema>;

/** 「〇〇課は2027年4月1日に△△課へ統合されました」: dates as people read them. */
export function japaneseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

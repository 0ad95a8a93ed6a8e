import { z } from "zod";
import { interchangeDateSchema, parseInterchangeDate } from "./case-dates.js";
import { CASE_KINDS, CASE_SHARINGS, CASE_STATUSES } from "./enums.js";
import { body, checkDetails, detailsInputSchema, effectsSchema, fiscalYearSchema, name, tagsSchema } from "./fields.js";
import { localGovernmentCodeSchema } from "./organisations.js";

/**
 * The case interchange format: one JSON object per line, used by seeds/, `kb import`
 * and exports. It is a public contract: extend it, never break it.
 */

export const externalIdSchema = z
  .string({ error: "externalId は文字列で入力してください" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    error: "externalId は英数字と . _ : - で128文字以内にしてください",
  });

export const interchangeCaseSchema = z
  .strictObject({
    externalId: externalIdSchema,
    /**
     * The 全国地方公共団体コード of the organisation the case belongs to (optional, extending §9).
     * Absent: the importer's own organisation (`kb import --organisation`, else the installation's;
     * on the admin screen, the admin's). externalIds are unique per organisation.
     */
    organisation: localGovernmentCodeSchema.optional(),
    kind: z.enum(CASE_KINDS, { error: `kind は ${CASE_KINDS.join(" / ")} のいずれかです` }),
    title: name("タイトル", 200),
    summary: body("概要", 2000).pipe(z.string().min(1, { error: "概要を入力してください" })),
    background: body("背景・課題", 20000).default(""),
    actions: body("取組内容", 20000).default(""),
    results: body("成果", 20000).default(""),
    tips: body("工夫・苦労した点", 20000).default(""),
    department: name("所属", 100),
    /** Ancestors of the department from the top (局, 部), optional: extends §9 without breaking it. */
    departmentPath: z.array(name("上位組織", 100)).max(5).optional(),
    fiscalYear: fiscalYearSchema,
    tags: tagsSchema,
    effects: effectsSchema,
    status: z.enum(CASE_STATUSES, { error: `status は ${CASE_STATUSES.join(" / ")} のいずれかです` }).default("DRAFT"),
    /**
     * 公開範囲 (optional, extending §9): ORGANISATION (庁内限定) or COMMONS (自治体間で共有). Absent: a new
     * case gets its organisation's default (COMMONS where it reads publicly), a stored one keeps its own.
     */
    sharing: z.enum(CASE_SHARINGS, { error: `sharing は ${CASE_SHARINGS.join(" / ")} のいずれかです` }).optional(),
    details: detailsInputSchema,
    /**
     * The case's own dates (optional, extending §9): 公開日 and 最終更新. Without them an import dates a
     * published case within its 年度 (publicationDateInFiscalYear), not on the day of the import.
     */
    publishedAt: interchangeDateSchema("publishedAt").optional(),
    updatedAt: interchangeDateSchema("updatedAt").optional(),
  })
  .superRefine(checkDetails)
  .superRefine((value, ctx) => {
    const published = value.publishedAt && parseInterchangeDate(value.publishedAt);
    const updated = value.updatedAt && parseInterchangeDate(value.updatedAt);
    if (published && updated && updated.getTime() < published.getTime()) {
      ctx.addIssue({ code: "custom", path: ["updatedAt"], message: "updatedAt は publishedAt 以降の日付にしてください" });
    }
  });

export type InterchangeCase = z.infer<typeof interchangeCaseSchema>;
export type InterchangeCaseInput = z.input<typeof interchangeCaseSchema>;

/** Human-readable issues ("tags.2: タグを入力してください") for CLI and API error reports. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join(".") : "(行全体)";
    return `${where}: ${issue.message}`;
  });
}

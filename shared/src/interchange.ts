import { z } from "zod";
import { CASE_KINDS, CASE_STATUSES } from "./enums.js";
import { detailsSchemaByKind } from "./details.js";
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from "./fiscal-year.js";
import { normalizeName, normalizeText } from "./normalize.js";

/**
 * The case interchange format (DESIGN §9): one JSON object per line, used by seeds/, `kb import`
 * and exports. It is a public contract: extend it, never break it.
 */

/** Missing → 「…を入力してください」; wrong type → 「…は文字列で…」. */
const stringOf = (label: string) =>
  z.string({
    error: (issue) => (issue.input === undefined ? `${label}を入力してください` : `${label}は文字列で入力してください`),
  });

const name = (label: string, max: number) =>
  stringOf(label)
    .transform(normalizeName)
    .pipe(
      z
        .string()
        .min(1, { error: `${label}を入力してください` })
        .max(max, { error: `${label}は${max}文字以内で入力してください` }),
    );

const body = (label: string, max: number) =>
  stringOf(label)
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().max(max, { error: `${label}は${max}文字以内で入力してください` }));

export const effectSchema = z.strictObject({
  label: name("効果の項目", 100),
  before: z.number({ error: "導入前の値は数値で入力してください" }).finite().nullable().optional(),
  after: z.number({ error: "導入後の値は数値で入力してください" }).finite().nullable().optional(),
  unit: z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(30, { error: "単位は30文字以内で入力してください" }))
    .optional(),
});
export type Effect = z.infer<typeof effectSchema>;

export const externalIdSchema = z
  .string({ error: "externalId は文字列で入力してください" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    error: "externalId は英数字と . _ : - で128文字以内にしてください",
  });

export const interchangeCaseSchema = z
  .strictObject({
    externalId: externalIdSchema,
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
    fiscalYear: z
      .number({
        error: (issue) =>
          issue.input === undefined ? "年度を入力してください" : "年度は数値（西暦、例: 2024）で入力してください",
      })
      .int({ error: "年度は整数で入力してください" })
      .min(MIN_FISCAL_YEAR, { error: `年度は${MIN_FISCAL_YEAR}以降で入力してください` })
      .max(MAX_FISCAL_YEAR, { error: `年度は${MAX_FISCAL_YEAR}以前で入力してください` }),
    tags: z
      .array(name("タグ", 50))
      .max(30, { error: "タグは30個までです" })
      .default([])
      .transform((tags) => dedupeByKey(tags)),
    effects: z.array(effectSchema).max(20, { error: "定量効果は20行までです" }).default([]),
    status: z.enum(CASE_STATUSES, { error: `status は ${CASE_STATUSES.join(" / ")} のいずれかです` }).default("DRAFT"),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.details) return;
    const parsed = detailsSchemaByKind[value.kind].safeParse(value.details);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ ...issue, path: ["details", ...issue.path] } as never);
      }
    }
  });

export type InterchangeCase = z.infer<typeof interchangeCaseSchema>;
export type InterchangeCaseInput = z.input<typeof interchangeCaseSchema>;

function dedupeByKey(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Human-readable issues ("tags.2: タグを入力してください") for CLI and API error reports. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join(".") : "(行全体)";
    return `${where}: ${issue.message}`;
  });
}

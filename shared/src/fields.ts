import { z } from "zod";
import { detailsSchemaByKind } from "./details.js";
import type { CaseKind } from "./enums.js";
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from "./fiscal-year.js";
import { mixedScriptWord, normalizeName, normalizeText } from "./normalize.js";
import { text } from "./text.js";

/** Field schemas shared by the interchange format and the case form. Messages are Japanese. */

// Any message a schema does not spell out itself comes in Japanese too (server and browser alike).
z.config(z.locales.ja());

/** Missing → 「…を入力してください」; wrong type → 「…は文字列で…」. */
export const stringOf = (label: string) =>
  text({
    error: (issue) => (issue.input === undefined ? `${label}を入力してください` : `${label}は文字列で入力してください`),
  });

/** A name as stored (normalizeName), 1–`max` characters, no word imitating Latin with look-alike letters. */
export const name = (label: string, max: number) =>
  stringOf(label)
    .transform(normalizeName)
    .pipe(
      z
        .string()
        .min(1, { error: `${label}を入力してください` })
        .max(max, { error: `${label}は${max}文字以内で入力してください` })
        .check(refuseLookalikes(label)),
    );

/** Refuses a word mixing Latin letters with Cyrillic or Greek look-alikes (see `mixedScriptWord`). */
export function refuseLookalikes(label: string) {
  return z.superRefine<string>((value, ctx) => {
    const mixed = mixedScriptWord(value);
    if (mixed) {
      ctx.addIssue({
        code: "custom",
        message: `${label}の「${mixed.word}」に、英字によく似た別の文字「${mixed.letter}」（キリル文字またはギリシャ文字）が混ざっています。英字で入力し直してください`,
      });
    }
  });
}

/** Prose as the author wrote it (full-width brackets stay); only trimmed. Search normalises its own copy. */
export const body = (label: string, max: number) =>
  stringOf(label)
    .transform((s) => s.trim())
    .pipe(z.string().max(max, { error: `${label}は${max}文字以内で入力してください` }));

/**
 * The largest size an effect value may have (1兆). Generous for any count, time or yen amount a city
 * reports, and small enough that differences, ×12 and × annual volumes stay finite: ±1.7e308 was
 * accepted once and made the dashboard's sums Infinity, which GraphQL cannot send.
 */
export const EFFECT_VALUE_LIMIT = 1e12;

const effectValue = (label: string) =>
  z
    .number({ error: `${label}は数値で入力してください` })
    .min(-EFFECT_VALUE_LIMIT, { error: `${label}は−1兆から1兆までの数値で入力してください` })
    .max(EFFECT_VALUE_LIMIT, { error: `${label}は−1兆から1兆までの数値で入力してください` });

export const effectSchema = z.strictObject({
  label: name("効果の項目", 100),
  before: effectValue("導入前の値").nullable().optional(),
  after: effectValue("導入後の値").nullable().optional(),
  unit: text()
    .transform(normalizeText)
    .pipe(z.string().max(30, { error: "単位は30文字以内で入力してください" }))
    .optional(),
});
export type Effect = z.infer<typeof effectSchema>;

export const fiscalYearSchema = z
  .number({
    error: (issue) =>
      issue.input === undefined ? "年度を入力してください" : "年度は数値（西暦、例: 2024）で入力してください",
  })
  .int({ error: "年度は整数で入力してください" })
  .min(MIN_FISCAL_YEAR, { error: `年度は${MIN_FISCAL_YEAR}以降で入力してください` })
  .max(MAX_FISCAL_YEAR, { error: `年度は${MAX_FISCAL_YEAR}以前で入力してください` });

export const tagsSchema = z
  .array(name("タグ", 50))
  .max(30, { error: "タグは30個までです" })
  .default([])
  .transform((tags) => dedupeByKey(tags));

export const effectsSchema = z.array(effectSchema).max(20, { error: "定量効果は20行までです" }).default([]);

export const detailsInputSchema = z.record(z.string(), z.unknown()).optional();

function dedupeByKey(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Validates `details` against the kind's own schema, reporting issues under details.<field>. */
export function checkDetails(value: { kind: CaseKind; details?: Record<string, unknown> | null }, ctx: z.RefinementCtx): void {
  if (!value.details) return;
  const parsed = detailsSchemaByKind[value.kind].safeParse(value.details);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ ...issue, path: ["details", ...issue.path] } as never);
    }
  }
}

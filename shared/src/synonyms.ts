import { z } from "zod";
import { refuseLookalikes } from "./fields.js";
import { normalizeName, normalizeText } from "./normalize.js";
import { text } from "./text.js";

/**
 * Search synonyms curated by the secretariat (事務局). A group is either EQUIVALENT (every term finds
 * every other: キントーン ⇔ kintone) or ONE_WAY (the first term also finds the others, not the
 * reverse: 残業 → 時間外勤務). Terms are NFKC-normalised, so ＣｈａｔＧＰＴ and ChatGPT are one term.
 */
export const SYNONYM_MODES = ["EQUIVALENT", "ONE_WAY"] as const;
export type SynonymMode = (typeof SYNONYM_MODES)[number];

export const SYNONYM_MODE_LABELS: Record<SynonymMode, string> = {
  EQUIVALENT: "相互（どの語からでも互いに見つかる）",
  ONE_WAY: "一方向（最初の語から残りの語が見つかる）",
};

export const SYNONYM_TERM_MAX = 50;
export const SYNONYM_TERMS_MAX = 20;

const term = text({ error: "語は文字列で入力してください" })
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, { error: "空の語は登録できません" })
      .max(SYNONYM_TERM_MAX, { error: `語は${SYNONYM_TERM_MAX}文字以内で入力してください` })
      .refine((t) => !/[\uE000\uE001]/.test(t), { error: "使えない文字が含まれています" })
      .check(refuseLookalikes("語")),
  );

export const synonymGroupInputSchema = z
  .strictObject({
    mode: z.enum(SYNONYM_MODES, { error: `mode は ${SYNONYM_MODES.join(" / ")} のいずれかです` }).default("EQUIVALENT"),
    terms: z
      .array(term, { error: "語の一覧を入力してください" })
      .min(2, { error: "2語以上を入力してください" })
      .max(SYNONYM_TERMS_MAX, { error: `1つのグループに登録できるのは${SYNONYM_TERMS_MAX}語までです` }),
    note: text()
      .transform(normalizeText)
      .pipe(z.string().max(500, { error: "メモは500文字以内で入力してください" }))
      .optional(),
  })
  .superRefine((value, ctx) => {
    const seen = new Map<string, number>();
    value.terms.forEach((t, i) => {
      const key = t.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["terms", i], message: `「${t}」が重複しています（${first + 1}番目と同じ）` });
      } else {
        seen.set(key, i);
      }
    });
  });

export type SynonymGroupInput = z.infer<typeof synonymGroupInputSchema>;
export type SynonymGroupInputRaw = z.input<typeof synonymGroupInputSchema>;

export interface SynonymGroupTerms {
  mode: SynonymMode;
  terms: readonly string[];
}

/** A group as the secretariat reads it: 残業 → 時間外勤務, キントーン ⇔ kintone. */
export function synonymGroupLabel(group: SynonymGroupTerms): string {
  return group.terms.join(group.mode === "ONE_WAY" ? " → " : " ⇔ ");
}

const termKey = (t: string) => normalizeText(t).toLowerCase();
const within = (terms: readonly string[], holder: readonly string[]) => {
  const keys = new Set(holder.map(termKey));
  return terms.every((t) => keys.has(termKey(t)));
};

/**
 * The existing group of the same kind that already says everything `group` says (its terms equal
 * or are contained in it), or null. Such a group adds nothing to search and was listed twice.
 * EQUIVALENT: every term is in one existing EQUIVALENT group. ONE_WAY: the same first term, and
 * every other term among that group's other terms.
 */
export function coveringSynonymGroup<G extends SynonymGroupTerms & { id?: string }>(
  group: SynonymGroupTerms,
  existing: readonly G[],
  exceptId?: string,
): G | null {
  return (
    existing.find((other) => {
      if (other.id !== undefined && other.id === exceptId) return false;
      if (other.mode !== group.mode) return false;
      if (group.mode === "EQUIVALENT") return within(group.terms, other.terms);
      const [source, ...targets] = group.terms;
      const [otherSource, ...otherTargets] = other.terms;
      return source !== undefined && otherSource !== undefined && termKey(source) === termKey(otherSource) && within(targets, otherTargets);
    }) ?? null
  );
}

/** Why `group` is refused when `covering` already says it (shown on the terms field). */
export function duplicateSynonymGroupMessage(group: SynonymGroupTerms, covering: SynonymGroupTerms): string {
  const same = covering.terms.length === group.terms.length;
  return same
    ? `同じ同義語グループ「${synonymGroupLabel(covering)}」がすでに登録されています。変えたいときは、そのグループを編集してください。`
    : `入力した語はすべて、登録済みの同義語グループ「${synonymGroupLabel(covering)}」に含まれています。語を足したいときは、そのグループを編集してください。`;
}

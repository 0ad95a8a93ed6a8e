import { z } from "zod";
import { name } from "./fields.js";
import { text } from "./text.js";
import { ORGANISATION_KINDS, PREFECTURES, type Prefecture } from "./organisation-terms.js";

export * from "./organisation-terms.js";

/**
 * The check digit of a 全国地方公共団体コード: weights 6,5,4,3,2 over the first five digits,
 * check = (11 − sum mod 11) mod 10. E.g. 13000 → 1 (東京都 130001), 28214 → 6 (宝塚市 282146).
 */
export function localGovernmentCheckDigit(firstFive: string): number {
  if (!/^\d{5}$/.test(firstFive)) throw new Error(`five digits expected: ${firstFive}`);
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(firstFive[i]), 0);
  return (11 - (sum % 11)) % 10;
}

/** True for six digits whose last is the check digit of the first five and whose first two are a 都道府県コード. */
export function isLocalGovernmentCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const prefecture = Number(code.slice(0, 2));
  if (prefecture < 1 || prefecture > PREFECTURES.length) return false;
  return localGovernmentCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** The 都道府県 a 団体コード belongs to (its first two digits). */
export function prefectureOfCode(code: string): Prefecture | null {
  const n = Number(code.slice(0, 2));
  return PREFECTURES[n - 1] ?? null;
}

/** 全国地方公共団体コード: full-width digits are accepted and folded (NFKC). */
export const localGovernmentCodeSchema = text({ error: "団体コードを入力してください" })
  .transform((v) => v.normalize("NFKC").trim())
  .refine((v) => /^\d{6}$/.test(v), { error: "団体コードは6桁の数字で入力してください", abort: true })
  .refine(isLocalGovernmentCode, { error: "団体コードの検査数字（6桁目）が正しくありません" });

const isoDate = z.iso.date({ error: "基準日は YYYY-MM-DD の形式で入力してください" });

/** An organisation as an operator creates it (GraphQL createOrganisation, `kb organisation create`). */
export const organisationInputSchema = z
  .strictObject({
    name: name("団体名", 100),
    kana: name("団体名（かな）", 200),
    prefecture: z.enum(PREFECTURES, { error: "都道府県を選んでください" }),
    kind: z.enum(ORGANISATION_KINDS, { error: "団体の種類を選んでください" }),
    code: localGovernmentCodeSchema,
    population: z.int({ error: "人口は整数で入力してください" }).min(0, { error: "人口は0以上で入力してください" }).max(50_000_000).nullable().default(null),
    populationAsOf: isoDate.nullable().default(null),
    publicReading: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (prefectureOfCode(v.code) !== v.prefecture) {
      ctx.addIssue({ code: "custom", path: ["code"], message: `団体コードの上2桁が${v.prefecture}のものではありません` });
    }
    if ((v.population === null) !== (v.populationAsOf === null)) {
      ctx.addIssue({ code: "custom", path: ["populationAsOf"], message: "人口と基準日は両方入力してください" });
    }
  });

export type OrganisationInput = z.input<typeof organisationInputSchema>;
export type OrganisationData = z.output<typeof organisationInputSchema>;

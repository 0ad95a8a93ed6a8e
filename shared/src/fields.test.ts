import { describe, expect, it } from "vitest";
import { adoptionRecordSchema, caseDraftSchema, EFFECT_VALUE_LIMIT } from "./index.js";

/**
 * Issue 12: effects of ±1.7e308 were accepted and, once published, made the dashboard's sums
 * Infinity (the whole query failed). One shared schema refuses them for the form, the API and imports.
 */
describe("effect values", () => {
  const draft = { kind: "PRACTICE", title: "窓口", fiscalYear: 2024 };
  const issues = (input: unknown) =>
    caseDraftSchema.safeParse({ ...draft, effects: [input] }).error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

  it("refuses absurd and non-finite numbers with a Japanese field error", () => {
    expect(issues({ label: "処理時間", before: 1.7e308, after: 1 })).toEqual([["effects.0.before", "導入前の値は−1兆から1兆までの数値で入力してください"]]);
    expect(issues({ label: "処理時間", before: 1, after: -1.7e308 })).toEqual([["effects.0.after", "導入後の値は−1兆から1兆までの数値で入力してください"]]);
    expect(issues({ label: "処理時間", before: Number.POSITIVE_INFINITY })).toHaveLength(1);
    expect(issues({ label: "処理時間", after: Number.NaN })).toHaveLength(1);
    expect(issues({ label: "処理時間", before: EFFECT_VALUE_LIMIT * 1.5 })).toHaveLength(1);
  });

  it("keeps every realistic value: counts, minutes, yen, negatives and fractions", () => {
    expect(issues({ label: "予算", before: EFFECT_VALUE_LIMIT, after: 3_500_000_000, unit: "円" })).toEqual([]);
    expect(issues({ label: "満足度", before: -2.5, after: 0.75, unit: "点" })).toEqual([]);
    expect(issues({ label: "処理時間", before: null, after: 8, unit: "分/件" })).toEqual([]);
  });

  it("applies to adoptions' effects too (the same schema)", () => {
    const parsed = adoptionRecordSchema.safeParse({
      caseId: "8a0c3f0e-7c59-4d55-9a55-3c6d1b6c0d11",
      status: "TRIAL",
      effects: [{ label: "件数", before: 1e300 }],
    });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["effects.0.before"]);
  });
});

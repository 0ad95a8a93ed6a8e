import { describe, expect, it } from "vitest";
import {
  isLocalGovernmentCode,
  localGovernmentCheckDigit,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  organisationInputSchema,
  PREFECTURES,
  prefectureOfCode,
} from "./organisations.js";

describe("全国地方公共団体コード", () => {
  it.each([
    ["130001", "東京都"],
    ["011002", "札幌市"],
    ["282146", "宝塚市"],
    ["271004", "大阪市"],
    ["131016", "千代田区"],
  ])("accepts %s (%s)", (code) => {
    expect(isLocalGovernmentCode(code)).toBe(true);
    expect(localGovernmentCheckDigit(code.slice(0, 5))).toBe(Number(code[5]));
  });

  it("refuses a wrong check digit, a wrong length and a prefecture number outside 01–47", () => {
    expect(isLocalGovernmentCode("130002")).toBe(false);
    expect(isLocalGovernmentCode("28214")).toBe(false);
    expect(isLocalGovernmentCode("2821460")).toBe(false);
    expect(isLocalGovernmentCode("000000")).toBe(false);
    // 48 is no prefecture, even with a correct check digit.
    expect(isLocalGovernmentCode(`48000${localGovernmentCheckDigit("48000")}`)).toBe(false);
  });

  it("knows the prefecture from the first two digits", () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(prefectureOfCode("130001")).toBe("東京都");
    expect(prefectureOfCode("011002")).toBe("北海道");
    expect(prefectureOfCode("472018")).toBe("沖縄県");
  });
});

describe("organisationInputSchema", () => {
  const valid = { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: "282146", population: 224000, populationAsOf: "2025-04-01" };

  it("accepts a whole organisation and folds a full-width code", () => {
    const parsed = organisationInputSchema.parse({ ...valid, code: "２８２１４６" });
    expect(parsed).toMatchObject({ code: "282146", publicReading: false, population: 224000 });
  });

  it("says in Japanese what is wrong, field by field", () => {
    const result = organisationInputSchema.safeParse({ ...valid, code: "282147", kind: "CITYISH" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages.code).toBe("団体コードの検査数字（6桁目）が正しくありません");
    expect(messages.kind).toBe("団体の種類を選んでください");
  });

  it("refuses a code of another prefecture and a population without its date", () => {
    const result = organisationInputSchema.safeParse({ ...valid, prefecture: "大阪府", populationAsOf: null });
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["code", "populationAsOf"]));
  });

  it("labels every kind in Japanese", () => {
    expect(ORGANISATION_KINDS.map((k) => ORGANISATION_KIND_LABELS[k])).toEqual([
      "都道府県", "政令指定都市", "中核市", "一般市", "特別区", "町", "村", "一部事務組合・広域連合",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { fiscalYearOf, formatFiscalYear, formatWarekiFiscalYear, parseFiscalYear } from "./fiscal-year.js";
import { nameKey, normalizeText } from "./normalize.js";

describe("年度 and 和暦", () => {
  it.each([
    [2024, "令和6年度"],
    [2019, "令和元年度"],
    [2018, "平成30年度"],
    [1989, "平成元年度"],
    [1988, "1988年度"],
  ])("formats %i as %s", (year, expected) => {
    expect(formatWarekiFiscalYear(year)).toBe(expected);
  });

  it("shows both calendars", () => {
    expect(formatFiscalYear(2024)).toBe("令和6年度（2024年度）");
  });

  it("puts January–March in the previous fiscal year", () => {
    expect(fiscalYearOf(new Date(2025, 2, 31))).toBe(2024);
    expect(fiscalYearOf(new Date(2025, 3, 1))).toBe(2025);
  });

  it.each([
    ["2024", 2024],
    ["２０２４年度", 2024],
    ["R6", 2024],
    ["r6", 2024],
    ["令和6年度", 2024],
    ["令和元年度", 2019],
    ["H30", 2018],
    ["平成30年", 2018],
    [2023, 2023],
  ] as const)("reads %s as %i", (input, expected) => {
    expect(parseFiscalYear(input)).toBe(expected);
  });

  it.each(["", "昭和60年度", "R", "20245", "令和"])("does not guess %s", (input) => {
    expect(parseFiscalYear(input)).toBeUndefined();
  });
});

describe("normalisation", () => {
  it("folds width and case", () => {
    expect(normalizeText("  ＣｈａｔＧＰＴ　活用 ")).toBe("ChatGPT 活用");
    expect(normalizeText("ｶﾅ")).toBe("カナ");
    expect(nameKey("Ｋｉｎｔｏｎｅ")).toBe(nameKey("kintone"));
  });
});

import { describe, expect, it } from "vitest";
import { parseInterchangeDate, publicationDateInFiscalYear } from "./case-dates.js";
import { fiscalYearOf } from "./fiscal-year.js";
import { interchangeCaseSchema } from "./interchange.js";

const japanDay = (d: Date) => d.toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });

describe("a case's publication date when its data gives none", () => {
  const now = new Date("2026-12-04T09:00:00Z");

  it("is the last day of its 年度, in Japan, for a year that has ended", () => {
    const d = publicationDateInFiscalYear(2021, now);
    expect(japanDay(d)).toBe("2022-03-31");
    expect(fiscalYearOf(new Date(d.getTime() + 9 * 3600_000))).toBe(2021); // 令和3年度
    expect(japanDay(publicationDateInFiscalYear(2024, now))).toBe("2025-03-31");
  });

  it("is the same calendar day from UTC−3 to UTC+14", () => {
    const d = publicationDateInFiscalYear(2023, now);
    for (const timeZone of ["America/Sao_Paulo", "UTC", "Asia/Tokyo", "Pacific/Kiritimati"]) {
      expect(d.toLocaleDateString("sv-SE", { timeZone })).toBe("2024-03-31");
    }
  });

  it("is never in the future: a 年度 still running gets now", () => {
    expect(publicationDateInFiscalYear(2026, now)).toEqual(now);
    expect(publicationDateInFiscalYear(2030, now)).toEqual(now);
  });

  it("keeps the order of the years: a later 年度 is never dated before an earlier one", () => {
    const dates = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => publicationDateInFiscalYear(y, now).getTime());
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
  });
});

describe("dates in the interchange format", () => {
  it("reads a day as noon in Japan and a date-time with its offset", () => {
    expect(parseInterchangeDate("2024-06-14")?.toISOString()).toBe("2024-06-14T03:00:00.000Z");
    expect(parseInterchangeDate("2024-06-14T09:30:00+09:00")?.toISOString()).toBe("2024-06-14T00:30:00.000Z");
    expect(parseInterchangeDate("2024-06-14T00:30:00Z")?.toISOString()).toBe("2024-06-14T00:30:00.000Z");
  });

  it.each(["2024-02-30", "2024-13-01", "2024/06/14", "令和6年6月14日", "2024-06-14T09:30:00", ""])("refuses %j", (value) => {
    expect(parseInterchangeDate(value)).toBeNull();
  });

  const line = { externalId: "d-1", kind: "PRACTICE", title: "題", summary: "概要", department: "市民課", fiscalYear: 2023, tags: [], effects: [] };

  it("lets a line carry publishedAt and updatedAt, and works without them as before", () => {
    expect(interchangeCaseSchema.safeParse(line).success).toBe(true);
    const dated = interchangeCaseSchema.safeParse({ ...line, publishedAt: "2023-10-02", updatedAt: "2024-01-15T10:00:00+09:00" });
    expect(dated.success).toBe(true);
  });

  it("refuses a malformed date, a future one, and an update before the publication", () => {
    const issues = (extra: object) => {
      const parsed = interchangeCaseSchema.safeParse({ ...line, ...extra });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ publishedAt: "2023/10/02" })).toEqual([
      "publishedAt: publishedAt は日付（例 2024-06-14）か、時差付きの日時（例 2024-06-14T09:30:00+09:00）で入力してください",
    ]);
    expect(issues({ updatedAt: "2999-01-01" })).toEqual(["updatedAt: updatedAt に未来の日付は指定できません"]);
    expect(issues({ publishedAt: "2024-01-15", updatedAt: "2023-10-02" })).toEqual(["updatedAt: updatedAt は publishedAt 以降の日付にしてください"]);
  });
});

/**
 * 年度 (fiscal years, April–March) and 和暦 (Japanese era) helpers.
 * A fiscal year is named by the Western year in which it starts: 2024 = 令和6年度 = Apr 2024 – Mar 2025.
 */

interface Era {
  name: string;
  short: string;
  /** Western year of the era's first (partial) year, which is year 1 (元年). */
  firstYear: number;
}

// Newest first. 令和 began on 2019-05-01, but FY2019 is conventionally called 令和元年度.
const ERAS: readonly Era[] = [
  { name: "令和", short: "R", firstYear: 2019 },
  { name: "平成", short: "H", firstYear: 1989 },
];

export const MIN_FISCAL_YEAR = 1989;
export const MAX_FISCAL_YEAR = 2100;

function eraOf(year: number): Era | undefined {
  return ERAS.find((era) => year >= era.firstYear);
}

/** 2024 → "令和6年度", 2019 → "令和元年度", 2018 → "平成30年度". */
export function formatWarekiFiscalYear(fiscalYear: number): string {
  const era = eraOf(fiscalYear);
  if (!era) return `${fiscalYear}年度`;
  const n = fiscalYear - era.firstYear + 1;
  return `${era.name}${n === 1 ? "元" : n}年度`;
}

/** 2024 → "令和6年度（2024年度）": both calendars, as staff read them in reports. */
export function formatFiscalYear(fiscalYear: number): string {
  return `${formatWarekiFiscalYear(fiscalYear)}（${fiscalYear}年度）`;
}

/** The fiscal year a date falls in: 2025-03-31 → 2024, 2025-04-01 → 2025. */
export function fiscalYearOf(date: Date): number {
  const month = date.getMonth(); // 0 = January
  return month < 3 ? date.getFullYear() - 1 : date.getFullYear();
}

/**
 * Reads the ways staff write a fiscal year: "2024", "2024年度", "R6", "令和6年度", "令和元年度",
 * "H30", "平成30年度", full-width digits too. Returns undefined for anything else.
 */
export function parseFiscalYear(input: string | number): number | undefined {
  if (typeof input === "number") return Number.isInteger(input) ? input : undefined;
  const text = input.normalize("NFKC").replace(/\s+/g, "").replace(/年度?$/, "");
  if (/^\d{4}$/.test(text)) return Number(text);
  for (const era of ERAS) {
    const match = new RegExp(`^(?:${era.name}|${era.short}|${era.short.toLowerCase()})(元|\\d{1,2})$`).exec(text);
    if (match) {
      const n = match[1] === "元" ? 1 : Number(match[1]);
      return era.firstYear + n - 1;
    }
  }
  return undefined;
}

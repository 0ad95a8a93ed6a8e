import { z } from "zod";

/**
 * A case's own dates in the interchange format: when it was published (公開日) and last
 * changed (最終更新). Optional fields that extend the format (interchange.ts) without breaking it. A line may give a day
 * ("2024-06-14", read as noon Japan time, so it is the same day wherever it is shown) or an ISO
 * date-time with its offset ("2024-06-14T09:30:00+09:00"). Dates in the future are refused.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Noon in Japan (03:00 UTC) of a calendar day: the same date in every time zone from UTC−3 to UTC+14. */
function noonInJapan(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day, 3));
}

/** The instant an interchange date names, or null when it is not one (a bad form or a day that does not exist). */
export function parseInterchangeDate(value: string): Date | null {
  const day = DAY.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const at = noonInJapan(year, month, date);
    // 2024-02-30 rolls over to March: not a day.
    return at.getUTCMonth() === month - 1 && at.getUTCDate() === date ? at : null;
  }
  if (!DATE_TIME.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export const interchangeDateSchema = (field: string) =>
  z
    .string({ error: `${field} は日付（例 2024-06-14）で入力してください` })
    .refine((value) => parseInterchangeDate(value) !== null, { error: `${field} は日付（例 2024-06-14）か、時差付きの日時（例 2024-06-14T09:30:00+09:00）で入力してください` })
    .refine((value) => (parseInterchangeDate(value)?.getTime() ?? 0) <= Date.now(), { error: `${field} に未来の日付は指定できません` });

/**
 * The publication date of a case whose data gives none: the last day of its 年度 (31 March, when the
 * year's results are in and reported), or `now` when that day has not come yet. So a 令和3年度 case
 * imported today is dated 2022-03-31 and never shows as 新着 ahead of this year's cases.
 */
export function publicationDateInFiscalYear(fiscalYear: number, now: Date): Date {
  const endOfYear = noonInJapan(fiscalYear + 1, 3, 31);
  return endOfYear.getTime() < now.getTime() ? endOfYear : now;
}

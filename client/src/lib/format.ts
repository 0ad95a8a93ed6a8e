/** Dates as staff read them, in Japan time whatever the PC's zone: 2026年11月21日 / 2026年11月21日 14:05. */
const dateFormat = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: "Asia/Tokyo" });
const dateTimeFormat = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Tokyo" });

function format(iso: string, formatter: Intl.DateTimeFormat): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

export const formatDate = (iso: string) => format(iso, dateFormat);
export const formatDateTime = (iso: string) => format(iso, dateTimeFormat);

/** 和暦 with the time, as official letters date things: 令和8年12月4日 14:05 (Japan time). */
const warekiDateTimeFormat = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: "Asia/Tokyo",
});
export const formatWarekiDateTime = (iso: string) => format(iso, warekiDateTimeFormat);

/** 和暦 of a calendar day: 令和9年3月31日. */
const warekiDateFormat = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Tokyo" });
export const formatWarekiDate = (iso: string) => format(iso, warekiDateFormat);

/** A calendar day (YYYY-MM-DD, as 期限 are kept) both ways: 2027年3月31日（令和9年3月31日）. */
export function formatDay(day: string): string {
  const at = `${day}T12:00:00+09:00`;
  return `${formatDate(at)}（${formatWarekiDate(at)}）`;
}

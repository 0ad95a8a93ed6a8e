import { annualVolumeOf, EFFECT_VALUE_LIMIT, type Effect } from "@kb/shared";

/**
 * Quantified effects rolled up by 年度, computing only what the data says:
 *
 * - An effect row counts when it has both 導入前 and 導入後 and its unit is time (分 or 時間, as
 *   written: 分/件, 時間/月 …). The reduction is 導入前 − 導入後 (negative = it took longer).
 *   日 is left out of the hours: it is mostly lead time (受付から通知までの日数), not time spent.
 * - It becomes hours per year only when the period is explicit:
 *     時間/年, 分/年           → as is
 *     時間/月, 分/月           → × 12
 *     分/件, 時間/件           → × the case's annual volume, only when the kintone details'
 *       recordVolume says 年間…件 (e.g. 年間約9,000件). No volume, no multiplication. A label such as
 *       「照会1件あたり」 with a bare 分 is not multiplied: its 件 need not be the records counted.
 * - Everything else with both values stays per unit, summed per 年度 and unit as written (分/件,
 *   分/日, 日, 分 …) and labelled as such; rows in other units (%, 人, 件 …) are only counted.
 * Nothing is estimated beyond that: no default volume, no working-days assumption.
 * A value the form would refuse (beyond ±EFFECT_VALUE_LIMIT, or not finite: rows written before that
 * check, or straight into the database) is not usable either, and neither is a yearly figure that
 * would not be finite: one such row once made every sum Infinity and the whole dashboard query fail.
 */

export interface EffectSource {
  caseId: string;
  title: string;
  fiscalYear: number;
  effects: Effect[];
  /** The kintone details' recordVolume, if any. */
  recordVolume: unknown;
}

export interface AnnualisedEffect {
  caseId: string;
  title: string;
  fiscalYear: number;
  label: string;
  before: number;
  after: number;
  unit: string;
  /** Hours per year saved (negative: added). */
  hoursPerYear: number;
  /** How it was computed, in Japanese: "(13 − 8) 分/件 × 年間 9,000件 ÷ 60". */
  basis: string;
}

export interface UnitReduction {
  fiscalYear: number;
  unit: string;
  /** Σ (導入前 − 導入後) in `unit`. */
  reduction: number;
  rows: number;
  cases: number;
}

export interface YearHours {
  fiscalYear: number;
  hoursPerYear: number;
  rows: number;
  cases: number;
}

export interface EffectsRollup {
  hoursByYear: YearHours[];
  annualised: AnnualisedEffect[];
  perUnit: UnitReduction[];
  /** Effect rows that could not be rolled up (a value missing, or not a time unit). */
  otherRows: number;
}

type Period = "year" | "month" | "item" | "none";

/** 分/件 → { minutes: 1, period: "item" }; 時間/月 → { 60, "month" }; anything else → null. */
export function parseTimeUnit(unit: string | null | undefined): { minutes: number; period: Period } | null {
  const u = (unit ?? "").normalize("NFKC").replace(/\s+/g, "");
  const match = /^(分|時間|h|min)(?:\/(.+))?$/u.exec(u);
  if (!match) return null;
  const minutes = match[1] === "時間" || match[1] === "h" ? 60 : 1;
  const per = match[2];
  const period: Period =
    per === "年" || per === "年度" ? "year" : per === "月" ? "month" : per === "件" ? "item" : "none";
  return { minutes, period };
}

/** A value the shared schema accepts: a finite number within ±EFFECT_VALUE_LIMIT. */
const usable = (v: unknown): v is number => typeof v === "number" && Math.abs(v) <= EFFECT_VALUE_LIMIT;
/**
 * Hours per year one row may add: far beyond any city (a million staff × 8,760 h is 1e10), and small
 * enough that any number of rows sums to a finite number.
 */
const MAX_HOURS_PER_ROW = 1e15;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number) => n.toLocaleString("ja-JP", { maximumFractionDigits: 2 });

export function rollUpEffects(sources: readonly EffectSource[]): EffectsRollup {
  const annualised: AnnualisedEffect[] = [];
  const perUnit = new Map<string, UnitReduction & { caseIds: Set<string> }>();
  let otherRows = 0;

  for (const source of sources) {
    const volume = annualVolumeOf(source.recordVolume);
    for (const e of source.effects) {
      const before = e.before ?? null;
      const after = e.after ?? null;
      const unit = (e.unit ?? "").trim();
      const time = parseTimeUnit(unit);
      if (!usable(before) || !usable(after)) {
        otherRows++;
        continue;
      }
      const reduction = before - after;
      const hours = (minutes: number) => (reduction * minutes) / 60;
      let perYear: number | null = null;
      let basis = "";
      if (time?.period === "year") {
        perYear = hours(time.minutes);
        basis = `(${fmt(before)} − ${fmt(after)}) ${unit}${time.minutes === 1 ? " ÷ 60" : ""}`;
      } else if (time?.period === "month") {
        perYear = hours(time.minutes) * 12;
        basis = `(${fmt(before)} − ${fmt(after)}) ${unit} × 12か月${time.minutes === 1 ? " ÷ 60" : ""}`;
      } else if (time?.period === "item" && volume !== null) {
        perYear = hours(time.minutes) * volume;
        basis = `(${fmt(before)} − ${fmt(after)}) ${unit} × 年間${fmt(volume)}件${time.minutes === 1 ? " ÷ 60" : ""}`;
      }
      if (perYear !== null && !(Math.abs(perYear) <= MAX_HOURS_PER_ROW)) {
        otherRows++;
        continue;
      }
      if (perYear !== null) {
        annualised.push({
          caseId: source.caseId,
          title: source.title,
          fiscalYear: source.fiscalYear,
          label: e.label,
          before,
          after,
          unit,
          hoursPerYear: round(perYear),
          basis,
        });
        continue;
      }
      // Time rows without an explicit period, and 日: per unit as written.
      if (time || /^日(\/.+)?$/u.test(unit.normalize("NFKC"))) {
        const key = `${source.fiscalYear}\u0000${unit}`;
        const row = perUnit.get(key) ?? { fiscalYear: source.fiscalYear, unit, reduction: 0, rows: 0, cases: 0, caseIds: new Set<string>() };
        row.reduction += reduction;
        row.rows++;
        row.caseIds.add(source.caseId);
        perUnit.set(key, row);
        continue;
      }
      otherRows++;
    }
  }

  const years = new Map<number, YearHours & { caseIds: Set<string> }>();
  for (const a of annualised) {
    const y = years.get(a.fiscalYear) ?? { fiscalYear: a.fiscalYear, hoursPerYear: 0, rows: 0, cases: 0, caseIds: new Set<string>() };
    y.hoursPerYear += a.hoursPerYear;
    y.rows++;
    y.caseIds.add(a.caseId);
    years.set(a.fiscalYear, y);
  }

  return {
    hoursByYear: [...years.values()]
      .map(({ caseIds, ...y }) => ({ ...y, hoursPerYear: round(y.hoursPerYear), cases: caseIds.size }))
      .sort((a, b) => a.fiscalYear - b.fiscalYear),
    annualised: annualised.sort((a, b) => a.fiscalYear - b.fiscalYear || b.hoursPerYear - a.hoursPerYear),
    perUnit: [...perUnit.values()]
      .map(({ caseIds, ...u }) => ({ ...u, reduction: round(u.reduction, 2), cases: caseIds.size }))
      .sort((a, b) => a.fiscalYear - b.fiscalYear || a.unit.localeCompare(b.unit, "ja")),
    otherRows,
  };
}

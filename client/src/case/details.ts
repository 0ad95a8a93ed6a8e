import type { CaseKind } from "@kb/shared";
import { messages as m } from "../messages";

/**
 * Kind-specific details (shared/src/details.ts) turned into labelled rows for a definition list.
 * `details` arrives as an untyped JSON object, so every value is checked before it is shown;
 * unknown or malformed fields are skipped rather than rendered raw.
 */
export interface DetailRow {
  label: string;
  value: string | string[];
}

type Json = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

const list = (v: unknown) => {
  if (!Array.isArray(v)) return undefined;
  const items = v.filter((x): x is string => typeof x === "string" && x.trim() !== "");
  return items.length > 0 ? items : undefined;
};

const yesNo = (v: unknown, labels: { true: string; false: string }) =>
  typeof v === "boolean" ? (v ? labels.true : labels.false) : undefined;

const oneOf = <K extends string>(v: unknown, labels: Record<K, string>) =>
  typeof v === "string" && Object.hasOwn(labels, v) ? labels[v as K] : undefined;

/** "2024-05-10" → "2024年5月10日"; anything else is shown as written. */
export function formatIsoDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

function rows(kind: CaseKind, d: Json): [string, string | string[] | undefined][] {
  const values = m.details.values;
  switch (kind) {
    case "KINTONE_APP": {
      const l = m.details.KINTONE_APP;
      return [
        [l.purpose, text(d["purpose"])],
        [l.mainFields, list(d["mainFields"])],
        [l.processSteps, list(d["processSteps"])],
        [l.plugins, list(d["plugins"])],
        [l.recordVolume, text(d["recordVolume"])],
        [l.runsOnLgwan, yesNo(d["runsOnLgwan"], values.runsOnLgwan)],
        [l.needsInternet, yesNo(d["needsInternet"], values.needsInternet)],
        [l.needsPlugins, yesNo(d["needsPlugins"], values.needsPlugins)],
      ];
    }
    case "WORKSHOP": {
      const l = m.details.WORKSHOP;
      const count = d["participantCount"];
      return [
        [l.dates, list(d["dates"])?.map(formatIsoDate)],
        [l.format, oneOf(d["format"], values.format)],
        [l.audience, text(d["audience"])],
        [l.participantCount, typeof count === "number" && Number.isFinite(count) ? values.participantCount(count) : undefined],
        [l.facilitator, text(d["facilitator"])],
        [l.programme, list(d["programme"])],
        [l.outcomes, text(d["outcomes"])],
        [l.voices, list(d["voices"])],
      ];
    }
    case "TALENT_LESSON": {
      const l = m.details.TALENT_LESSON;
      return [
        [l.advisor, text(d["advisor"])],
        [l.advisorRole, text(d["advisorRole"])],
        [l.engagement, oneOf(d["engagement"], values.engagement)],
        [l.lessonType, oneOf(d["lessonType"], values.lessonType)],
        [l.theme, text(d["theme"])],
        [l.howToApply, text(d["howToApply"])],
      ];
    }
    case "PRACTICE": {
      const l = m.details.PRACTICE;
      return [[l.tools, list(d["tools"])]];
    }
    default: {
      const unknownKind: never = kind;
      void unknownKind;
      return [];
    }
  }
}

export function detailRows(kind: CaseKind, details: unknown): DetailRow[] {
  if (details === null || typeof details !== "object" || Array.isArray(details)) return [];
  return rows(kind, details as Json).flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));
}

import { ENGAGEMENT_TYPES, LESSON_TYPES, WORKSHOP_FORMATS, type CaseKind } from "@kb/shared";
import { messages as m } from "../messages";

/**
 * The inputs for each kind's details (shared/src/details.ts). The form keeps every value as the
 * text the user typed; `formValues.ts` turns it into what the schema expects.
 */
export type DetailFieldType =
  | { type: "text"; maxLength: number }
  | { type: "textarea" }
  /** One item per line → string[]. */
  | { type: "list" }
  /** One YYYY-MM-DD per line → string[]. */
  | { type: "dates" }
  | { type: "integer" }
  /** "" (not answered) / "true" / "false" → boolean. */
  | { type: "boolean"; labels: { true: string; false: string } }
  | { type: "choice"; options: readonly { value: string; label: string }[] };

export type DetailField = DetailFieldType & { name: string; label: string };

const v = m.details.values;
const options = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

export function detailFieldsOf(kind: CaseKind): DetailField[] {
  switch (kind) {
    case "KINTONE_APP": {
      const l = m.details.KINTONE_APP;
      return [
        { name: "purpose", label: l.purpose, type: "textarea" },
        { name: "mainFields", label: l.mainFields, type: "list" },
        { name: "processSteps", label: l.processSteps, type: "list" },
        { name: "plugins", label: l.plugins, type: "list" },
        { name: "recordVolume", label: l.recordVolume, type: "text", maxLength: 200 },
        { name: "runsOnLgwan", label: l.runsOnLgwan, type: "boolean", labels: v.runsOnLgwan },
        { name: "needsInternet", label: l.needsInternet, type: "boolean", labels: v.needsInternet },
        { name: "needsPlugins", label: l.needsPlugins, type: "boolean", labels: v.needsPlugins },
      ];
    }
    case "WORKSHOP": {
      const l = m.details.WORKSHOP;
      return [
        { name: "dates", label: l.dates, type: "dates" },
        { name: "format", label: l.format, type: "choice", options: options(WORKSHOP_FORMATS, v.format) },
        { name: "audience", label: l.audience, type: "text", maxLength: 500 },
        { name: "participantCount", label: l.participantCount, type: "integer" },
        { name: "facilitator", label: l.facilitator, type: "text", maxLength: 200 },
        { name: "programme", label: l.programme, type: "list" },
        { name: "outcomes", label: l.outcomes, type: "textarea" },
        { name: "voices", label: l.voices, type: "list" },
      ];
    }
    case "TALENT_LESSON": {
      const l = m.details.TALENT_LESSON;
      return [
        { name: "advisor", label: l.advisor, type: "text", maxLength: 200 },
        { name: "advisorRole", label: l.advisorRole, type: "text", maxLength: 200 },
        { name: "engagement", label: l.engagement, type: "choice", options: options(ENGAGEMENT_TYPES, v.engagement) },
        { name: "lessonType", label: l.lessonType, type: "choice", options: options(LESSON_TYPES, v.lessonType) },
        { name: "theme", label: l.theme, type: "text", maxLength: 200 },
        { name: "howToApply", label: l.howToApply, type: "textarea" },
      ];
    }
    case "PRACTICE":
      return [{ name: "tools", label: m.details.PRACTICE.tools, type: "list" }];
    default: {
      const unknownKind: never = kind;
      void unknownKind;
      return [];
    }
  }
}

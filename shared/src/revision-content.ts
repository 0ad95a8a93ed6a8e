import { caseTextOf, type CaseContentOf } from "./case-content.js";
import { nameKey } from "./normalize.js";

/**
 * What a save of a case means, as opposed to how it was typed. A save that reorders tags or adds
 * spaces at the end of a line changes nothing a reader sees, so it is no new version: the server
 * records no revision for it (server/src/cases/case-workflow.service.ts) and the history's diff
 * shows no change for it (client/src/case/revisionDiff.ts). Both sides compare through here.
 */
export type RevisionContentInput = CaseContentOf<string, unknown>;

/** Line ends made \n, white space at the end of each line and at the start and end dropped. */
export function meaningfulText(text: string): string {
  return text
    .replace(/\r\n?/gu, "\n")
    .split("\n")
    .map((line) => line.replace(/\s+$/u, ""))
    .join("\n")
    .trim();
}

/** Tags as a set: the order they were typed in is not part of the case. */
export function meaningfulTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(nameKey))].sort();
}

function meaningfulValue(value: unknown): unknown {
  if (typeof value === "string") return meaningfulText(value);
  if (Array.isArray(value)) return value.map(meaningfulValue);
  if (value && typeof value === "object") {
    // Key order is how a JSON column happened to come back, not content.
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== "")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, meaningfulValue(v)]));
  }
  return value ?? null;
}

function meaningfulEffect(effect: unknown): unknown {
  if (!effect || typeof effect !== "object") return effect ?? null;
  const e = effect as Record<string, unknown>;
  const number = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return {
    label: typeof e["label"] === "string" ? meaningfulText(e["label"]) : "",
    before: number(e["before"]),
    after: number(e["after"]),
    unit: typeof e["unit"] === "string" ? meaningfulText(e["unit"]) : "",
  };
}

/** The content reduced to what a reader can see, in a stable order. */
export function meaningfulContent(c: RevisionContentInput): Record<string, unknown> {
  const details = meaningfulValue(c.details ?? null);
  return {
    kind: c.kind,
    ...caseTextOf(c, meaningfulText),
    fiscalYear: Number.isFinite(c.fiscalYear) ? c.fiscalYear : null,
    tags: meaningfulTags(c.tags),
    effects: c.effects.map(meaningfulEffect),
    // No details and empty details are the same thing to a reader.
    details: details && typeof details === "object" && Object.keys(details).length > 0 ? details : null,
  };
}

/** True when two versions differ only in what nobody can see (tag order, trailing spaces, key order). */
export function sameMeaning(a: RevisionContentInput, b: RevisionContentInput): boolean {
  return JSON.stringify(meaningfulContent(a)) === JSON.stringify(meaningfulContent(b));
}

import type { CaseKind } from "./enums.js";

/**
 * The editable content of a case, named once: what the 投稿 form edits (client/src/caseForm/formValues.ts),
 * what each save records as a revision (server/src/revisions), what decides whether a save changed
 * anything (revision-content.ts) and what the history's diff compares (client/src/case/revisionDiff.ts).
 * The GraphQL types and the database columns spell the fields out with their own decorators.
 */

/** The prose after the title, in the order the form and the case page show it (概要 … 工夫・苦労した点). */
export const CASE_BODY_FIELDS = ["summary", "background", "actions", "results", "tips"] as const;
export type CaseBodyField = (typeof CASE_BODY_FIELDS)[number];

/** Every field of free text a person writes: the title, then the prose. */
export const CASE_TEXT_FIELDS = ["title", ...CASE_BODY_FIELDS] as const;
export type CaseTextField = (typeof CASE_TEXT_FIELDS)[number];

/** All of a case's editable content, in form order (the order a diff lists its changes in). */
export const CASE_CONTENT_FIELDS = ["kind", ...CASE_TEXT_FIELDS, "fiscalYear", "tags", "effects", "details"] as const;
export type CaseContentField = (typeof CASE_CONTENT_FIELDS)[number];

/** Every text field empty, as a new case starts. */
export const EMPTY_CASE_TEXT: Readonly<Record<CaseTextField, string>> = Object.freeze(
  Object.fromEntries(CASE_TEXT_FIELDS.map((field) => [field, ""])) as Record<CaseTextField, string>,
);

/** What a person writes free text into: the text fields, 定量効果 and the kind's details. */
export const CASE_WRITTEN_FIELDS = [...CASE_TEXT_FIELDS, "effects", "details"] as const;
export type CaseWrittenField = (typeof CASE_WRITTEN_FIELDS)[number];

/** One row of 定量効果 as saved content holds it. */
export interface CaseEffectContent {
  label: string;
  before?: number | null;
  after?: number | null;
  unit?: string | null;
}

/**
 * A case's content. `Kind` and `Effect` stay open for content read back as stored JSON, which is not
 * checked again (a revision snapshot: `CaseContentOf<string, unknown>`).
 */
export type CaseContentOf<Kind extends string = CaseKind, Effect = CaseEffectContent> = { kind: Kind } & Record<CaseTextField, string> & {
  fiscalYear: number;
  /** Tag names (or ids, where a caller compares before resolving them). */
  tags: readonly string[];
  effects: readonly Effect[];
  details?: Record<string, unknown> | null;
};

/** A saved case's content, typed. */
export type CaseContent = CaseContentOf;

/** The text fields of `source` in form order, each passed through `map` (by default copied as they are). */
export function caseTextOf(source: Readonly<Record<CaseTextField, string>>): Record<CaseTextField, string>;
export function caseTextOf<V, T>(source: Readonly<Record<CaseTextField, V>>, map: (value: V, field: CaseTextField) => T): Record<CaseTextField, T>;
export function caseTextOf(source: Readonly<Record<CaseTextField, unknown>>, map: (value: unknown, field: CaseTextField) => unknown = (value) => value) {
  return Object.fromEntries(CASE_TEXT_FIELDS.map((field) => [field, map(source[field], field)]));
}

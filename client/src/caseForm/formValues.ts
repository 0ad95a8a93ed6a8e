import {
  caseDraftSchema,
  CASE_CONTENT_FIELDS,
  CASE_KINDS,
  caseTextOf,
  EMPTY_CASE_TEXT,
  type CaseBodyField,
  type CaseContent,
  type CaseKind,
  type caseSubmissionSchema,
  type CaseTextField,
  type PersonalInfoFinding,
  scanCaseContentForPersonalInfo,
} from "@kb/shared";
import { config as zodConfig } from "zod";
import type { FieldProblem } from "../lib/apiError";
import { messages as m } from "../messages";
import { detailFieldsOf, type DetailField } from "./detailFields";

/**
 * The 投稿 form keeps what the user typed (strings, one list item per line); the shared zod schema
 * (the server's own) judges it after `toDraftInput` has turned it into a CaseDraftInput. Error
 * paths from the schema and from the server (`extensions.fields`) map back onto form fields with
 * `formPathOf`, so both kinds of error land on the same input.
 */
export interface EffectRow {
  label: string;
  before: string;
  after: string;
  unit: string;
}

/** The case's content fields (shared/src/case-content.ts) as the form holds them: the texts as typed. */
export interface CaseFormValues extends Record<CaseTextField, string> {
  kind: CaseKind | "";
  /** The Western year the 年度 starts in, as the select's value; "" = not chosen. */
  fiscalYear: string;
  tags: string[];
  effects: EffectRow[];
  /** Every kind's detail fields by name (no two kinds share a name); only the chosen kind's are sent. */
  details: Record<string, string>;
}

/** A prose field the form edits with a Markdown editor (shared CASE_BODY_FIELDS). */
export type TextField = CaseBodyField;

export function emptyFormValues(fiscalYear: number): CaseFormValues {
  return {
    kind: "",
    ...EMPTY_CASE_TEXT,
    fiscalYear: String(fiscalYear),
    tags: [],
    effects: [],
    details: {},
  };
}

export const emptyEffectRow = (): EffectRow => ({ label: "", before: "", after: "", unit: "" });

/** The editable content of a saved case (or of a revision's snapshot). */
export type { CaseContent };

const numberText = (value: number | null | undefined) => (typeof value === "number" && Number.isFinite(value) ? String(value) : "");

function detailText(value: unknown): string {
  if (Array.isArray(value)) return value.filter((item) => typeof item === "string").join("\n");
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  return typeof value === "string" ? value : "";
}

export function fromCaseContent(c: CaseContent): CaseFormValues {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(c.details ?? {})) details[key] = detailText(value);
  return {
    kind: c.kind,
    ...caseTextOf(c),
    fiscalYear: String(c.fiscalYear),
    tags: [...c.tags],
    effects: c.effects.map((e) => ({
      label: e.label,
      before: numberText(e.before),
      after: numberText(e.after),
      unit: e.unit ?? "",
    })),
    details,
  };
}

/** "1,234.5", "１２" → a number; "" → null; anything else stays text, so the schema names the problem. */
export function parseNumber(text: string): number | null | string {
  const plain = text.normalize("NFKC").replace(/[,\s]/g, "");
  if (plain === "") return null;
  return /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(plain) ? Number(plain) : text;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");

function detailValue(field: DetailField, raw: string | undefined): unknown {
  const text = raw ?? "";
  switch (field.type) {
    case "list":
    case "dates": {
      const items = lines(text).map((line) => (field.type === "dates" ? line.normalize("NFKC") : line));
      return items.length > 0 ? items : undefined;
    }
    case "integer": {
      const value = parseNumber(text);
      return value === null ? undefined : value;
    }
    case "boolean":
      return text === "true" ? true : text === "false" ? false : undefined;
    default:
      return text.trim() === "" ? undefined : text;
  }
}

export interface DraftInput {
  /** What createCase / updateCase take as `input`. */
  input: Record<string, unknown>;
  /** input.effects[i] came from form row effectRows[i] (blank rows are not sent). */
  effectRows: number[];
}

export function toDraftInput(values: CaseFormValues): DraftInput {
  const effectRows: number[] = [];
  const effects = values.effects.flatMap((row, i) => {
    if (!row.label.trim() && !row.before.trim() && !row.after.trim() && !row.unit.trim()) return [];
    effectRows.push(i);
    return [
      {
        label: row.label,
        before: parseNumber(row.before),
        after: parseNumber(row.after),
        ...(row.unit.trim() ? { unit: row.unit } : {}),
      },
    ];
  });
  const kind = (CASE_KINDS as readonly string[]).includes(values.kind) ? (values.kind as CaseKind) : undefined;
  const input: Record<string, unknown> = {
    kind,
    ...caseTextOf(values),
    fiscalYear: values.fiscalYear === "" ? undefined : Number(values.fiscalYear),
    tags: values.tags,
    effects,
  };
  if (kind) {
    const details: Record<string, unknown> = {};
    for (const field of detailFieldsOf(kind)) {
      const value = detailValue(field, values.details[field.name]);
      if (value !== undefined) details[field.name] = value;
    }
    input.details = details;
  }
  return { input, effectRows };
}

/**
 * The form field a schema or server path belongs to, or null when it is about the case as a
 * whole: "details.mainFields.2" → "details.mainFields", "tags.3" → "tags", "effects.1.before"
 * → "effects.<form row>.before".
 */
export function formPathOf(path: string, effectRows: readonly number[] = []): string | null {
  const parts = path.split(".").filter((p) => p !== "");
  const [head, second, third] = parts;
  if (!head) return null;
  switch (head) {
    case "effects": {
      if (second === undefined || third === undefined || !/^\d+$/.test(second)) return "effects";
      const row = effectRows[Number(second)] ?? Number(second);
      return ["label", "before", "after", "unit"].includes(third) ? `effects.${row}.${third}` : "effects";
    }
    case "details":
      return second ? `details.${second}` : null;
    default:
      // kind, the texts, fiscalYear, tags: the field itself.
      return (CASE_CONTENT_FIELDS as readonly string[]).includes(head) ? head : null;
  }
}

/** Japanese for the few schema checks that carry no message of their own (the shared schema's messages win). */
type Issue = { code?: string; expected?: string; minimum?: unknown; maximum?: unknown; origin?: string; format?: string };

export function fallbackMessage(issue: Issue): string {
  const v = m.validation;
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "int" || issue.expected === "integer") return v.integer;
      return issue.expected === "number" ? v.number : v.invalid;
    case "too_small":
      return issue.origin === "string" || issue.origin === "array" ? v.required : v.min(Number(issue.minimum));
    case "too_big":
      return issue.origin === "string" ? v.tooLong(Number(issue.maximum)) : issue.origin === "array" ? v.tooMany(Number(issue.maximum)) : v.max(Number(issue.maximum));
    case "invalid_value":
      return v.choice;
    case "invalid_format":
      return issue.format === "int" || issue.format === "safeint" ? v.integer : v.invalid;
    default:
      return v.invalid;
  }
}

// The kind-specific details are checked by a nested parse inside the shared schema, which a
// per-parse error map does not reach: set the fallback globally (the schema's own messages still win).
zodConfig({ customError: (issue) => fallbackMessage(issue as Issue) });

export interface CaseValidation {
  draft: DraftInput;
  /** Form paths (or "" for the case as a whole) with their messages, in schema order. */
  problems: FieldProblem[];
}

/** Runs the shared draft (or submission) schema over the form, with paths mapped onto form fields. */
export function validateCase(values: CaseFormValues, schema: typeof caseDraftSchema | typeof caseSubmissionSchema = caseDraftSchema): CaseValidation {
  const draft = toDraftInput(values);
  const result = schema.safeParse(draft.input);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: formPathOf(issue.path.map(String).join("."), draft.effectRows) ?? "",
        message: issue.message,
      }));
  return { draft, problems };
}

/** Server field problems, mapped onto the form the same way. */
export function mapServerProblems(fields: readonly FieldProblem[], effectRows: readonly number[]): FieldProblem[] {
  return fields.map((f) => ({ path: formPathOf(f.path, effectRows) ?? "", message: f.message }));
}

/** What the server scans before a submission (case-workflow.service.ts), from the form. */
export function scanForm(values: CaseFormValues): PersonalInfoFinding[] {
  return scanContent(toDraftInput(values).input);
}

export function scanContent(content: Parameters<typeof scanCaseContentForPersonalInfo>[0]): PersonalInfoFinding[] {
  return scanCaseContentForPersonalInfo(content);
}

/** The string at a finding's path ("summary", "details.voices.0", "effects.1.label") inside content. */
export function textAt(content: unknown, path: string): string | undefined {
  let node: unknown = content;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** A Japanese label for a field path: "概要", "参加者の声（2項目目）", "定量効果 1行目の項目". */
export function fieldLabel(path: string, kind: CaseKind | ""): string {
  const f = m.caseForm.fields;
  const [head, second, third, fourth] = path.split(".");
  if (head === "effects") {
    const e = m.caseForm.effects;
    const row = second !== undefined && /^\d+$/.test(second) ? Number(second) + 1 : undefined;
    const column = third === "label" || third === "before" || third === "after" || third === "unit" ? e[third] : undefined;
    if (row === undefined) return e.heading;
    return column ? m.caseForm.effectCell(row, column) : `${e.heading} ${e.row(row)}`;
  }
  if (head === "details" && second) {
    const field = kind ? detailFieldsOf(kind).find((d) => d.name === second) : undefined;
    const label = field?.label ?? second;
    const index = third ?? fourth;
    return index !== undefined && /^\d+$/.test(index) ? m.caseForm.listItem(label, Number(index) + 1) : label;
  }
  if (head && Object.hasOwn(f, head)) return f[head as keyof typeof f];
  return path;
}

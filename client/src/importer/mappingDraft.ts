import {
  CASE_KIND_LABELS,
  REQUIRED_MAPPING_FIELDS,
  tableMappingSchema,
  type CaseKind,
  type EffectBuilderField,
  type MappingBuilderField,
  type SourceSpec,
  type TableMappingInput,
} from "@kb/shared";
import { messages as m } from "../messages";

/**
 * The mapping the import page's builder edits (a TableMappingInput, as a mapping file holds it) and
 * what each field's select shows: a column, a constant kind, a hashed id, or a spec too detailed for
 * a select (kept as it is, editable as JSON).
 */

const t = m.importAdmin;
export type Fields = TableMappingInput["fields"];
type Spec = SourceSpec | undefined;

export const CUSTOM = "custom:";
export const KIND_PREFIX = "kind:";
export const HASH = "hash:";

/** The select value for a spec: "" (unused), a column name, kind:X, hash:, or custom:. */
export function choiceOf(spec: Spec): string {
  if (spec === undefined) return "";
  if (typeof spec === "string") return spec;
  const keys = Object.keys(spec);
  if (spec.column && keys.every((k) => k === "column" || k === "prefix")) return spec.column;
  if (spec.value !== undefined && keys.length === 1 && typeof spec.value === "string" && spec.value in CASE_KIND_LABELS) return `${KIND_PREFIX}${spec.value}`;
  if (spec.hash && spec.columns) return HASH;
  return CUSTOM;
}

/** The spec for a chosen select value, keeping the options of the spec it replaces (a prefix). */
export function specOf(choice: string, previous: Spec, fields: Fields): Spec {
  if (choice === "") return undefined;
  if (choice === CUSTOM) return previous;
  if (choice.startsWith(KIND_PREFIX)) return { value: choice.slice(KIND_PREFIX.length) };
  if (choice === HASH) {
    const columns = [choiceOf(fields.title), choiceOf(fields.department)].filter((c) => c && !c.includes(":"));
    return { columns: columns.length ? columns : ["（タイトルの列）"], hash: true, prefix: "import-" };
  }
  if (previous && typeof previous === "object" && previous.column && previous.prefix) return { column: choice, prefix: previous.prefix };
  return choice;
}

export function setField(mapping: TableMappingInput, field: MappingBuilderField, choice: string): TableMappingInput {
  const fields = { ...mapping.fields } as Record<string, unknown>;
  const spec = specOf(choice, fields[field] as Spec, mapping.fields);
  if (spec === undefined) delete fields[field];
  else fields[field] = spec;
  return { ...mapping, fields: fields as Fields };
}

/** The one effect row the builder edits: the first fixed effect, or the kintone table's rows. */
export function effectOf(mapping: TableMappingInput): Partial<Record<EffectBuilderField, Spec>> {
  const e = mapping.fields?.effects;
  if (!e) return {};
  return Array.isArray(e) ? (e[0] ?? {}) : e.rows;
}

export function setEffect(mapping: TableMappingInput, part: EffectBuilderField, choice: string): TableMappingInput {
  const effect: Record<string, Spec> = { ...effectOf(mapping) };
  const spec = specOf(choice, effect[part], mapping.fields);
  if (spec === undefined) delete effect[part];
  else effect[part] = spec;
  const fields = { ...mapping.fields } as Record<string, unknown>;
  const rest = Array.isArray(mapping.fields?.effects) ? mapping.fields.effects.slice(1) : [];
  if (!effect["label"]) delete fields["effects"];
  else fields["effects"] = mapping.format === "kintone" ? { rows: effect } : [effect, ...rest];
  return { ...mapping, fields: fields as Fields };
}

export const kindChoices = () => (Object.keys(CASE_KIND_LABELS) as CaseKind[]).map((k) => ({ value: `${KIND_PREFIX}${k}`, label: t.kindConstant(CASE_KIND_LABELS[k]) }));

/** A field path of the schema or the server ("mapping.fields.title") in the page's words. */
export function fieldLabel(path: string): string {
  const parts = path.replace(/^mapping\.?/, "").split(".").filter((p) => p !== "fields" && !/^\d+$/.test(p) && p !== "rows");
  return parts.map((p) => t.fields[p] ?? p).join("・");
}

/** What is wrong with a mapping before it is sent, in the page's words; null when it can be checked. */
export function mappingProblem(mapping: TableMappingInput): string | null {
  const missing = REQUIRED_MAPPING_FIELDS.filter((f) => !mapping.fields?.[f]);
  if (missing.length) return t.missingFields(missing.map((f) => `「${t.fields[f]}」`).join("、"));
  const parsed = tableMappingSchema.safeParse(mapping);
  if (parsed.success) return null;
  return parsed.error.issues
    .slice(0, 5)
    .map((i) => t.mappingIssue(fieldLabel(i.path.map(String).join(".")), i.message))
    .join(" ／ ");
}

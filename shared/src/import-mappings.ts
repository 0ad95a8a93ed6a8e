import { z } from "zod";
import { normalizeText } from "./normalize.js";
import { tableMappingSchema, type TableMappingInput } from "./table-import.js";

/**
 * Saved mappings and the mapping builder of the admin import page. An admin builds a
 * mapping by choosing, for each case field, a column of the uploaded file; the page proposes one by
 * the columns' names, and a mapping can be saved under a name for the next import. There is one
 * organisation per installation (one city hall), so saved mappings are shared by its admins.
 */

export const savedImportMappingInputSchema = z.strictObject({
  name: z
    .string({ error: "名前を入れてください" })
    .trim()
    .min(1, { error: "保存する名前を入れてください" })
    .max(100, { error: "名前は100文字までです" }),
  mapping: tableMappingSchema,
});
export type SavedImportMappingInput = z.input<typeof savedImportMappingInputSchema>;

/** A saved mapping, as GET /api/import-mappings answers it. */
export interface SavedImportMappingView {
  id: string;
  name: string;
  mapping: TableMappingInput;
  updatedAt: string;
  updatedBy: string | null;
}

/** The header of an uploaded file, as POST /api/imports/columns answers it. */
export interface ImportFileColumns {
  fileName: string;
  format: "csv" | "xlsx";
  encoding: "utf-8" | "shift_jis" | null;
  sheet: string | null;
  columns: string[];
  /** kintone's CSV export (a 「レコードの開始行」 column): records span several rows. */
  kintone: boolean;
}

/** The case fields a builder offers, in the page's order; `required` ones must come from somewhere. */
export const MAPPING_BUILDER_FIELDS = [
  "externalId",
  "kind",
  "title",
  "summary",
  "background",
  "actions",
  "results",
  "tips",
  "department",
  "departmentPath",
  "fiscalYear",
  "tags",
] as const;
export type MappingBuilderField = (typeof MAPPING_BUILDER_FIELDS)[number];
export const REQUIRED_MAPPING_FIELDS: readonly MappingBuilderField[] = ["externalId", "kind", "title", "summary", "department", "fiscalYear"];

export const EFFECT_BUILDER_FIELDS = ["label", "before", "after", "unit"] as const;
export type EffectBuilderField = (typeof EFFECT_BUILDER_FIELDS)[number];

/** Column names people use for each field, most specific first (compared after normalisation). */
const NAMES: Record<MappingBuilderField | `effect.${EffectBuilderField}`, string[]> = {
  externalId: ["レコード番号", "管理番号", "事例番号", "No.", "No", "番号", "ID", "externalId"],
  kind: ["種別", "事例の種別", "種類", "区分", "kind"],
  title: ["事例名", "件名", "タイトル", "表題", "名称", "title"],
  summary: ["概要", "要約", "summary"],
  background: ["背景・課題", "背景", "課題", "background"],
  actions: ["取組内容", "取り組み内容", "実施内容", "取組", "actions"],
  results: ["成果", "結果", "results"],
  tips: ["工夫・苦労した点", "工夫した点", "苦労した点", "工夫", "tips"],
  department: ["所属課", "担当課", "所属", "課名", "課", "department"],
  departmentPath: ["所属部局", "部局", "局", "部", "departmentPath"],
  fiscalYear: ["年度", "実施年度", "fiscalYear"],
  tags: ["タグ", "キーワード", "tags"],
  "effect.label": ["効果の項目", "効果項目", "項目"],
  "effect.before": ["導入前", "改善前", "before"],
  "effect.after": ["導入後", "改善後", "after"],
  "effect.unit": ["単位", "unit"],
};

const key = (s: string) => normalizeText(s).toLowerCase().replace(/\s+/g, "");

/**
 * A first mapping for a file, from its column names: each field takes the column whose name is one
 * people use for it (an exact name first, then a name that contains it), each column once. Fields
 * with no such column stay unmapped for the person to choose.
 */
export function suggestMapping(columns: readonly string[], options: { kintone?: boolean } = {}): TableMappingInput {
  const used = new Set<string>();
  const pick = (names: readonly string[]): string | undefined => {
    const free = columns.filter((c) => c.trim() && !used.has(c));
    for (const name of names) {
      const hit = free.find((c) => key(c) === key(name));
      if (hit) return take(hit);
    }
    for (const name of names) {
      if (key(name).length < 2) continue;
      const hit = free.find((c) => key(c).includes(key(name)));
      if (hit) return take(hit);
    }
    return undefined;
  };
  const take = (column: string) => {
    used.add(column);
    return column;
  };
  const fields: Record<string, unknown> = {};
  for (const field of MAPPING_BUILDER_FIELDS) {
    const column = pick(NAMES[field]);
    if (column) fields[field] = column;
  }
  const effect: Record<string, string> = {};
  for (const part of EFFECT_BUILDER_FIELDS) {
    const column = pick(NAMES[`effect.${part}`]);
    if (column) effect[part] = column;
  }
  if (effect["label"] && (effect["before"] || effect["after"])) fields["effects"] = options.kintone ? { rows: effect } : [effect];
  return { format: options.kintone ? "kintone" : "table", fields: fields as TableMappingInput["fields"] };
}

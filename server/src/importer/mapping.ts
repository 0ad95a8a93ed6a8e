import { createHash } from "node:crypto";
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  DETAIL_VALUE_TYPES,
  detailsSchemaByKind,
  fiscalYearOf,
  interchangeCaseSchema,
  normalizeText,
  parseFiscalYear,
  type CaseKind,
  type DetailKey,
  type EffectSpec,
  type ImportStatus,
  type InterchangeCase,
  type SourceSpec,
  type SourceSpecObject,
  type TableMapping,
} from "@kb/shared";
import { cellText, columnKey, isBlank, isoDate, type Cell } from "./table-reader.js";

/**
 * Applies a mapping (shared/src/table-import.ts) to one source record — a table row, a kintone
 * record spread over several CSV rows, or a record from the kintone REST API — and validates the
 * result with the interchange schema, so a table import obeys exactly the rules of `kb import`.
 */

/** A value as a source gives it: one cell, or several (kintone multi-value fields). */
export type SourceValue = Cell | readonly Cell[];

/** What a mapping reads from: columns by name, and the record's rows (kintone tables). */
export interface Scope {
  /** The value of a column (already resolved by the source; undefined = no such column). */
  get(column: string): SourceValue | undefined;
  /** The record's rows: a kintone table's rows, or just the record itself. */
  rows(): Scope[];
}

export interface SourceRecord extends Scope {
  /** "3行目", "3〜5行目", "レコード番号 12". */
  where: string;
  row: number | null;
}

export interface MappedRecord {
  where: string;
  row: number | null;
  externalId: string | null;
  title: string | null;
  value: InterchangeCase | null;
  errors: string[];
}

const spec = (s: SourceSpec): SourceSpecObject => (typeof s === "string" ? { column: s } : s);

/** Every column a mapping reads, to check them against the file before reading any row. */
export function mappingColumns(mapping: TableMapping): string[] {
  const out = new Set<string>();
  const add = (s: SourceSpec | undefined) => {
    if (!s) return;
    const o = spec(s);
    if (o.column) out.add(o.column);
    for (const c of o.columns ?? []) out.add(c);
  };
  const f = mapping.fields;
  for (const key of ["externalId", "organisation", "kind", "title", "summary", "background", "actions", "results", "tips", "department", "departmentPath", "fiscalYear", "tags"] as const) {
    add(f[key]);
  }
  const effects = f.effects ? (Array.isArray(f.effects) ? f.effects : [f.effects.rows]) : [];
  for (const e of effects) for (const s of [e.label, e.before, e.after, e.unit]) add(s);
  for (const s of Object.values(f.details ?? {})) add(s);
  return [...out];
}

/** Where a field's value comes from, for error messages: 「件名」列. */
function origin(s: SourceSpec | undefined): string {
  if (!s) return "";
  const o = spec(s);
  const cols = o.column ? [o.column] : o.columns;
  return cols ? `（列「${cols.join("」「")}」）` : "";
}

// ── Reading values ──────────────────────────────────────────────────────────────────────────

function flatten(value: SourceValue | undefined): Cell[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? (value as readonly Cell[]) : [value as Cell];
  return list.filter((c) => !isBlank(c));
}

const valueMaps = new WeakMap<object, Map<string, string | number | boolean | null>>();

/** The value map of a spec, keyed by normalised text so that "Ｒ６" and "R6" hit the same entry. */
function mapOf(o: SourceSpecObject): Map<string, string | number | boolean | null> | null {
  if (!o.values) return null;
  let map = valueMaps.get(o);
  if (!map) {
    map = new Map(Object.entries(o.values).map(([k, v]) => [columnKey(k), v]));
    valueMaps.set(o, map);
  }
  return map;
}

/** The cells a spec reads in a scope, each passed through the value map (null = dropped). */
function read(s: SourceSpec, scope: Scope): Cell[][] {
  const o = spec(s);
  if (o.value !== undefined) return [[o.value]];
  const columns = o.column ? [o.column] : (o.columns ?? []);
  const map = mapOf(o);
  return columns.map((column) => {
    const cells = o.rows ? scope.rows().flatMap((r) => flatten(r.get(column))) : flatten(scope.get(column));
    if (!map) return cells;
    return cells.flatMap((cell) => {
      const key = columnKey(cellText(cell));
      if (!map.has(key)) return [cell];
      const mapped = map.get(key)!;
      return mapped === null || mapped === "" ? [] : [mapped];
    });
  });
}

function withDefault(o: SourceSpecObject, values: Cell[][]): Cell[][] {
  if (values.some((v) => v.length) || o.default === undefined) return values;
  return [[o.default]];
}

function readText(s: SourceSpec | undefined, scope: Scope): string | undefined {
  if (!s) return undefined;
  const o = spec(s);
  const parts = withDefault(o, read(s, scope))
    .map((cells) => cells.map(textOf).join(o.join ?? "\n"))
    .filter((t) => t.trim() !== "");
  if (!parts.length) return undefined;
  return `${o.prefix ?? ""}${parts.join(o.join ?? "\n\n")}`;
}

function readList(s: SourceSpec | undefined, scope: Scope): string[] | undefined {
  if (!s) return undefined;
  const o = spec(s);
  const separators = o.split === undefined ? ["\r\n", "\n"] : Array.isArray(o.split) ? o.split : [o.split];
  const items = withDefault(o, read(s, scope))
    .flat()
    .flatMap((cell) => splitBy(textOf(cell), separators))
    .map((t) => t.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

function readScalar(s: SourceSpec | undefined, scope: Scope): Cell | undefined {
  if (!s) return undefined;
  const o = spec(s);
  return withDefault(o, read(s, scope)).flat()[0];
}

function splitBy(text: string, separators: readonly string[]): string[] {
  let parts = [text];
  for (const sep of separators) parts = parts.flatMap((p) => p.split(sep));
  return parts;
}

function textOf(cell: Cell): string {
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === "boolean") return cell ? "はい" : "いいえ";
  return cell === null ? "" : String(cell);
}

// ── Conversions ─────────────────────────────────────────────────────────────────────────────

class CellError extends Error {}

function toFiscalYear(cell: Cell): number {
  if (cell instanceof Date) return fiscalYearOf(new Date(cell.getUTCFullYear(), cell.getUTCMonth(), cell.getUTCDate()));
  const parsed = parseFiscalYear(typeof cell === "number" ? cell : textOf(cell));
  if (parsed === undefined) throw new CellError(`年度「${textOf(cell)}」を読めません（例: 2024、R6、令和6年度）`);
  return parsed;
}

function toNumber(cell: Cell): number {
  if (typeof cell === "number") return cell;
  const text = normalizeText(textOf(cell)).replace(/[,\s]/g, "");
  const match = /^([-+]?\d+(?:\.\d+)?)[^\d]*$/.exec(text);
  if (!match) throw new CellError(`「${textOf(cell)}」を数値として読めません`);
  return Number(match[1]);
}

const TRUE_WORDS = new Set(["はい", "可", "あり", "有", "有り", "○", "〇", "◯", "true", "yes", "y", "1", "必要", "要", "利用できる", "使う"]);
const FALSE_WORDS = new Set(["いいえ", "不可", "なし", "無", "無し", "×", "✕", "false", "no", "n", "0", "不要", "利用できない", "使わない", "-"]);

function toBoolean(cell: Cell): boolean {
  if (typeof cell === "boolean") return cell;
  const key = columnKey(textOf(cell));
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  throw new CellError(`「${textOf(cell)}」を はい／いいえ として読めません`);
}

function toIsoDate(cell: Cell): string {
  if (cell instanceof Date) return isoDate(cell);
  const text = normalizeText(textOf(cell));
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!match) throw new CellError(`日付「${textOf(cell)}」を読めません（例: 2024-05-10、2024/5/10）`);
  return `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
}

const keyed = (entries: Record<string, string[]>) => {
  const out = new Map<string, string>();
  for (const [value, words] of Object.entries(entries)) for (const w of [value, ...words]) out.set(columnKey(w), value);
  return out;
};
const KIND_WORDS = keyed(Object.fromEntries(CASE_KINDS.map((k) => [k, [CASE_KIND_LABELS[k]]])));
const DETAIL_WORDS: Partial<Record<DetailKey, Map<string, string>>> = {
  format: keyed({ ONSITE: ["対面", "会場", "集合"], ONLINE: ["オンライン", "Web", "ウェブ"], HYBRID: ["ハイブリッド", "併用"] }),
  engagement: keyed({ ONE_ON_ONE: ["1on1", "ワンオンワン", "個別面談"], WG_SUPPORT: ["WG支援", "WG伴走", "ワーキンググループ支援"], TRAINING: ["研修"], OTHER: ["その他"] }),
  lessonType: keyed({ SUCCESS_POINT: ["成功のポイント"], PITFALL: ["つまずきやすい点", "落とし穴"], ADVICE: ["助言", "アドバイス"] }),
};

// ── The record ──────────────────────────────────────────────────────────────────────────────

export interface MapOptions {
  /** Details a kind gets where the mapping gives none (a kintone app's own structure). */
  defaultDetails?: Partial<Record<CaseKind, Record<string, unknown>>>;
}

/** Maps one record; `status` is the run's choice (DRAFT or PUBLISHED). */
export function mapRecord(mapping: TableMapping, record: SourceRecord, status: ImportStatus, options: MapOptions = {}): MappedRecord {
  const f = mapping.fields;
  const errors: string[] = [];
  const attempt = <T>(field: string, s: SourceSpec | undefined, run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      errors.push(`${field}${origin(s)}: ${error.message}`);
      return undefined;
    }
  };

  const externalId = readExternalId(f.externalId, record);
  const kindCell = readScalar(f.kind, record);
  const kind = kindCell === undefined ? undefined : (KIND_WORDS.get(columnKey(textOf(kindCell))) ?? textOf(kindCell));
  const fiscalYearCell = readScalar(f.fiscalYear, record);
  const fiscalYear = fiscalYearCell === undefined ? undefined : attempt("fiscalYear", f.fiscalYear, () => toFiscalYear(fiscalYearCell));

  const effects = readEffects(f.effects, record, errors);
  const mappedDetails = readDetails(f.details ?? {}, record, kind, errors);
  const extra = kind ? options.defaultDetails?.[kind as CaseKind] : undefined;
  const details = extra ? { ...extra, ...mappedDetails } : mappedDetails;

  const candidate: Record<string, unknown> = {
    externalId,
    organisation: readText(f.organisation, record)?.trim() || undefined,
    kind,
    title: readText(f.title, record),
    summary: readText(f.summary, record),
    background: readText(f.background, record),
    actions: readText(f.actions, record),
    results: readText(f.results, record),
    tips: readText(f.tips, record),
    department: readText(f.department, record),
    departmentPath: readList(f.departmentPath, record),
    fiscalYear,
    tags: readList(f.tags, record),
    effects,
    status,
    details,
  };
  for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];

  const title = typeof candidate["title"] === "string" ? normalizeText(candidate["title"]) : null;
  const base = { where: record.where, row: record.row, externalId: externalId ?? null, title };
  // A cell that could not be read stops the record before the schema would add a vaguer message.
  if (errors.length) return { ...base, value: null, errors };
  const parsed = interchangeCaseSchema.safeParse(candidate);
  if (!parsed.success) {
    const sources: Record<string, SourceSpec | undefined> = { ...f, details: undefined, effects: undefined };
    return {
      ...base,
      value: null,
      errors: parsed.error.issues.map((issue) => {
        const [head, second] = issue.path.map(String);
        const from = head === "details" && second ? origin(f.details?.[second as DetailKey]) : origin(sources[head ?? ""]);
        const where = issue.path.length ? issue.path.join(".") : "(行全体)";
        return `${where}${from}: ${issue.message}`;
      }),
    };
  }
  return { ...base, value: parsed.data, errors: [] };
}

function readExternalId(s: SourceSpec, record: Scope): string | undefined {
  const o = spec(s);
  if (!o.hash) return readText(s, record)?.trim();
  const values = read(s, record).flat().map(textOf).map(normalizeText);
  if (!values.some(Boolean)) return undefined;
  const digest = createHash("sha256").update(values.join("\u0001")).digest("hex").slice(0, 16);
  return `${o.prefix ?? ""}${digest}`;
}

function readEffects(specs: TableMapping["fields"]["effects"], record: Scope, errors: string[]) {
  if (!specs) return undefined;
  const one = (e: EffectSpec, scope: Scope, n: number) => {
    const number = (field: "before" | "after") => {
      const cell = readScalar(e[field], scope);
      if (cell === undefined) return null;
      try {
        return toNumber(cell);
      } catch (error) {
        errors.push(`effects.${n}.${field}${origin(e[field])}: ${(error as Error).message}`);
        return null;
      }
    };
    const label = readText(e.label, scope);
    const before = number("before");
    const after = number("after");
    // A row without figures is no effect, unless its label came from the file (a table row that names one).
    const labelIsConstant = typeof e.label !== "string" && e.label.value !== undefined;
    if (before === null && after === null && (!label || labelIsConstant)) return null;
    const unit = readText(e.unit, scope);
    return { label: label ?? "", before, after, ...(unit ? { unit } : {}) };
  };
  const list = Array.isArray(specs)
    ? specs.map((e, i) => one(e, record, i))
    : record.rows().map((row, i) => one(specs.rows, row, i));
  return list.filter((e) => e !== null);
}

function readDetails(specs: Partial<Record<DetailKey, SourceSpec>>, record: Scope, kind: string | undefined, errors: string[]) {
  // A list of several kinds maps every kind's details; each case keeps the ones its kind has.
  const allowed = kind && (CASE_KINDS as readonly string[]).includes(kind)
    ? new Set(Object.keys(detailsSchemaByKind[kind as CaseKind].shape))
    : null;
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(specs) as [DetailKey, SourceSpec][]) {
    if (allowed && !allowed.has(key)) continue;
    const type = DETAIL_VALUE_TYPES[key];
    try {
      if (type === "text") {
        const text = readText(s, record);
        if (text === undefined) continue;
        out[key] = DETAIL_WORDS[key]?.get(columnKey(text)) ?? text;
      } else if (type === "list") {
        const list = readList(s, record);
        if (list) out[key] = list;
      } else if (type === "dates") {
        const cells = read(s, record).flat();
        const dates = cells.flatMap((c): Cell[] => (c instanceof Date ? [c] : splitBy(textOf(c), ["\n", "、", ","]).filter((t) => t.trim())))
          .map((c) => toIsoDate(typeof c === "string" ? c.trim() : c));
        if (dates.length) out[key] = dates;
      } else {
        const cell = readScalar(s, record);
        if (cell === undefined) continue;
        out[key] = type === "number" ? toNumber(cell) : toBoolean(cell);
      }
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      errors.push(`details.${key}${origin(s)}: ${error.message}`);
    }
  }
  return Object.keys(out).length ? out : undefined;
}

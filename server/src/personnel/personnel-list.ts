import { normalizeText, PERSONNEL_COLUMN_NAMES, PERSONNEL_REQUIRED_COLUMNS, type PersonnelColumn } from "@kb/shared";
import { cellText, columnKey, isBlank, readTable, RefusedFileError, TableReadError, type Cell } from "../importer/index.js";
import { badInput } from "../kernel/index.js";

/** One line of the HR list, its cells read as text (NFKC-normalised, trimmed). Blank cells are "". */
export interface ListLine {
  row: number;
  employeeNumber: string;
  displayName: string;
  email: string;
  department: string;
  role: string;
  effectiveDate: string;
  kind: string;
}

export interface PersonnelList {
  format: "csv" | "xlsx";
  encoding: "utf-8" | "shift_jis" | null;
  lines: ListLine[];
}

/** A 3,000-person list is about 200 KB; 10 MB leaves room for wide Excel files. */
export const MAX_PERSONNEL_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_PERSONNEL_ROWS = 20_000;

const COLUMN_LABELS: Record<PersonnelColumn, string> = {
  employeeNumber: "職員番号",
  displayName: "氏名",
  email: "メール",
  department: "所属",
  role: "役割",
  effectiveDate: "発令日",
  kind: "区分",
};

/**
 * Reads the list with the importer's table reader (CSV in UTF-8 with or without BOM or Shift_JIS,
 * or .xlsx) and finds its columns by name. A file without a required column is refused as a whole,
 * naming what is missing and the names accepted for it.
 */
export async function readPersonnelList(fileName: string, bytes: Buffer): Promise<PersonnelList> {
  let table;
  try {
    table = await readTable(fileName, bytes);
  } catch (error) {
    if (error instanceof TableReadError || error instanceof RefusedFileError) throw badInput([{ path: "file", message: error.message }], error.message);
    throw error;
  }
  const index = new Map<PersonnelColumn, number>();
  const keys = table.headers.map(columnKey);
  for (const [column, names] of Object.entries(PERSONNEL_COLUMN_NAMES) as [PersonnelColumn, readonly string[]][]) {
    const i = keys.findIndex((k) => names.some((n) => columnKey(n) === k));
    if (i >= 0) index.set(column, i);
  }
  const missing = PERSONNEL_REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) {
    const detail = missing.map((c) => `「${COLUMN_LABELS[c]}」（${PERSONNEL_COLUMN_NAMES[c].join("・")} のどれか）`).join("、");
    const message = `列が足りません: ${detail}。1行目に列名を書いてください。`;
    throw badInput([{ path: "file", message }], message);
  }
  if (table.rows.length > MAX_PERSONNEL_ROWS) {
    const message = `一度に取り込めるのは ${MAX_PERSONNEL_ROWS.toLocaleString("ja-JP")} 行までです（このファイルは ${table.rows.length.toLocaleString("ja-JP")} 行）。`;
    throw badInput([{ path: "file", message }], message);
  }
  const read = (cells: Cell[], column: PersonnelColumn): string => {
    const i = index.get(column);
    const cell = i === undefined ? null : (cells[i] ?? null);
    return isBlank(cell ?? null) ? "" : normalizeText(cellText(cell!));
  };
  const lines = table.rows.map(
    (r): ListLine => ({
      row: r.row,
      employeeNumber: read(r.cells, "employeeNumber"),
      displayName: read(r.cells, "displayName"),
      email: read(r.cells, "email"),
      department: read(r.cells, "department"),
      role: read(r.cells, "role"),
      effectiveDate: read(r.cells, "effectiveDate"),
      kind: read(r.cells, "kind"),
    }),
  );
  return { format: table.format, encoding: table.encoding, lines };
}

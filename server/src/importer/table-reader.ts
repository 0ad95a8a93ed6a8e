import { setImmediate as nextTurn } from "node:timers/promises";
import { parse as csvParser, type Options as CsvOptions } from "csv-parse";
import iconv from "iconv-lite";
import { normalizeText, type ImportEncoding } from "@kb/shared";
import { timeSlices } from "../kernel/index.js";
import { readSheetInWorker, SpreadsheetReaderFailure } from "./xlsx-sheet.js";
import { OversizedArchiveError, unpackXlsxSafely } from "./xlsx-archive.js";

/** One cell as read: text from CSV; text, numbers, booleans and dates from Excel. */
export type Cell = string | number | boolean | Date | null;

export interface TableRow {
  /** 1-based, as a spreadsheet shows it (the header row counts). */
  row: number;
  cells: Cell[];
}

export interface ReadTable {
  format: "csv" | "xlsx";
  encoding: "utf-8" | "shift_jis" | null;
  sheet: string | null;
  /** Column names from the header row, as written (trimmed). */
  headers: string[];
  rows: TableRow[];
}

export class TableReadError extends Error {
  override name = "TableReadError";
}

/**
 * A file refused outright, not just reported: one that would cost too much to read (an .xlsx that
 * inflates to gigabytes) or holds NUL characters (not a text table; PostgreSQL cannot store them).
 * The admin upload answers it with a 400, the CLI with its message.
 */
export class RefusedFileError extends TableReadError {
  override name = "RefusedFileError";
}

const NUL_MESSAGE =
  "ファイルに NUL 文字（0x00）が含まれているため読めません。CSV は UTF-8 か Shift_JIS で保存してください（「Unicode テキスト」（UTF-16）では保存しないでください）。";

export interface ReadTableOptions {
  encoding?: ImportEncoding;
  delimiter?: string;
  sheet?: string | number;
  headerRow?: number;
}

const XLSX_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads a CSV (UTF-8 or Shift_JIS) or an .xlsx file into a header and rows. */
export async function readTable(fileName: string, bytes: Buffer, options: ReadTableOptions = {}): Promise<ReadTable> {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  const headerRow = options.headerRow ?? 1;
  if (ext === "xlsx" || bytes.subarray(0, 4).equals(XLSX_SIGNATURE)) {
    if (ext !== "xlsx") throw new TableReadError("Excel ファイルは拡張子を .xlsx にしてください。");
    return readXlsx(bytes, options.sheet, headerRow);
  }
  if (ext === "xls") throw new TableReadError("古い Excel 形式（.xls）は読めません。Excel で .xlsx 形式で保存し直してください。");
  if (!["csv", "tsv", "txt"].includes(ext)) {
    throw new TableReadError("取り込めるのは CSV（.csv / .tsv / .txt）と Excel（.xlsx）のファイルです。");
  }
  const { text, encoding } = decodeText(bytes, options.encoding ?? "auto");
  if (text.includes("\u0000")) throw new RefusedFileError(NUL_MESSAGE);
  const delimiter = options.delimiter ?? (ext === "tsv" ? "\t" : guessDelimiter(text));
  let records: string[][];
  try {
    records = await parseCsvInSlices(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new TableReadError(
      `CSV として読めません${lines ? `（${lines}行目付近）` : ""}: ${(error as Error).message.replace(/^Invalid[^:]*:\s*/, "")}`,
    );
  }
  const rows = records.map((cells, index) => ({ row: index + 1, cells: cells as Cell[] }));
  return splitHeader({ format: "csv", encoding, sheet: null }, rows, headerRow);
}

/** Bytes handed to the CSV parser at a time (about 5 ms of parsing): the event loop runs in between. */
const CSV_SLICE_BYTES = 64 * 1024;

/**
 * csv-parse's `sync` result, parsed a slice at a time so that a 3,000-row file does not hold up
 * every other request while it is read (it took 100–250 ms in one go). The same parser, the same
 * options, the same records and the same errors (with their `lines`); UTF-8 bytes are sliced, not
 * the text, so no slice splits a character (the parser joins bytes across slices).
 */
async function parseCsvInSlices(text: string, options: CsvOptions): Promise<string[][]> {
  const bytes = Buffer.from(text, "utf8");
  const records: string[][] = [];
  let failure: unknown;
  const parser = csvParser(options);
  parser.on("data", (record: string[]) => records.push(record));
  parser.on("error", (error) => (failure ??= error));
  const ended = new Promise<void>((resolve) => {
    parser.once("end", resolve);
    parser.once("close", resolve);
  });
  for (let start = 0; start < bytes.length && failure === undefined; start += CSV_SLICE_BYTES) {
    parser.write(bytes.subarray(start, start + CSV_SLICE_BYTES));
    await nextTurn();
  }
  if (failure === undefined) parser.end();
  await ended;
  if (failure !== undefined) throw failure;
  return records;
}

async function readXlsx(bytes: Buffer, sheet: string | number | undefined, headerRow: number): Promise<ReadTable> {
  let data: Cell[][];
  try {
    data = await readSheetInWorker(await unpackXlsxSafely(bytes), sheet ?? 1);
  } catch (error) {
    if (error instanceof OversizedArchiveError) throw new RefusedFileError(error.message);
    if (error instanceof SpreadsheetReaderFailure) throw error;
    const name = (error as Error).name;
    if (name === "SheetNotFoundError") throw new TableReadError(`シート「${String(sheet)}」が見つかりません。`);
    throw new TableReadError("Excel ファイル（.xlsx）として読めません。ファイルが壊れていないか確認してください。");
  }
  const slices = timeSlices();
  for (const cells of data) {
    if (cells.some((cell) => typeof cell === "string" && cell.includes("\u0000"))) throw new RefusedFileError(NUL_MESSAGE);
    await slices.tick();
  }
  const rows = data.map((cells, index) => ({ row: index + 1, cells }));
  return splitHeader({ format: "xlsx", encoding: null, sheet: typeof sheet === "string" ? sheet : null }, rows, headerRow);
}

function splitHeader(base: Pick<ReadTable, "format" | "encoding" | "sheet">, rows: TableRow[], headerRow: number): ReadTable {
  const header = rows.find((r) => r.row === headerRow);
  if (!header || header.cells.every(isBlank)) {
    throw new TableReadError(`${headerRow}行目に列名がありません。1行目に列名を書いてください。`);
  }
  const headers = header.cells.map((c) => (c === null ? "" : cellText(c).trim()));
  return { ...base, headers, rows: rows.filter((r) => r.row > headerRow && !r.cells.every(isBlank)) };
}

export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

/** Excel dates are calendar dates without a zone: read them in UTC, as read-excel-file builds them. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * UTF-8 unless the bytes are not valid UTF-8 and decode cleanly as Shift_JIS (CP932, which is what
 * Excel and kintone write on Japanese Windows). `encoding` forces one.
 */
export function decodeText(bytes: Buffer, encoding: ImportEncoding): { text: string; encoding: "utf-8" | "shift_jis" } {
  if (encoding === "utf-8") return { text: new TextDecoder("utf-8").decode(bytes), encoding };
  if (encoding === "shift_jis") return { text: iconv.decode(bytes, "cp932"), encoding };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // not UTF-8: try Shift_JIS below
  }
  const text = iconv.decode(bytes, "cp932");
  if (!text.includes("\uFFFD")) return { text, encoding: "shift_jis" };
  throw new TableReadError(
    "文字コードを判定できません（UTF-8 でも Shift_JIS でもありません）。文字コードを指定してください（--encoding utf-8 または shift_jis）。",
  );
}

/** Commas unless the header line has tabs and no commas (a TSV saved as .csv or .txt). */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
}

/** The key column names are compared by: NFKC, white space folded, case-insensitive. */
export function columnKey(name: string): string {
  return normalizeText(name).toLowerCase();
}

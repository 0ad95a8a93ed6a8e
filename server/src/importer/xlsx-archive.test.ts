import { describe, expect, it } from "vitest";
import { writeXlsx, writeXlsxBomb, writeXlsxWithManyParts } from "../../../test/support/xlsx.js";
import { RefusedFileError, readTable, TableReadError } from "./table-reader.js";
import { MAX_XLSX_ENTRIES, MAX_XLSX_UNPACKED_BYTES, unpackXlsxSafely } from "./xlsx-archive.js";
import { readSheetInWorker, SpreadsheetReaderFailure } from "./xlsx-sheet.js";

/**
 * Issue 12: an .xlsx cannot exhaust memory (a 1 MB file inflating to 1 GiB took the server from
 * 219 MB to 1.25 GB), and a CSV holding NUL is refused with a message, not a 500.
 */
describe("reading an .xlsx within limits", () => {
  it("still reads an ordinary workbook", async () => {
    const table = await readTable("list.xlsx", writeXlsx("一覧", [["件名", "年度"], ["窓口の改善", 2024]]));
    expect(table).toMatchObject({ format: "xlsx", headers: ["件名", "年度"], rows: [{ row: 2, cells: ["窓口の改善", 2024] }] });
  });

  it("refuses a zip bomb from its declared size, before inflating it", async () => {
    const bomb = await writeXlsxBomb(MAX_XLSX_UNPACKED_BYTES + 32 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await readTable("bomb.xlsx", bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFileError);
    expect((error as Error).message).toContain("展開すると大きすぎるため読めません");
  });

  it("refuses a bomb that lies about its size, stopping at the limit", async () => {
    const liar = await writeXlsxBomb(MAX_XLSX_UNPACKED_BYTES + 32 * 1024 * 1024, 2000);
    const error = await readTable("liar.xlsx", liar).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFileError);
    expect((error as Error).message).toContain("展開すると大きすぎるため読めません");
  });

  it("refuses a part that inflates to more than it declares, even under the limit", async () => {
    const liar = await writeXlsxBomb(2 * 1024 * 1024, 2000);
    const error = await readTable("liar.xlsx", liar).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFileError);
    expect((error as Error).message).toContain("大きさが記録と違う");
  });

  it("refuses a zip with too many entries", async () => {
    const error = await readTable("many.xlsx", writeXlsxWithManyParts(MAX_XLSX_ENTRIES + 10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFileError);
    expect((error as Error).message).toContain("中身の数が多すぎる");
  });
});

describe("a CSV holding NUL", () => {
  it("is refused with a Japanese message", async () => {
    const error = await readTable("list.csv", Buffer.from("件名,年度\n窓口\u0000の改善,2024\n", "utf8")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFileError);
    expect((error as Error).message).toContain("NUL 文字");
  });
});

describe("a spreadsheet reader thread that fails", () => {
  it("is the server's failure, not the file's: it is not reported as an unreadable .xlsx", async () => {
    const bytes = await unpackXlsxSafely(writeXlsx("一覧", [["件名"], ["窓口の改善"]]));
    // A reader that cannot start (its module is missing), as a broken deployment would have it.
    const missing = new URL("./no-such-reader.worker.js", import.meta.url);
    const failure = await readSheetInWorker(bytes, 1, missing).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpreadsheetReaderFailure);
    expect(failure).not.toBeInstanceOf(TableReadError);
    expect(await readSheetInWorker(bytes, 1)).toEqual([["件名"], ["窓口の改善"]]);
  });
});

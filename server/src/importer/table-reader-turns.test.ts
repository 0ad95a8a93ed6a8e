import { parse as parseCsvSync } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { importCsv, importRow } from "../../../test/support/import-csv.js";
import { writeXlsx } from "../../../test/support/xlsx.js";
import { mapInSlices, timeSlices } from "../kernel/index.js";
import { readTable, TableReadError } from "./table-reader.js";

/**
 * A big file is read without holding up the server's other requests (bench: `npm run bench:import`).
 * Told by order, not by time: a callback queued for the event loop's next turn before the read
 * starts has run before the read is done. An `await` of work done in one synchronous go cannot let
 * it: the read would resolve first.
 */
const rows = Array.from({ length: 600 }, (_, i) => importRow(i, { seed: 7, offset: 0, titleMark: "順" }));
const csv = Buffer.from(importCsv(rows), "utf8");

async function turnTakenDuring<T>(work: () => Promise<T>): Promise<{ result: T; otherRanFirst: boolean }> {
  let other = false;
  setImmediate(() => (other = true));
  const result = await work();
  return { result, otherRanFirst: other };
}

describe("reading a table lets other requests run", () => {
  it("parses a CSV of several slices with turns in between, into exactly what the one-go parser gives", async () => {
    expect(csv.length).toBeGreaterThan(3 * 64 * 1024);
    const { result, otherRanFirst } = await turnTakenDuring(() => readTable("list.csv", csv));
    expect(otherRanFirst).toBe(true);
    const whole = parseCsvSync(csv.toString("utf8"), { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
    expect(result.headers).toEqual(whole[0]);
    expect(result.rows.map((r) => r.cells)).toEqual(whole.slice(1).filter((cells) => cells.some((c) => c.trim())));
    expect(result.rows).toHaveLength(600);
  });

  it("reports a broken CSV past the first slice with its line, as before", async () => {
    const broken = Buffer.concat([csv, Buffer.from('"閉じていない引用符,2024\r\n', "utf8")]);
    const error = await readTable("list.csv", broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as Error).message).toMatch(/^CSV として読めません（\d+行目付近）/);
  });

  // The sheet is parsed in a worker thread (xlsx-sheet.ts); what matters here is that the cells come
  // back across the thread as they were read. (Order cannot show the worker: the zip reader yields too.)
  it("reads an .xlsx sheet in a worker, its cells keeping their types across the thread", async () => {
    const date = new Date(Date.UTC(2024, 3, 1));
    const book = writeXlsx("一覧", [["件名", "年度", "開始日", "済"], ...Array.from({ length: 300 }, (_, i) => [`窓口の改善${i}`, 2024, date, i % 2 === 0])]);
    const result = await readTable("list.xlsx", book);
    expect(result.rows).toHaveLength(300);
    expect(result.rows[0]).toEqual({ row: 2, cells: ["窓口の改善0", 2024, date, true] });
    expect(result.rows[1]!.cells[3]).toBe(false);
    expect(result.rows[0]!.cells[2]).toBeInstanceOf(Date);
  });

  it("maps in slices: the other turn comes between two items, and the order is kept", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("other"));
    const out = await mapInSlices([1, 2, 3], (n) => (order.push(`item ${n}`), n * 2), timeSlices(0));
    expect(out).toEqual([2, 4, 6]);
    expect(order.indexOf("other")).toBeGreaterThan(0);
    expect(order.indexOf("other")).toBeLessThan(order.indexOf("item 3"));
  });
});

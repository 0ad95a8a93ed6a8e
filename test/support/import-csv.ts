import { generateCase } from "./case-generator.ts";

/**
 * A generated table for the admin import, as a city hall's spreadsheet export looks: the columns,
 * the saved mapping the import page would send, and row i of case i of the generator. Tests that
 * drive the import over HTTP (fault tests, two instances) each use their own externalId prefix and
 * generator seed, so their cases never collide.
 */
export const IMPORT_COLUMNS = ["No.", "種別", "件名", "概要", "取組内容", "成果", "所属", "部局", "年度", "タグ"];

export function importMapping(externalIdPrefix: string): string {
  return JSON.stringify({
    format: "table",
    fields: {
      externalId: { column: "No.", prefix: externalIdPrefix },
      kind: { column: "種別", values: { 取組: "PRACTICE", kintone: "KINTONE_APP" } },
      title: "件名",
      summary: "概要",
      actions: "取組内容",
      results: "成果",
      department: "所属",
      departmentPath: "部局",
      fiscalYear: "年度",
      tags: { column: "タグ", split: ["、"] },
    },
  });
}

/** Row i (1-based No. i + 1); `titleMark` keeps titles unique within a test (e.g. 取込). */
export function importRow(i: number, options: { seed: number; offset: number; titleMark: string }): string {
  const c = generateCase(options.offset + i, options.seed);
  const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
  return [
    String(i + 1),
    i % 3 ? "取組" : "kintone",
    `${c.title}（${options.titleMark}${i + 1}）`,
    c.summary,
    c.actions ?? "",
    c.results ?? "",
    c.department,
    (c.departmentPath ?? []).join("/"),
    String(c.fiscalYear),
    (c.tags ?? []).join("、"),
  ]
    .map(cell)
    .join(",");
}

/** The CSV text (CRLF, as Excel writes it) of a header and rows. */
export function importCsv(rows: string[]): string {
  return `${[IMPORT_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

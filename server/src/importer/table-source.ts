import type { TableMapping } from "@kb/shared";
import { mappingColumns, type Scope, type SourceRecord, type SourceValue } from "./mapping.js";
import { cellText, columnKey, isBlank, type ReadTable, type TableRow } from "./table-reader.js";

export interface TableRecords {
  records: SourceRecord[];
  /** Rows that belong to no record (a kintone table row before any record start). */
  orphans: { where: string; row: number; message: string }[];
  /** Columns the mapping names that the file does not have. */
  missingColumns: string[];
}

/**
 * Turns a read table into source records. A plain list: one row, one record. kintone's CSV export
 * (mapping format "kintone"): a record starts at a row whose 「レコードの開始行」 cell is `*`, and the
 * rows after it, up to the next `*`, are the rows of its tables; the record's own fields are read
 * from its first row that has them. Multi-value fields (checkboxes, users, …) are one cell with a
 * value per line, which list fields split by line.
 */
export function tableRecords(table: ReadTable, mapping: TableMapping): TableRecords {
  const index = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const key = columnKey(h);
    if (key && !index.has(key)) index.set(key, i);
  });
  const missingColumns = mappingColumns(mapping).filter((c) => !index.has(columnKey(c)));

  const scopeOf = (row: TableRow): Scope => {
    const scope: Scope = {
      get: (column) => {
        const i = index.get(columnKey(column));
        return i === undefined ? undefined : (row.cells[i] ?? null);
      },
      rows: () => [scope],
    };
    return scope;
  };

  const startIndex = mapping.format === "kintone" ? index.get(columnKey(mapping.kintone.recordStartColumn)) : undefined;
  const groups: TableRow[][] = [];
  const orphans: TableRecords["orphans"] = [];
  for (const row of table.rows) {
    if (startIndex === undefined) {
      groups.push([row]);
      continue;
    }
    const marker = row.cells[startIndex];
    if (!isBlank(marker ?? null) && cellText(marker!).trim() === "*") groups.push([row]);
    else if (groups.length) groups.at(-1)!.push(row);
    else {
      orphans.push({
        where: `${row.row}行目`,
        row: row.row,
        message: `「${mapping.kintone.recordStartColumn}」に * がない行が、最初のレコードより前にあります`,
      });
    }
  }

  const records = groups.map((rows): SourceRecord => {
    const scopes = rows.map(scopeOf);
    const first = rows[0]!.row;
    const last = rows.at(-1)!.row;
    return {
      where: first === last ? `${first}行目` : `${first}〜${last}行目`,
      row: first,
      get(column): SourceValue | undefined {
        let value: SourceValue | undefined;
        for (const scope of scopes) {
          value = scope.get(column);
          if (value === undefined) return undefined;
          if (!isBlank(value as never)) return value;
        }
        return value;
      },
      rows: () => scopes,
    };
  });
  return { records, orphans, missingColumns };
}

import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { importInterchangeFile } from "../../server/src/importer/import.service.js";
import { parseInterchangeFile } from "../../server/src/importer/jsonl-reader.js";
import { canImport, executePlan, parseMappingText, planTableFile } from "../../server/src/importer/table-import.service.js";
import { readTable, RefusedFileError, TableReadError } from "../../server/src/importer/table-reader.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { writeXlsx } from "../support/xlsx.js";
import { anyJson, databaseFingerprint, fcParams, nastyString, preview } from "./fuzz-support.js";

/**
 * Property-based tests of the import parsers, on the real database: arbitrary lines and bytes never
 * crash the process or throw anything but the readers' own coded error; every line or row is either
 * read or reported with its number; an import that is refused writes nothing at all, and one that
 * runs writes whole cases only (the fingerprint of every table is compared).
 */
let kb: TestBackend;
let dir: string;
let fileNo = 0;

beforeAll(async () => {
  kb = await createTestBackend();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-fuzz-import-"));
});
afterAll(async () => {
  await kb?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** No line breaks inside one generated line (the test counts lines). */
const oneLine = (s: string) => s.replace(/[\r\n]/g, " ");

const goodRecord = fc.record({
  externalId: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  kind: fc.constantFrom("KINTONE_APP", "WORKSHOP", "TALENT_LESSON", "PRACTICE"),
  title: fc.constantFrom("窓口予約の電子化", "会議録の作成支援", "ＲＰＡで入力"),
  summary: fc.constantFrom("概要です。", "来庁予約を受け付けた。"),
  department: fc.constantFrom("市民課", "子育て支援課", "ＤＸ推進課"),
  fiscalYear: fc.integer({ min: 2015, max: 2025 }),
  tags: fc.array(fc.constantFrom("kintone", "窓口DX", "ＲＰＡ"), { maxLength: 3 }),
  status: fc.constantFrom("DRAFT", "PUBLISHED"),
});
const RECORD_KEYS = ["externalId", "kind", "title", "summary", "background", "department", "departmentPath", "fiscalYear", "tags", "effects", "status", "details", "extra"] as const;
/** A record with up to three fields replaced by hostile values. */
const hostileRecord = fc
  .tuple(goodRecord, fc.uniqueArray(fc.constantFrom(...RECORD_KEYS), { maxLength: 3 }))
  .chain(([record, keys]) =>
    fc.tuple(
      fc.constant(record),
      ...keys.map((k) =>
        fc.tuple(
          fc.constant(k),
          fc.oneof(
            nastyString(),
            anyJson,
            fc.array(nastyString(20), { maxLength: 40 }),
            fc.array(fc.record({ label: nastyString(20), before: anyJson, unit: nastyString(10) }, { requiredKeys: [] }), { maxLength: 3 }),
            fc.dictionary(fc.constantFrom("purpose", "mainFields", "tools", "dates", "x"), anyJson, { maxKeys: 3 }),
          ),
        ),
      ),
    ),
  )
  .map(([record, ...overrides]) => ({ ...record, ...Object.fromEntries(overrides as [string, unknown][]) }));

const jsonlLine = fc.oneof(
  { weight: 3, arbitrary: goodRecord.map((r) => JSON.stringify(r)) },
  { weight: 4, arbitrary: hostileRecord.map((r) => JSON.stringify(r)) },
  { weight: 1, arbitrary: anyJson.map((v) => oneLine(JSON.stringify(v) ?? "")) },
  { weight: 1, arbitrary: nastyString(200).map(oneLine) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b.map((x) => (x === 10 || x === 13 ? 32 : x))).toString("latin1")) },
  { weight: 1, arbitrary: fc.constantFrom("", "   ", "\uFEFF{}", "{", "[]", "null", '{"externalId":"a"}') },
);

async function writeTemp(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, `${++fileNo}-${name}`);
  await fs.writeFile(file, content);
  return file;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((t) => before[t] !== after[t]);
}

describe("import parsers (property-based)", () => {
  it("JSON Lines: every line is read or reported; a refused import writes nothing; skipInvalid writes whole cases", async () => {
    let imported = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(jsonlLine, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), async (lines, crlf, skipInvalid) => {
        const file = await writeTemp("cases.jsonl", lines.join(crlf ? "\r\n" : "\n"));
        const parsed = await parseInterchangeFile(file);
        const nonBlank = lines.map((l, i) => ({ line: i + 1, text: (i === 0 ? l.replace(/^\uFEFF/, "") : l).trim() })).filter((l) => l.text);
        expect(parsed.lines).toBe(nonBlank.length);
        // Each non-blank line is a record or an error, once; nothing else.
        const seen = [...parsed.records.map((r) => r.line), ...parsed.errors.map((e) => e.line)].sort((a, b) => a - b);
        expect(seen).toEqual(nonBlank.map((l) => l.line));
        for (const e of parsed.errors) expect(e.messages.length).toBeGreaterThan(0);

        const em = kb.orm.em.fork();
        const before = await databaseFingerprint(em);
        const report = await importInterchangeFile(kb.orm, file, { skipInvalid }).catch((error: unknown) => {
          throw new Error(`import threw ${String(error)}\nfor ${preview(lines)}`);
        });
        const after = await databaseFingerprint(em);
        if (!report.imported) {
          refused++;
          expect(parsed.errors.length).toBeGreaterThan(0);
          expect(changedTables(before, after)).toEqual([]);
        } else {
          imported++;
          expect(report.created + report.updated + report.unchanged).toBe(parsed.records.length);
          if (report.created + report.updated === 0) expect(changedTables(before, after)).toEqual([]);
        }
      }),
      fcParams(80),
    );
    expect(imported).toBeGreaterThan(3);
    expect(refused).toBeGreaterThan(3);
  });

  it("readTable: any bytes under any name give a table or a TableReadError, nothing else", async () => {
    const realXlsx = writeXlsx("一覧", [
      ["番号", "件名", "年度"],
      ["1", "窓口予約", 2024],
      ["2", "会議録", new Date(Date.UTC(2024, 3, 1))],
    ]);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      nastyString(300).map((s) => Buffer.from(s)),
      nastyString(300).map((s) => iconv.encode(s, "Shift_JIS")),
      // Zip signature, then anything.
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(b)])),
      // A real workbook with a few bytes changed or cut short.
      fc
        .tuple(fc.array(fc.tuple(fc.nat(realXlsx.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat(realXlsx.length))
        .map(([flips, cut]) => {
          const copy = Buffer.from(realXlsx);
          for (const [at, value] of flips) copy[at] = value;
          return cut > realXlsx.length / 2 ? copy : copy.subarray(0, cut);
        }),
      // CSV with quotes gone wrong.
      fc.array(fc.constantFrom('"', ",", "\n", "\r", "a", "件名", '""', "\t", ";"), { maxLength: 60 }).map((parts) => Buffer.from(parts.join(""))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("a.csv", "a.tsv", "a.txt", "a.xlsx", "a.XLSX", "a.xls", "a.pdf", "noext", ".csv", "a.csv.xlsx"),
        bytes,
        fc.record({
          encoding: fc.constantFrom(undefined, "auto", "utf-8", "shift_jis"),
          delimiter: fc.constantFrom(undefined, ",", "\t", ";"),
          sheet: fc.constantFrom(undefined, 1, 2, "一覧", "ない"),
          headerRow: fc.constantFrom(undefined, 1, 2, 50),
        }, { requiredKeys: [] }),
        async (fileName, data, options) => {
          try {
            const table = await readTable(fileName, data, options as never);
            expect(Array.isArray(table.headers)).toBe(true);
            for (const row of table.rows) expect(row.row).toBeGreaterThan(0);
          } catch (error) {
            if (!(error instanceof TableReadError)) throw new Error(`readTable threw ${String(error)}\nfor ${fileName} ${preview(options)} ${data.toString("base64").slice(0, 400)}`);
            expect(error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/); // a Japanese message for the person importing
          }
        },
      ),
      fcParams(300),
    );
  });

  it("CSV / Excel with a mapping: every row planned or rejected with its row; a refused import writes nothing", async () => {
    const mapping = parseMappingText(await fs.readFile(path.join(REPO_ROOT, "test/fixtures/table-import/list.mapping.json"), "utf8"));
    const header = ["番号", "年度", "担当課", "種別", "件名", "概要", "取組", "補足", "タグ", "処理時間（前）", "処理時間（後）"];
    const goodRow = fc.tuple(
      fc.integer({ min: 1, max: 40 }).map(String),
      fc.constantFrom("R6", "2024", "今年度", "令和5年度"),
      fc.constantFrom("市民課", "ＤＸ推進課"),
      fc.constantFrom("その他の業務改善", "kintoneアプリ", ""),
      fc.constantFrom("転入届のチェックリスト", "窓口予約"),
      fc.constantFrom("概要です。", "来庁予約を受け付けた。"),
      fc.constant("取組"),
      fc.constant(""),
      fc.constantFrom("窓口、チェックリスト", "kintone,RPA", ""),
      fc.constantFrom("15", "１５", ""),
      fc.constantFrom("9", "abc", ""),
    );
    const row = fc
      .tuple(goodRow, fc.uniqueArray(fc.nat(header.length - 1), { maxLength: 3 }), fc.array(nastyString(80), { minLength: 3, maxLength: 3 }))
      .map(([cells, at, values]) => {
        const out: string[] = [...cells];
        at.forEach((i, k) => (out[i] = values[k]!));
        return out;
      });
    const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 0, maxLength: 8 }),
        fc.constantFrom("utf-8", "shift_jis", "xlsx"),
        fc.boolean(),
        fc.constantFrom("DRAFT", "PUBLISHED"),
        async (rows, format, skipInvalid, status) => {
          let file: { fileName: string; bytes: Buffer };
          if (format === "xlsx") {
            file = { fileName: "一覧.xlsx", bytes: writeXlsx("一覧", [header, ...rows]) };
          } else {
            const csv = [header, ...rows].map((r) => r.map(quote).join(",")).join("\r\n");
            file = { fileName: "一覧.csv", bytes: format === "utf-8" ? Buffer.from(csv) : iconv.encode(csv, "Shift_JIS") };
          }
          const em = kb.orm.em.fork();
          const before = await databaseFingerprint(em);
          const plan = await planTableFile(kb.orm.em.fork(), file, mapping, { status }).catch((error: unknown) => {
            // A file holding NUL is refused whole (it used to reach PostgreSQL and answer 500).
            if (error instanceof RefusedFileError && rows.some((r) => r.some((c) => c.includes("\u0000")))) return null;
            throw error;
          });
          expect(changedTables(before, await databaseFingerprint(em))).toEqual([]); // the dry run writes nothing
          if (!plan) return;
          if (!plan.report.fileErrors.length) {
            expect(plan.report.records).toBe(rows.length);
            for (const r of plan.report.rows) {
              if (r.action === "REJECT") expect(r.messages.length).toBeGreaterThan(0);
            }
          }
          const report = await executePlan(kb.orm, plan, { skipInvalid, actorId: null, sourceKind: "table" }).catch((error: unknown) => {
            throw new Error(`import threw ${String(error)}\nfor ${preview({ format, rows })}`);
          });
          expect(report.imported).toBe(canImport(plan, skipInvalid));
          if (!report.imported) expect(changedTables(before, await databaseFingerprint(em))).toEqual([]);
        },
      ),
      fcParams(80),
    );
  });
});

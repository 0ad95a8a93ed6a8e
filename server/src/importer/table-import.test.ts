import fs from "node:fs/promises";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { writeXlsx } from "../../../test/support/xlsx.js";
import { REPO_ROOT } from "../config/index.js";
import { executePlan, MappingError, parseMappingText, planTableFile } from "./table-import.service.js";

/** Table imports on the real database: reading, mapping, the dry run, all-or-nothing, idempotency. */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

const EXAMPLES = path.join(REPO_ROOT, "seeds/import-examples");
const FIXTURES = path.join(REPO_ROOT, "test/fixtures/table-import");
const read = (file: string) => fs.readFile(file);
const mappingOf = async (file: string) => parseMappingText(await fs.readFile(file, "utf8"));

async function count(table: string, where = "true"): Promise<number> {
  const [row] = await kb.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${table} where ${where}`);
  return Number(row!.n);
}

async function plan(fileName: string, bytes: Buffer, mappingFile: string, options: { encoding?: "auto" | "utf-8" | "shift_jis"; status?: "DRAFT" | "PUBLISHED" } = {}) {
  return planTableFile(kb.orm.em.fork(), { fileName, bytes }, await mappingOf(mappingFile), { status: options.status ?? "DRAFT", encoding: options.encoding });
}

describe("kintone's CSV export", () => {
  const csv = path.join(EXAMPLES, "kintone-export.csv");
  const mapping = path.join(EXAMPLES, "kintone-export.mapping.json");

  it("detects Shift_JIS, groups table rows into their record and imports; a second run writes nothing", async () => {
    const bytes = await read(csv);
    const first = await plan("kintone-export.csv", bytes, mapping, { status: "PUBLISHED" });
    expect(first.report.source).toMatchObject({ format: "csv", encoding: "shift_jis" });
    expect(first.report.source.columns).toContain("レコードの開始行");
    expect(first.report.rows.map((r) => [r.where, r.action, r.externalId])).toEqual([
      ["2〜3行目", "CREATE", "kintone-kaizen-101"],
      ["4行目", "CREATE", "kintone-kaizen-102"],
      ["5行目", "CREATE", "kintone-kaizen-103"],
    ]);
    const road = first.records[0]!;
    expect(road).toMatchObject({
      kind: "KINTONE_APP",
      title: "道路占用許可 申請進捗共有アプリ",
      department: "道路管理課",
      departmentPath: ["都市整備部"],
      fiscalYear: 2024,
      tags: ["kintone", "進捗管理", "窓口DX"],
      status: "PUBLISHED",
      effects: [
        { label: "進捗の問い合わせの取り次ぎ", before: 20, after: 3, unit: "件/週" },
        { label: "許可までの日数", before: 14, after: 10, unit: "日" },
      ],
      details: { mainFields: ["受付番号", "申請者（事業者名）", "占用場所", "審査段階", "担当者"], runsOnLgwan: true },
    });
    expect(first.records[1]!.fiscalYear).toBe(2023); // "R5"
    expect(first.records[2]!.kind).toBe("PRACTICE");
    expect(first.records[2]!.details).toBeUndefined(); // KINTONE_APP details are dropped for PRACTICE

    const report = await executePlan(kb.orm, first, { skipInvalid: false, actorId: null, sourceKind: "table" });
    expect(report).toMatchObject({ imported: true, created: 3, updated: 0, unchanged: 0 });
    await kb.syncSearch();
    const found = await kb.gql<{ searchCases: { hits: { case: { externalId: string } }[] } }>(`{ searchCases(query: "道路占用", first: 5) { hits { case { externalId } } } }`);
    expect(found.data!.searchCases.hits.map((h) => h.case.externalId)).toEqual(["kintone-kaizen-101"]);
    const revisions = await count("case_revisions");

    // The same export saved as UTF-8 (with a BOM, as kintone writes it) is the same content.
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(iconv.decode(bytes, "cp932"), "utf8")]);
    const again = await plan("kintone-export-utf8.csv", utf8, mapping, { status: "PUBLISHED" });
    expect(again.report.source.encoding).toBe("utf-8");
    expect(again.report.rows.map((r) => r.action)).toEqual(["UNCHANGED", "UNCHANGED", "UNCHANGED"]);
    const second = await executePlan(kb.orm, again, { skipInvalid: false, actorId: null, sourceKind: "table" });
    expect(second).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 3 });
    expect(await count("cases")).toBe(3);
    expect(await count("case_revisions")).toBe(revisions);
    expect(await count("audit_log", "action = 'case.import'")).toBe(2);

    // Importing as drafts does not touch the stored cases' status: nothing to write, and said so.
    const drafts = await plan("kintone-export.csv", bytes, mapping, { status: "DRAFT" });
    expect(drafts.report.rows.map((r) => [r.action, r.statusChange?.outcome])).toEqual([
      ["UNCHANGED", "NOT_REQUESTED"],
      ["UNCHANGED", "NOT_REQUESTED"],
      ["UNCHANGED", "NOT_REQUESTED"],
    ]);
  });

  it("reads a Shift_JIS file forced as UTF-8 as garbage: the columns are missing and nothing is imported", async () => {
    const result = await plan("kintone-export.csv", await read(csv), mapping, { encoding: "utf-8" });
    expect(result.report.fileErrors[0]).toMatch(/^ファイルにない列が対応付けに書かれています: 「レコード番号」/);
    expect(result.records).toEqual([]);
    expect((await executePlan(kb.orm, result, { skipInvalid: true, actorId: null, sourceKind: "table" })).imported).toBe(false);
  });

  it("refuses bytes that are neither UTF-8 nor Shift_JIS", async () => {
    const result = await plan("broken.csv", Buffer.from([0x82, 0xa0, 0x0a, 0xff, 0xfe, 0x81, 0x0a]), mapping);
    expect(result.report.fileErrors[0]).toContain("文字コードを判定できません");
  });
});

describe("a UTF-8 list with Japanese headers", () => {
  const mapping = path.join(FIXTURES, "list.mapping.json");

  it("maps columns, value maps, several columns, full-width numbers; Shift_JIS gives the same result", async () => {
    const bytes = await read(path.join(FIXTURES, "cases-utf8.csv"));
    const utf8 = await plan("cases-utf8.csv", bytes, mapping);
    expect(utf8.report.source.encoding).toBe("utf-8");
    expect(utf8.report.rejected).toBe(0);
    expect(utf8.records.map((r) => [r.externalId, r.kind, r.fiscalYear, r.tags])).toEqual([
      ["t-1", "PRACTICE", 2024, ["窓口", "チェックリスト"]],
      ["t-2", "PRACTICE", 2023, ["FAQ"]],
      ["t-3", "PRACTICE", 2025, []],
    ]);
    expect(utf8.records[0]!.actions).toBe("チェックリストを作成\n\n記入例も添えた。\n裏面に地図を載せた。");
    expect(utf8.records[0]!.effects).toEqual([{ label: "処理時間", before: 15, after: 9, unit: "分/件" }]);
    expect(utf8.records[1]!.effects).toEqual([]);
    expect(utf8.records[2]!.effects).toEqual([{ label: "処理時間", before: 20, after: 12, unit: "分/件" }]);

    const sjis = await plan("cases-sjis.csv", iconv.encode(bytes.toString("utf8").replace(/^\uFEFF/, ""), "cp932"), mapping);
    expect(sjis.report.source.encoding).toBe("shift_jis");
    expect(sjis.records).toEqual(utf8.records);
  });

  it("reports every bad row with its row number and imports nothing; --skip-invalid imports the good ones", async () => {
    const before = await count("cases");
    const result = await plan("bad-rows.csv", await read(path.join(FIXTURES, "bad-rows.csv")), mapping);
    const rejected = result.report.rows.filter((r) => r.action === "REJECT");
    expect(rejected.map((r) => r.where)).toEqual(["3行目", "4行目", "5行目", "6行目", "7行目"]);
    const messages = Object.fromEntries(rejected.map((r) => [r.where, r.messages]));
    expect(messages["3行目"]).toEqual(["fiscalYear（列「年度」）: 年度「来年度」を読めません（例: 2024、R6、令和6年度）"]);
    expect(messages["4行目"]).toEqual(["title（列「件名」）: タイトルを入力してください"]);
    expect(messages["5行目"]).toEqual(["effects.0.before（列「処理時間（前）」）: 「たくさん」を数値として読めません"]);
    expect(messages["6行目"]).toEqual(["externalId: t-1 は 2行目 と重複しています"]);
    expect(messages["7行目"]!.join("\n")).toMatch(/kind（列「種別」）: kind は .* のいずれかです/);
    expect(messages["7行目"]!.join("\n")).toContain("department（列「担当課」）: 所属を入力してください");

    const report = await executePlan(kb.orm, result, { skipInvalid: false, actorId: null, sourceKind: "table" });
    expect(report.imported).toBe(false);
    expect(await count("cases")).toBe(before);

    const skipped = await executePlan(kb.orm, result, { skipInvalid: true, actorId: null, sourceKind: "table" });
    expect(skipped).toMatchObject({ imported: true, created: 1, rejected: 5 });
    expect(await count("cases")).toBe(before + 1);
  });
});

describe("Excel lists", () => {
  it("reads the example list: 年度 in four spellings, dates and numbers from cells", async () => {
    const result = await plan("case-list.xlsx", await read(path.join(EXAMPLES, "case-list.xlsx")), path.join(EXAMPLES, "case-list.mapping.json"));
    expect(result.report.source).toMatchObject({ format: "xlsx", encoding: null });
    expect(result.report.rejected).toBe(0);
    expect(result.records.map((r) => [r.externalId, r.kind, r.fiscalYear])).toEqual([
      ["list-1", "PRACTICE", 2024],
      ["list-2", "KINTONE_APP", 2023],
      ["list-3", "WORKSHOP", 2024],
      ["list-4", "PRACTICE", 2023],
    ]);
    expect(result.records[1]!.effects).toEqual([{ label: "引き継ぎにかかる時間", before: 2, after: 0.5, unit: "日" }]);
    expect(result.records[2]!.details).toEqual({ dates: ["2024-11-12"], participantCount: 18 });
    expect(result.records[0]!.tags).toEqual(["議事録", "文字起こし", "業務効率化"]);
  });

  it("reports a bad row by its sheet row number and a missing sheet plainly", async () => {
    const mapping = path.join(FIXTURES, "list.mapping.json");
    const header = ["番号", "年度", "担当課", "種別", "件名", "概要", "取組", "補足", "タグ", "処理時間（前）", "処理時間（後）"];
    const bytes = writeXlsx("一覧", [
      header,
      [11, "R6", "市民課", null, "正しい行", "概要", null, null, null, 10, 5],
      [12, "来年", "市民課", null, "年度が読めない行", "概要", null, null, null, null, null],
      [13, new Date(Date.UTC(2025, 2, 31)), "市民課", null, "日付の年度", "概要", null, null, null, null, null],
    ]);
    const result = await plan("list.xlsx", bytes, mapping);
    expect(result.report.rows.map((r) => [r.where, r.action])).toEqual([
      ["2行目", "CREATE"],
      ["3行目", "REJECT"],
      ["4行目", "CREATE"],
    ]);
    expect(result.report.rows[1]!.messages[0]).toContain("年度「来年」を読めません");
    expect(result.records[1]!.fiscalYear).toBe(2024); // 2025-03-31 is in 2024年度

    const missing = await planTableFile(kb.orm.em.fork(), { fileName: "list.xlsx", bytes }, await mappingOf(mapping), { status: "DRAFT", sheet: "ない" });
    expect(missing.report.fileErrors).toEqual(["シート「ない」が見つかりません。"]);
  });
});

describe("mapping files", () => {
  it("lists every problem with its path", () => {
    let error: unknown;
    try {
      parseMappingText(JSON.stringify({ fields: { externalId: "No", title: { column: "件名", value: "x" }, status: "状態", details: { colour: "色" } } }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MappingError);
    const problems = (error as MappingError).problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^fields: fields に書けない項目です: status/),
        expect.stringMatching(/^fields\.kind: /),
        expect.stringMatching(/^fields\.title: /),
        expect.stringMatching(/^fields\.details: .*colour/),
      ]),
    );
    expect(() => parseMappingText("{ not json")).toThrow(/JSON として読めません/);
  });
});

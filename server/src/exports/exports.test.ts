import { parse } from "csv-parse/sync";
import { interchangeCaseSchema } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { importCases } from "../importer/index.js";
import type { Viewer } from "../kernel/index.js";
import { COLLECTION_CSV_COLUMNS, CSV_COLUMNS, spreadsheetSafe } from "./export.service.js";

/**
 * Exports over real HTTP: a search result as CSV that Excel opens (BOM, CRLF, quoting,
 * formula-safe), read back and compared with the search itself; a collection as CSV and as
 * interchange JSON Lines that `kb import` accepts unchanged. Logged-in users only; audited.
 */
let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;
let staff: Viewer & { email: string; password: string };
let secretariat: Viewer & { email: string; password: string };
let staffSession: HttpSession;

const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** What Excel sees: the bytes, the BOM, then RFC 4180 records. */
async function readCsv(res: Response): Promise<{ raw: Buffer; rows: string[][] }> {
  const raw = Buffer.from(await res.arrayBuffer());
  const rows = parse(raw, { bom: true, relax_column_count: false }) as string[][];
  return { raw, rows };
}

beforeAll(async () => {
  kb = await createTestBackend();
  http = await startHttp(kb);
  staff = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  await kb.importCases([
    buildCase({
      externalId: "exp-yoyaku",
      kind: "KINTONE_APP",
      title: "児童扶養手当 来庁予約アプリ",
      summary: "予約で窓口の待ち時間を減らした。\n\"待たない窓口\", と呼ばれています。",
      department: "子育て支援課",
      departmentPath: ["こども未来局"],
      fiscalYear: 2024,
      tags: ["kintone", "窓口DX"],
      effects: [{ label: "受付時間", before: 13, after: 8, unit: "分/件" }],
      details: { recordVolume: "年間約1,200件", runsOnLgwan: true },
    }),
    buildCase({ externalId: "exp-formula", title: "=HYPERLINK(\"http://example.com\") 予約の集計", summary: "-1 予約の数式に見える概要", department: "管財課", fiscalYear: 2023 }),
    buildCase({ externalId: "exp-other", title: "議事録の生成AI", summary: "関係のない事例", department: "情報政策課", fiscalYear: 2024 }),
    // Enough cases with one word to need several pages of the search service.
    ...Array.from({ length: 130 }, (_, i) => buildCase({ externalId: `exp-bulk-${i}`, title: `大量の事例 ${i}`, summary: "一括確認用のハクビシン事例", fiscalYear: 2022 })),
  ]);
  staffSession = new HttpSession(http.url, "10.1.0.1");
  expect((await staffSession.login(staff.email, staff.password)).errors).toBeUndefined();
});
afterAll(async () => {
  await http?.close();
  await kb?.close();
});

describe("CSV of a search result", () => {
  it("needs a login and a valid query", async () => {
    const anonymous = await new HttpSession(http.url).download("/api/exports/search.csv?q=予約");
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const bad = await staffSession.download("/api/exports/search.csv?kind=NOPE");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "BAD_USER_INPUT" } });
  });

  it("opens in Excel (BOM, CRLF) and reads back as the same results in the same order", async () => {
    const res = await staffSession.download(`/api/exports/search.csv?q=${encodeURIComponent("予約")}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="kb-search-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E5%A5%BD%E4%BA%8B%E4%BE%8B_/);
    const { raw, rows } = await readCsv(res);
    expect(raw.subarray(0, 3).equals(BOM)).toBe(true);
    expect(raw.toString("utf8")).toMatch(/^\uFEFF"ID","外部ID",.*"URL"\r\n/);

    const [header, ...records] = rows;
    expect(header).toEqual([...CSV_COLUMNS]);
    const search = await staffSession.gql<{ searchCases: { hits: { case: { id: string; title: string } }[] } }>(
      `{ searchCases(query: "予約", first: 100) { hits { case { id title } } } }`,
    );
    expect(records.map((r) => r[0])).toEqual(search.data!.searchCases.hits.map((h) => h.case.id));

    const yoyaku = records.find((r) => r[1] === "exp-yoyaku")!;
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, yoyaku[i]]));
    expect(byColumn).toMatchObject({
      タイトル: "児童扶養手当 来庁予約アプリ",
      種別: "kintoneアプリ",
      "所属（課）": "子育て支援課",
      "所属（局・部・課）": "こども未来局 > 子育て支援課",
      年度: "2024",
      "年度（和暦）": "令和6年度",
      タグ: "kintone、窓口DX",
      概要: "予約で窓口の待ち時間を減らした。\n\"待たない窓口\", と呼ばれています。",
      定量効果: "受付時間: 13 → 8 分/件",
      取り入れた課の数: "0",
      URL: `${http.url}/cases/${byColumn.ID}`,
    });
    expect(byColumn.公開日).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A title that Excel would run as a formula is shown as text.
    const formula = records.find((r) => r[1] === "exp-formula")!;
    expect(formula[2]).toBe(`'=HYPERLINK("http://example.com") 予約の集計`);
    expect(formula[9]).toBe("'-1 予約の数式に見える概要");
    expect(spreadsheetSafe("@SUM(1)")).toBe("'@SUM(1)");
    expect(spreadsheetSafe("普通の文")).toBe("普通の文");
  });

  it("takes the search page's filters and exports every page of a long result", async () => {
    const filtered = await readCsv(await staffSession.download(`/api/exports/search.csv?q=${encodeURIComponent("予約")}&kind=KINTONE_APP&fy=R6`));
    expect(filtered.rows.slice(1).map((r) => r[1])).toEqual(["exp-yoyaku"]);
    // 横展開 filter (the search page's adopted=N): only cases that many 課 are trying or using.
    const [yoyaku] = await sql<{ id: string }>("select id from cases where external_id = 'exp-yoyaku'");
    const adopting = await kb.createViewer({ department: "税務課" });
    const recorded = await kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { status } }`, { input: { caseId: yoyaku!.id, status: "TRIAL" } }, { viewer: adopting });
    expect(recorded.errors).toBeUndefined();
    await kb.syncSearch();
    const adopted = await readCsv(await staffSession.download(`/api/exports/search.csv?q=${encodeURIComponent("予約")}&adopted=1`));
    expect(adopted.rows.slice(1).map((r) => [r[1], r[11]])).toEqual([["exp-yoyaku", "1"]]);

    const all = await readCsv(await staffSession.download(`/api/exports/search.csv?q=${encodeURIComponent("ハクビシン")}&sort=NEWEST`));
    expect(all.rows.length - 1).toBe(130);
    expect(new Set(all.rows.slice(1).map((r) => r[0])).size).toBe(130);
    const audit = await sql<{ actor_id: string; after: { query: string; rows: number } }>(
      "select actor_id, after from audit_log where action = 'export.search.csv' order by id",
    );
    expect(audit.at(-1)).toMatchObject({ actor_id: staff.userId, after: { query: "ハクビシン", rows: 130 } });
  });
});

describe("a collection's exports", () => {
  let collectionId: string;
  const secretariatSession = () => {
    const s = new HttpSession(http.url, "10.1.0.2");
    return s.login(secretariat.email, secretariat.password).then(() => s);
  };

  beforeAll(async () => {
    const s = await secretariatSession();
    const created = await s.gql<{ createCollection: { id: string } }>(`mutation { createCollection(input: { title: "令和6年度 好事例集", fiscalYear: 2024 }) { id } }`);
    collectionId = created.data!.createCollection.id;
    const ids = Object.fromEntries((await sql<{ id: string; external_id: string }>("select id, external_id from cases")).map((r) => [r.external_id, r.id]));
    for (const [externalId, reason] of [
      ["exp-other", "生成AIの最初の一歩"],
      ["exp-yoyaku", "窓口の待ち時間が半分"],
      ["exp-formula", "集計の手間を削減"],
    ] as const) {
      const added = await s.gql(`mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { id } }`, {
        input: { collectionId, caseId: ids[externalId], reason },
      });
      expect(added.errors).toBeUndefined();
    }
    await s.gql(`mutation ($id: ID!) { archiveCase(id: $id) { status } }`, { id: ids["exp-formula"] });
  });

  it("is not there for those who may not read the collection", async () => {
    const hidden = await staffSession.download(`/api/exports/collections/${collectionId}/cases.jsonl`); // a draft
    expect(hidden.status).toBe(404);
    // …answered exactly as a collection that does not exist, or a malformed id (no existence oracle).
    const body = await hidden.json();
    for (const id of ["3e5f7a9c-1b2d-4e6f-8a0c-2e4f6a8c0e1b", "not-a-uuid"]) {
      const missing = await staffSession.download(`/api/exports/collections/${id}/cases.jsonl`);
      expect([missing.status, await missing.json()]).toEqual([404, body]);
    }
    expect((await new HttpSession(http.url).download(`/api/exports/collections/${collectionId}/cases.csv`)).status).toBe(401);
    const s = await secretariatSession();
    const [row] = await sql<{ version: number }>("select version from collections where id = ?", [collectionId]);
    const published = await s.gql(`mutation ($id: ID!, $v: Int!) { publishCollection(id: $id, version: $v) { status } }`, { id: collectionId, v: row!.version });
    expect(published.errors).toBeUndefined();
  });

  it("as CSV: in the collection's order, with 選定理由, without the archived case", async () => {
    const res = await staffSession.download(`/api/exports/collections/${collectionId}/cases.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("令和6年度 好事例集.csv")}`);
    const { raw, rows } = await readCsv(res);
    expect(raw.subarray(0, 3).equals(BOM)).toBe(true);
    expect(rows[0]).toEqual([...COLLECTION_CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
      ["1", "生成AIの最初の一歩", "議事録の生成AI"],
      ["2", "窓口の待ち時間が半分", "児童扶養手当 来庁予約アプリ"],
    ]);
  });

  it("as interchange JSON Lines that import back unchanged", async () => {
    const res = await staffSession.download(`/api/exports/collections/${collectionId}/cases.jsonl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
    const text = await res.text();
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const records = lines.map((line) => interchangeCaseSchema.parse(JSON.parse(line)));
    expect(records.map((r) => r.externalId)).toEqual(["exp-other", "exp-yoyaku"]);
    expect(records[1]).toMatchObject({
      kind: "KINTONE_APP",
      department: "子育て支援課",
      departmentPath: ["こども未来局"],
      fiscalYear: 2024,
      tags: ["kintone", "窓口DX"],
      effects: [{ label: "受付時間", before: 13, after: 8, unit: "分/件" }],
      status: "PUBLISHED",
      details: { recordVolume: "年間約1,200件", runsOnLgwan: true },
    });
    // The same content as what was imported: re-importing changes nothing.
    expect(await importCases(kb.orm.em.fork(), records)).toEqual({ created: 0, updated: 0, unchanged: 2, statusChanges: [] });
    const audit = await sql<{ action: string }>("select action from audit_log where action like 'export.collection.%' order by id");
    expect(audit.map((a) => a.action)).toEqual(["export.collection.csv", "export.collection.jsonl"]);
  });
});

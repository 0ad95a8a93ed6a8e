import fs from "node:fs/promises";
import path from "node:path";
import { suggestMapping, tableMappingSchema, type ImportFileColumns, type SavedImportMappingView } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { REPO_ROOT } from "../config/index.js";

/** The import page's mapping builder API over real HTTP: a file's columns, saved mappings. */
let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;
let admin: HttpSession;
let secretariat: HttpSession;

const EXAMPLES = path.join(REPO_ROOT, "seeds/import-examples");
type Failure = { error?: { code: string; message: string; fields: { path: string; message: string }[] } };

beforeAll(async () => {
  kb = await createTestBackend();
  http = await startHttp(kb);
  const a = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  const s = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = new HttpSession(http.url, "10.2.0.1");
  secretariat = new HttpSession(http.url, "10.2.0.2");
  await admin.login(a.email, a.password);
  await secretariat.login(s.email, s.password);
});
afterAll(async () => {
  await http?.close();
  await kb?.close();
});

async function columnsOf(session: HttpSession, name: string, bytes?: Buffer) {
  const body = new FormData();
  body.append("file", new Blob([new Uint8Array(bytes ?? (await fs.readFile(path.join(EXAMPLES, name))))]), name);
  const res = await fetch(`${http.url}/api/imports/columns`, { method: "POST", headers: { cookie: session.cookie ?? "", "x-kb-request": "1" }, body });
  return { status: res.status, json: (await res.json()) as ImportFileColumns & Failure };
}

async function call<T>(session: HttpSession, method: string, url: string, body?: unknown, csrf = true) {
  const res = await fetch(`${http.url}${url}`, {
    method,
    headers: { cookie: session.cookie ?? "", ...(csrf ? { "x-kb-request": "1" } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (res.status === 204 ? null : await res.json()) as T & Failure };
}

describe("/api/imports/columns", () => {
  it("reads the header of the kintone export (Shift_JIS) and of the Excel list, and a good first mapping follows from the names", async () => {
    const kintone = await columnsOf(admin, "kintone-export.csv");
    expect(kintone.status).toBe(200);
    expect(kintone.json).toMatchObject({ format: "csv", encoding: "shift_jis", kintone: true });
    expect(kintone.json.columns).toEqual(expect.arrayContaining(["レコード番号", "事例名", "所属課", "年度", "導入前"]));
    const suggested = suggestMapping(kintone.json.columns, { kintone: true });
    expect(suggested.fields).toMatchObject({ externalId: "レコード番号", title: "事例名", department: "所属課", departmentPath: "所属部局", fiscalYear: "年度", kind: "種別" });
    expect(suggested.fields.effects).toEqual({ rows: { label: "効果の項目", before: "導入前", after: "導入後", unit: "単位" } });
    expect(tableMappingSchema.safeParse(suggested).success).toBe(true);

    const excel = await columnsOf(admin, "case-list.xlsx");
    expect(excel.json).toMatchObject({ format: "xlsx", kintone: false });
    expect(suggestMapping(excel.json.columns).fields).toMatchObject({ externalId: "No.", title: "件名", department: "所属", departmentPath: "部局" });
  });

  it("serves the example mappings as downloads, to admins", async () => {
    const res = await fetch(`${http.url}/api/imports/examples/kintone-export/mapping`, { headers: { cookie: admin.cookie ?? "" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="kintone-export.mapping.json"');
    expect(tableMappingSchema.safeParse(await res.json()).success).toBe(true);
    expect((await fetch(`${http.url}/api/imports/examples/..%2Fcases/mapping`, { headers: { cookie: admin.cookie ?? "" } })).status).toBe(404);
    expect((await fetch(`${http.url}/api/imports/examples/kintone-export/mapping`, { headers: { cookie: secretariat.cookie ?? "" } })).status).toBe(403);
  });

  it("is for admins, and says what to do with a file it cannot read", async () => {
    expect((await columnsOf(secretariat, "case-list.xlsx")).status).toBe(403);
    const xls = await columnsOf(admin, "old.xls", Buffer.from("not really"));
    expect(xls.status).toBe(400);
    expect(xls.json.error?.message).toMatch(/\.xlsx 形式で保存し直してください/);
  });
});

describe("/api/import-mappings", () => {
  const mapping = { format: "table", fields: { externalId: "No.", kind: { value: "PRACTICE" }, title: "件名", summary: "概要", department: "所属", fiscalYear: "年度" } };

  it("saves a mapping under a name, lists it, replaces it under the same name, and deletes it", async () => {
    const saved = await call<SavedImportMappingView>(admin, "PUT", "/api/import-mappings", { name: "事務局の一覧", mapping });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ name: "事務局の一覧", mapping });
    const again = await call<SavedImportMappingView>(admin, "PUT", "/api/import-mappings", { name: "事務局の一覧", mapping: { ...mapping, fields: { ...mapping.fields, title: "タイトル" } } });
    expect(again.json.id).toBe(saved.json.id);
    const list = await call<SavedImportMappingView[]>(admin, "GET", "/api/import-mappings");
    expect(list.json).toHaveLength(1);
    expect(list.json[0]).toMatchObject({ name: "事務局の一覧", mapping: { fields: { title: "タイトル" } } });
    expect(list.json[0]!.updatedBy).toMatch(/^テスト/);
    expect((await call(admin, "DELETE", `/api/import-mappings/${saved.json.id}`)).status).toBe(204);
    expect((await call<SavedImportMappingView[]>(admin, "GET", "/api/import-mappings")).json).toEqual([]);
    const audit = await kb.orm.em.fork().execute<{ action: string }[]>("select action from audit_log where subject_id = ? order by id", [saved.json.id]);
    expect(audit.map((a) => a.action)).toEqual(["importMapping.create", "importMapping.update", "importMapping.delete"]);
  });

  it("refuses a mapping the importer could not use, naming the field, and a missing name", async () => {
    const bad = await call(admin, "PUT", "/api/import-mappings", { name: "壊れた", mapping: { fields: { title: "件名" } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.fields.map((f) => f.path)).toContain("mapping.fields.externalId");
    const unnamed = await call(admin, "PUT", "/api/import-mappings", { name: " ", mapping });
    expect(unnamed.json.error?.fields).toEqual([{ path: "name", message: "保存する名前を入れてください" }]);
  });

  it("is for admins only, and writes need the CSRF header", async () => {
    expect((await call(secretariat, "GET", "/api/import-mappings")).status).toBe(403);
    expect((await call(secretariat, "PUT", "/api/import-mappings", { name: "x", mapping })).status).toBe(403);
    const noCsrf = await call(admin, "PUT", "/api/import-mappings", { name: "x", mapping }, false);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.error?.code).toBe("CSRF");
  });
});

import fs from "node:fs/promises";
import path from "node:path";
import type { ImportRunView } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { writeXlsxBomb } from "../../../test/support/xlsx.js";
import { REPO_ROOT } from "../config/index.js";

/** The admin import API over real HTTP: roles, CSRF, the dry run, the import and its progress. */
let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;
let admin: HttpSession;
let secretariat: HttpSession;

const EXAMPLES = path.join(REPO_ROOT, "seeds/import-examples");

beforeAll(async () => {
  kb = await createTestBackend();
  http = await startHttp(kb);
  const a = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  const s = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = new HttpSession(http.url, "10.1.0.1");
  secretariat = new HttpSession(http.url, "10.1.0.2");
  await admin.login(a.email, a.password);
  await secretariat.login(s.email, s.password);
});
afterAll(async () => {
  await http?.close();
  await kb?.close();
});

async function upload(session: HttpSession, fields: Record<string, string>, file?: { name: string; bytes: Buffer }, csrf = true) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(`${http.url}/api/imports`, {
    method: "POST",
    headers: { ...(session.cookie ? { cookie: session.cookie } : {}), ...(csrf ? { "x-kb-request": "1" } : {}) },
    body,
  });
  return { status: res.status, json: (await res.json()) as ImportRunView & { error?: { code: string; message: string; fields: { path: string; message: string }[] } } };
}

const call = async (session: HttpSession, method: string, url: string) => {
  const res = await fetch(`${http.url}${url}`, { method, headers: { cookie: session.cookie ?? "", "x-kb-request": "1" } });
  return { status: res.status, json: (await res.json()) as ImportRunView & { error?: { code: string } } };
};

describe("/api/imports", () => {
  it("is for admins only, and needs the CSRF header", async () => {
    const file = { name: "case-list.xlsx", bytes: await fs.readFile(path.join(EXAMPLES, "case-list.xlsx")) };
    const mapping = await fs.readFile(path.join(EXAMPLES, "case-list.mapping.json"), "utf8");
    expect((await upload(secretariat, { mapping }, file)).status).toBe(403);
    expect((await upload(new HttpSession(http.url), { mapping }, file)).status).toBe(401);
    const noCsrf = await upload(admin, { mapping }, file, false);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.error?.code).toBe("CSRF");
    expect((await call(secretariat, "GET", "/api/imports/examples")).status).toBe(403);
  });

  it("lists the repo's example mappings with their files", async () => {
    const res = await fetch(`${http.url}/api/imports/examples`, { headers: { cookie: admin.cookie! } });
    const examples = (await res.json()) as { id: string; dataFile: string | null; mapping: { format?: string } }[];
    expect(examples.map((e) => [e.id, e.dataFile])).toEqual([
      ["case-list", "case-list.xlsx"],
      ["kintone-export", "kintone-export.csv"],
    ]);
    const file = await fetch(`${http.url}/api/imports/examples/kintone-export/file`, { headers: { cookie: admin.cookie! } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await file.arrayBuffer()).equals(await fs.readFile(path.join(EXAMPLES, "kintone-export.csv")))).toBe(true);
  });

  it("refuses a CSV holding NUL, an .xlsx bomb and a mapping holding NUL with a 400 and a coded Japanese error", async () => {
    const mapping = await fs.readFile(path.join(EXAMPLES, "case-list.mapping.json"), "utf8");
    const nul = await upload(admin, { mapping }, { name: "list.csv", bytes: Buffer.from("件名,年度\n窓口\u0000の改善,2024\n", "utf8") });
    expect(nul.status).toBe(400);
    expect(nul.json.error).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "file" }] });
    expect(nul.json.error?.message).toContain("NUL 文字");

    const bomb = await upload(admin, { mapping }, { name: "bomb.xlsx", bytes: await writeXlsxBomb(200 * 1024 * 1024) });
    expect(bomb.status).toBe(400);
    expect(bomb.json.error).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "file" }] });
    expect(bomb.json.error?.message).toContain("展開すると大きすぎる");

    const file = { name: "case-list.xlsx", bytes: await fs.readFile(path.join(EXAMPLES, "case-list.xlsx")) };
    const nulMapping = await upload(admin, { mapping: mapping.replace('"name": "', '"name": "\\u0000') }, file);
    expect(nulMapping.status).toBe(400);
    expect(nulMapping.json.error?.code).toBe("BAD_USER_INPUT");
  });

  it("answers a broken mapping with field errors", async () => {
    const file = { name: "case-list.xlsx", bytes: await fs.readFile(path.join(EXAMPLES, "case-list.xlsx")) };
    const bad = await upload(admin, { mapping: JSON.stringify({ fields: { title: "件名" } }) }, file);
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe("BAD_USER_INPUT");
    expect(bad.json.error?.fields.map((f) => f.path)).toContain("mapping.fields.externalId");
    const noFile = await upload(admin, { mapping: "{}" });
    expect(noFile.status).toBe(400);
  });

  it("dry-runs, imports once with progress to a final report, and refuses a second start", async () => {
    const file = { name: "kintone-export.csv", bytes: await fs.readFile(path.join(EXAMPLES, "kintone-export.csv")) };
    const mapping = await fs.readFile(path.join(EXAMPLES, "kintone-export.mapping.json"), "utf8");
    const planned = await upload(admin, { mapping, status: "PUBLISHED", encoding: "auto" }, file);
    expect(planned.status, JSON.stringify(planned.json)).toBe(201);
    expect(planned.json).toMatchObject({ state: "PLANNED", plan: { created: 3, rejected: 0, dryRun: true, source: { encoding: "shift_jis" } } });
    const [before] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases");
    expect(Number(before!.n)).toBe(0);

    const started = await call(admin, "POST", `/api/imports/${planned.json.id}/start`);
    expect(started.status).toBe(202);
    expect(started.json.state).toMatch(/RUNNING|SUCCEEDED/);
    expect((await call(admin, "POST", `/api/imports/${planned.json.id}/start`)).status).toBe(409);

    let run = started.json;
    for (let i = 0; i < 200 && run.state === "RUNNING"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await call(admin, "GET", `/api/imports/${planned.json.id}`)).json;
    }
    expect(run).toMatchObject({ state: "SUCCEEDED", phase: "done", done: 3, total: 3, report: { imported: true, created: 3 } });
    const rows = await kb.orm.em.fork().execute<{ status: string }[]>("select status from cases");
    expect(rows.map((r) => r.status)).toEqual(["PUBLISHED", "PUBLISHED", "PUBLISHED"]);
    const [bytes] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from import_runs where file_bytes is not null");
    expect(Number(bytes!.n)).toBe(0);
    const [audit] = await kb.orm.em.fork().execute<{ actor_id: string }[]>("select actor_id from audit_log where action = 'case.import'");
    expect(audit!.actor_id).toBeTruthy();
  });
});

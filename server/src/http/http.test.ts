import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "../auth/index.js";
import type { Viewer } from "../kernel/index.js";

/** Sessions, login limits and attachments over real HTTP. */
let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;
let staff: Viewer & { email: string; password: string };
let otherStaff: Viewer & { email: string; password: string };
let secretariat: Viewer & { email: string; password: string };

beforeAll(async () => {
  kb = await createTestBackend();
  http = await startHttp(kb);
  staff = await kb.createViewer({ department: "子育て支援課" });
  otherStaff = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
});
afterAll(async () => {
  await http?.close();
  await kb?.close();
});

let ipSequence = 10;
const freshIp = () => `10.0.0.${ipSequence++}`;

describe("sessions", () => {
  it("logs in with an httpOnly, SameSite cookie, knows the user, and logs out for good", async () => {
    const session = new HttpSession(http.url, freshIp());
    expect((await session.gql<{ me: null }>("{ me { id } }")).data?.me).toBeNull();
    const login = await session.login(staff.email.toUpperCase(), staff.password);
    expect(login.errors).toBeUndefined();
    expect(session.lastSetCookie).toMatch(/^kb_session=[\w-]{40,};/);
    expect(session.lastSetCookie).toMatch(/HttpOnly/i);
    expect(session.lastSetCookie).toMatch(/SameSite=Lax/i);
    const me = await session.gql<{ me: { displayName: string; role: string; department: { name: string } } }>("{ me { displayName role department { name } } }");
    expect(me.data?.me).toEqual({ displayName: staff.displayName, role: "STAFF", department: { name: "子育て支援課" } });

    const token = session.cookie;
    await session.gql("mutation { logout }");
    expect(session.cookie).toBeNull();
    session.cookie = token; // replaying the old cookie must not work either
    expect((await session.gql<{ me: null }>("{ me { id } }")).data?.me).toBeNull();
  });

  it("answers a wrong password and an unknown account alike", async () => {
    const session = new HttpSession(http.url, freshIp());
    const wrong = await session.login(staff.email, "not the password");
    const unknown = await session.login("nobody@example.lg.jp", "not the password");
    expect(wrong.errors?.[0]).toMatchObject({ message: "メールアドレスまたはパスワードが正しくありません。", extensions: { code: "UNAUTHENTICATED" } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it("locks an account after repeated failures, even for the right password, whatever the address", async () => {
    const victim = await kb.createViewer();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await new HttpSession(http.url, freshIp()).login(victim.email, "guess");
    const blocked = await new HttpSession(http.url, freshIp()).login(victim.email, victim.password);
    expect(blocked.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(blocked.errors?.[0]?.message).toMatch(/一時的にログインできません/);
  });

  it("limits failures per address across accounts", async () => {
    const ip = freshIp();
    const session = new HttpSession(http.url, ip);
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await session.login(`spray${i}@example.lg.jp`, "guess");
    const fresh = await kb.createViewer();
    expect((await session.login(fresh.email, fresh.password)).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect((await new HttpSession(http.url, freshIp()).login(fresh.email, fresh.password)).errors).toBeUndefined();
  });

  it("refuses a cross-site style GraphQL POST (Apollo CSRF prevention)", async () => {
    const res = await fetch(`${http.url}/graphql`, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ me { id } }"}' });
    expect(res.status).toBe(400);
  });
});

// Smallest files whose signatures file-type recognises.
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]);
const ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

describe("attachments", () => {
  async function draftOf(session: HttpSession): Promise<{ id: string; version: number }> {
    const created = await session.gql<{ createCase: { id: string; version: number } }>(
      `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`,
      { input: { kind: "KINTONE_APP", title: "添付テスト", summary: "添付の確認。", actions: "添付した。", results: "確認できた。", fiscalYear: 2024 } },
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createCase;
  }

  it("stores an upload with its SHA-256 and serves it only as a download, only to those who may read the case", async () => {
    const owner = new HttpSession(http.url, freshIp());
    await owner.login(staff.email, staff.password);
    const c = await draftOf(owner);

    const uploaded = await owner.upload(c.id, "業務フロー 図.pdf", PDF);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      fileName: "業務フロー 図.pdf",
      contentType: "application/pdf",
      size: PDF.length,
      sha256: createHash("sha256").update(PDF).digest("hex"),
    });
    const template = await owner.upload(c.id, "app-template.zip", ZIP, { kintoneTemplate: true });
    expect(template.status).toBe(201);

    const listed = await owner.gql<{ case: { attachments: { fileName: string; isKintoneTemplate: boolean; downloadUrl: string }[] } }>(
      `query ($id: ID!) { case(id: $id) { attachments { fileName isKintoneTemplate downloadUrl } } }`,
      { id: c.id },
    );
    expect(listed.data?.case.attachments.map((a) => [a.fileName, a.isKintoneTemplate])).toEqual([
      ["業務フロー 図.pdf", false],
      ["app-template.zip", true],
    ]);

    const download = await owner.download(String(uploaded.body.downloadUrl));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''%E6%A5%AD/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    // A draft's files are as private as the draft.
    const outsider = new HttpSession(http.url, freshIp());
    await outsider.login(otherStaff.email, otherStaff.password);
    expect((await outsider.download(String(uploaded.body.downloadUrl))).status).toBe(404);
    expect((await new HttpSession(http.url).download(String(uploaded.body.downloadUrl))).status).toBe(404);
    const reviewer = new HttpSession(http.url, freshIp());
    await reviewer.login(secretariat.email, secretariat.password);
    expect((await reviewer.download(String(uploaded.body.downloadUrl))).status).toBe(200);
  });

  it("checks the bytes against the name, the size limit, the CSRF header and who is uploading", async () => {
    const owner = new HttpSession(http.url, freshIp());
    await owner.login(staff.email, staff.password);
    const c = await draftOf(owner);
    const countFiles = async () =>
      Number(((await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from attachments where case_id = ?", [c.id]))[0]!).n);

    const disguised = await owner.upload(c.id, "report.pdf", PNG);
    expect(disguised).toMatchObject({ status: 400, body: { error: { code: "BAD_USER_INPUT" } } });
    expect(disguised.body.error!.message).toMatch(/拡張子（\.pdf）と一致しません/);
    expect((await owner.upload(c.id, "tool.exe", PDF)).status).toBe(400);
    expect((await owner.upload(c.id, "template.pdf", PDF, { kintoneTemplate: true })).status).toBe(400);
    expect((await owner.upload(c.id, "empty.txt", new Uint8Array())).status).toBe(400);

    const tooBig = new Uint8Array(20 * 1024 * 1024 + 1);
    tooBig.set(PDF);
    expect(await owner.upload(c.id, "big.pdf", tooBig)).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
    expect((await owner.upload(c.id, "ok.pdf", PDF, { csrfHeader: false })).status).toBe(403);

    // Another 課's draft answers as a case that does not exist would (no existence oracle),
    // and a malformed id is a clean 404 too (it was a 500: PostgreSQL refused it as a uuid).
    const outsider = new HttpSession(http.url, freshIp());
    await outsider.login(otherStaff.email, otherStaff.password);
    const hidden = await outsider.upload(c.id, "ok.pdf", PDF);
    const missing = await outsider.upload("5d0e7a52-1c3b-4f6d-8a9e-2b4c6d8e0f13", "ok.pdf", PDF);
    expect(hidden).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(hidden).toEqual(missing);
    expect(await owner.upload("not-a-uuid", "ok.pdf", PDF)).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect((await new HttpSession(http.url).upload(c.id, "ok.pdf", PDF)).status).toBe(401);
    expect(await countFiles()).toBe(0);
    // A published case anyone may read: attaching to it is refused as such (403), not hidden.
    await kb.importCases([buildCase({ externalId: `upload-published-${process.pid}` })]);
    const [published] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where external_id = ?", [`upload-published-${process.pid}`]);
    expect(await outsider.upload(published!.id, "ok.pdf", PDF)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });

    const csv = await owner.upload(c.id, "集計.csv", new TextEncoder().encode("項目,件数\n届出,120\n"));
    expect(csv).toMatchObject({ status: 201, body: { contentType: "text/csv" } });
    expect(await countFiles()).toBe(1);
  });
});

import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { checkIndex, driftOf } from "../search/index.js";
import type { Viewer } from "../kernel/index.js";
import { storeAttachment } from "./attachment.service.js";

/**
 * Issue 12: a file uploaded by mistake (perhaps with personal information) can be removed, for good,
 * by the owning 課 while the case is theirs to edit and by the secretariat always.
 */
type Person = Viewer & { email: string; password: string };
let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;
let staffA: Person; // author, 子育て支援課
let staffA2: Person; // same 課
let staffB: Person; // another 課
let secretariat: Person;
let admin: Person;

beforeAll(async () => {
  kb = await createTestBackend();
  http = await startHttp(kb);
  staffA = await kb.createViewer({ department: "子育て支援課" });
  staffA2 = await kb.createViewer({ department: "子育て支援課" });
  staffB = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
});
afterAll(async () => {
  await http?.close();
  await kb?.close();
});

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const FIELDS = "id status version";

async function caseIn(status: "DRAFT" | "CHANGES_REQUESTED" | "SUBMITTED" | "PUBLISHED"): Promise<{ id: string; version: number }> {
  const input = {
    kind: "PRACTICE",
    title: `添付の削除 ${Math.random().toString(36).slice(2, 8)}`,
    summary: "添付ファイルの削除を確かめる。",
    actions: "ファイルを添付した。",
    results: "削除できた。",
    fiscalYear: 2024,
  };
  let c = (await ok(kb.gql<{ createCase: { id: string; version: number } }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { ${FIELDS} } }`, { input }, { viewer: staffA }))).createCase;
  if (status === "DRAFT") return c;
  c = (await ok(kb.gql<{ submitCase: typeof c }>(`mutation ($id: ID!, $v: Int!) { submitCase(id: $id, version: $v) { ${FIELDS} } }`, { id: c.id, v: c.version }, { viewer: staffA }))).submitCase;
  if (status === "SUBMITTED") return c;
  const decision = status === "PUBLISHED" ? "PUBLISH" : "REQUEST_CHANGES";
  return (await ok(kb.gql<{ reviewCase: typeof c }>(`mutation ($id: ID!, $input: ReviewInput!) { reviewCase(id: $id, input: $input) { ${FIELDS} } }`, { id: c.id, input: { decision, comment: "確認しました。" } }, { viewer: secretariat }))).reviewCase;
}

/** Uploads as the secretariat (who may attach in every state but archived) straight through the service. */
async function attach(caseId: string, fileName = "名簿_誤って添付.pdf"): Promise<string> {
  const attachment = await storeAttachment(kb.orm.em.fork(), secretariat, caseId, { fileName, bytes: PDF, isKintoneTemplate: false });
  return attachment.id;
}

const REMOVE = `mutation ($id: ID!) { removeAttachment(id: $id) {
  id version attachments { id }
  revisions { version removedAttachment { fileName size sha256 } editor { displayName } }
} }`;
type Removed = {
  removeAttachment: {
    id: string;
    version: number;
    attachments: { id: string }[];
    revisions: { version: number; removedAttachment: { fileName: string; size: number; sha256: string } | null; editor: { displayName: string } | null }[];
  };
};
const remove = (id: string, viewer: Viewer | null) => kb.gql<Removed>(REMOVE, { id }, { viewer });

async function rowsOf(attachmentId: string) {
  const [row] = await sql<{ files: string; contents: string }>(
    "select (select count(*) from attachments where id = ?) as files, (select count(*) from attachment_contents where attachment_id = ?) as contents",
    [attachmentId, attachmentId],
  );
  return { files: Number(row!.files), contents: Number(row!.contents) };
}

describe("removing an attachment", () => {
  it("deletes the bytes, keeps who/when/file/SHA-256 in the audit log and the revision history, and the download answers 404", async () => {
    const c = await caseIn("DRAFT");
    const id = await attach(c.id);
    const owner = new HttpSession(http.url);
    await owner.login(staffA.email, staffA.password);
    expect((await owner.download(`/api/attachments/${id}`)).status).toBe(200);

    const before = Date.now();
    const removed = (await ok(remove(id, staffA2))).removeAttachment;
    expect(removed.attachments).toEqual([]);
    expect(removed.version).toBe(c.version + 1);
    expect(removed.revisions[0]).toEqual({
      version: c.version + 1,
      removedAttachment: { fileName: "名簿_誤って添付.pdf", size: PDF.length, sha256: createHash("sha256").update(PDF).digest("hex") },
      editor: { displayName: staffA2.displayName },
    });

    expect(await rowsOf(id)).toEqual({ files: 0, contents: 0 });
    const audits = await sql<{ actor_id: string; before: Record<string, unknown>; at: string | Date }>(
      "select actor_id, before, at from audit_log where subject_id = ? and action = 'attachment.remove'",
      [c.id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_id).toBe(staffA2.userId);
    expect(audits[0]!.before).toMatchObject({ attachmentId: id, fileName: "名簿_誤って添付.pdf", sha256: createHash("sha256").update(PDF).digest("hex") });
    // When: the audit row was written by this removal (the same clock; a second of slack for rounding).
    expect(new Date(audits[0]!.at).getTime()).toBeGreaterThanOrEqual(before - 1000);

    expect((await owner.download(`/api/attachments/${id}`)).status).toBe(404);
    expect((await remove(id, staffA)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // A draft is not in the search index: nothing queued.
    expect(await sql("select 1 from search_outbox where case_id = ?", [c.id])).toEqual([]);
  });

  it("is the owners' while the case is theirs to edit (draft, sent back) and the secretariat's always", async () => {
    const sentBack = await caseIn("CHANGES_REQUESTED");
    await ok(remove(await attach(sentBack.id), staffA));

    const submitted = await caseIn("SUBMITTED");
    const inReview = await attach(submitted.id);
    const conflict = await remove(inReview, staffA);
    expect(conflict.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(conflict.errors?.[0]?.message).toBe("審査中・公開中の好事例の添付ファイルは、事務局に削除を依頼してください。");
    await ok(remove(inReview, secretariat));

    const published = await caseIn("PUBLISHED");
    const fileId = await attach(published.id);
    expect((await remove(fileId, staffA)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    // Staff of another 課 and admins can read a published case, but may not remove its files.
    expect((await remove(fileId, staffB)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await remove(fileId, admin)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await rowsOf(fileId)).toEqual({ files: 1, contents: 1 });

    await kb.syncSearch();
    await ok(remove(fileId, secretariat));
    // The published case's version moved on, and its index document carries the version: the outbox
    // row was written with the removal, and once synced the index agrees with PostgreSQL.
    expect(await sql("select 1 from search_outbox where case_id = ? and processed_at is null", [published.id])).toHaveLength(1);
    await kb.syncSearch();
    expect(driftOf(await checkIndex(kb.orm, kb.index))).toBe(0);
  });

  it("answers NOT_FOUND for a file of a case the caller may not read, exactly as for one that never existed, and changes nothing", async () => {
    const draft = await caseIn("DRAFT");
    const id = await attach(draft.id);
    const outsider = await remove(id, staffB);
    const missing = await remove("6f1c9c2e-3d0a-4b8e-9a51-0a7c2b1d4e5f", staffB);
    expect(outsider.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(outsider.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expect((await remove("not-a-uuid", staffA)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await remove(id, null)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await rowsOf(id)).toEqual({ files: 1, contents: 1 });
    expect(await sql("select 1 from audit_log where subject_id = ? and action = 'attachment.remove'", [draft.id])).toEqual([]);
  });

  it("offers removal to those who may remove", async () => {
    const c = await caseIn("PUBLISHED");
    const can = async (viewer: Viewer) =>
      (await ok(kb.gql<{ case: { viewerCan: { removeAttachments: boolean } } }>(`query ($id: ID!) { case(id: $id) { viewerCan { removeAttachments } } }`, { id: c.id }, { viewer }))).case.viewerCan
        .removeAttachments;
    expect(await can(secretariat)).toBe(true);
    expect(await can(staffA)).toBe(false);
    expect(await can(staffB)).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

/**
 * 選んだN件を好事例集に追加: the secretariat adds several search results to a collection in
 * one transaction. Validated with the shared schema, the secretariat's alone, cases already in it are
 * skipped and said so, and one unpublished case refuses the whole request.
 */
let kb: TestBackend;
let staff: Viewer;
let secretariat: Viewer;
let admin: Viewer;
const ids: Record<string, string> = {};

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

const CREATE = `mutation ($input: CollectionInput!) { createCollection(input: $input) { id } }`;
const ADD_MANY = `mutation ($input: CollectionEntriesInput!) {
  addCollectionEntries(input: $input) { addedCaseIds alreadyInCaseIds collection { id entryCount entries { position caseTitle reason } } } }`;
interface AddManyData {
  addCollectionEntries: {
    addedCaseIds: string[];
    alreadyInCaseIds: string[];
    collection: { id: string; entryCount: number; entries: { position: number; caseTitle: string; reason: string }[] };
  };
}
const addMany = (viewer: Viewer | null, collectionId: string, caseIds: string[], reason = "どの課でもすぐ試せる") =>
  kb.gql<AddManyData>(ADD_MANY, { input: { collectionId, caseIds, reason } }, { viewer });

let collectionId: string;

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  await kb.importCases([
    buildCase({ externalId: "bulk-a", title: "来庁予約アプリ", department: "子育て支援課" }),
    buildCase({ externalId: "bulk-b", title: "公用車予約の一元化", department: "管財課" }),
    buildCase({ externalId: "bulk-c", title: "議事録作成の生成AI活用", department: "情報政策課" }),
    buildCase({ externalId: "bulk-draft", title: "下書きの好事例", department: "市民課", status: "DRAFT" }),
  ]);
  for (const row of await sql<{ id: string; external_id: string }>("select id, external_id from cases")) ids[row.external_id] = row.id;
  const created = await kb.gql<{ createCollection: { id: string } }>(CREATE, { input: { title: "まとめて追加", description: "" } }, { viewer: secretariat });
  expect(created.errors).toBeUndefined();
  collectionId = created.data!.createCollection.id;
});
afterAll(() => kb?.close());

describe("adding several cases to a collection at once", () => {
  it("is the secretariat's alone", async () => {
    const caseIds = [ids["bulk-a"]!];
    expect(codeOf(await addMany(null, collectionId, caseIds))).toBe("UNAUTHENTICATED");
    expect(codeOf(await addMany(staff, collectionId, caseIds))).toBe("FORBIDDEN");
    expect(codeOf(await addMany(admin, collectionId, caseIds))).toBe("FORBIDDEN");
  });

  it("validates with the shared schema: a reason, at least one case, well-formed ids", async () => {
    const noReason = await addMany(secretariat, collectionId, [ids["bulk-a"]!], " ");
    expect(codeOf(noReason)).toBe("BAD_USER_INPUT");
    expect(noReason.errors?.[0]?.extensions?.fields).toEqual([{ path: "reason", message: "選定理由を入力してください" }]);
    const none = await addMany(secretariat, collectionId, []);
    expect(none.errors?.[0]?.extensions?.fields).toEqual([{ path: "caseIds", message: "好事例を1件以上選んでください" }]);
    expect(codeOf(await addMany(secretariat, collectionId, ["not-an-id"]))).toBe("BAD_USER_INPUT");
  });

  it("refuses the whole request when one case is not published, adding nothing", async () => {
    const result = await addMany(secretariat, collectionId, [ids["bulk-a"]!, ids["bulk-draft"]!]);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.fields).toEqual([{ path: "caseIds.1", message: "公開中の好事例だけを選べます。" }]);
    expect(await sql("select 1 from collection_entries where collection_id = ?", [collectionId])).toHaveLength(0);
  });

  it("adds in the order given, skips the ones already in and says which, in one audited change", async () => {
    const first = await addMany(secretariat, collectionId, [ids["bulk-b"]!, ids["bulk-a"]!]);
    expect(first.errors).toBeUndefined();
    expect(first.data!.addCollectionEntries.addedCaseIds).toEqual([ids["bulk-b"], ids["bulk-a"]]);
    expect(first.data!.addCollectionEntries.alreadyInCaseIds).toEqual([]);

    // Ticked again with one more (and one twice): the two already in stay as they are.
    const second = await addMany(secretariat, collectionId, [ids["bulk-a"]!, ids["bulk-c"]!, ids["bulk-b"]!, ids["bulk-c"]!], "二度目の理由");
    expect(second.errors).toBeUndefined();
    const result = second.data!.addCollectionEntries;
    expect(result.addedCaseIds).toEqual([ids["bulk-c"]]);
    expect(result.alreadyInCaseIds).toEqual([ids["bulk-a"], ids["bulk-b"]]);
    expect(result.collection.entryCount).toBe(3);
    expect(result.collection.entries).toEqual([
      { position: 1, caseTitle: "公用車予約の一元化", reason: "どの課でもすぐ試せる" },
      { position: 2, caseTitle: "来庁予約アプリ", reason: "どの課でもすぐ試せる" },
      { position: 3, caseTitle: "議事録作成の生成AI活用", reason: "二度目の理由" },
    ]);
    const audits = await sql<{ after: { caseIds: string[] } }>(
      "select after from audit_log where action = 'collection.entry.add' and subject_id = ? order by at, id",
      [collectionId],
    );
    expect(audits.map((a) => a.after.caseIds)).toEqual([[ids["bulk-b"], ids["bulk-a"]], [ids["bulk-c"]]]);

    // Nothing new: no audit row, and the answer says every one was there already.
    const again = await addMany(secretariat, collectionId, [ids["bulk-a"]!]);
    expect(again.data!.addCollectionEntries).toMatchObject({ addedCaseIds: [], alreadyInCaseIds: [ids["bulk-a"]] });
    expect(await sql("select 1 from audit_log where action = 'collection.entry.add' and subject_id = ?", [collectionId])).toHaveLength(2);
  });
});

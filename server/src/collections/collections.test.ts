import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { statementsSentBy } from "../../../test/support/statements.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Curation: who may feature and build collections (the secretariat alone), what readers see
 * (published collections, only cases they may read: an archived case never leaks), ordering with
 * stale-order protection, audit rows, the home page, and a fixed number of SQL statements per list.
 */
let kb: TestBackend;
let staff: Viewer;
let secretariat: Viewer;
let admin: Viewer;
const ids: Record<string, string> = {};

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

interface CollectionData {
  id: string;
  title: string;
  status: string;
  version: number;
  entryCount: number;
  entries: { position: number; reason: string; caseId: string; caseTitle: string; caseStatus: string; case: { title: string } | null }[];
  viewerCan: { curate: boolean };
}
const COLLECTION_FIELDS = "id title status version entryCount viewerCan { curate } entries { position reason caseId caseTitle caseStatus case { title } }";
const CREATE = `mutation ($input: CollectionInput!) { createCollection(input: $input) { ${COLLECTION_FIELDS} } }`;
const ADD = `mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { ${COLLECTION_FIELDS} } }`;
const REORDER = `mutation ($input: CollectionOrderInput!) { reorderCollection(input: $input) { ${COLLECTION_FIELDS} } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishCollection(id: $id, version: $version) { ${COLLECTION_FIELDS} } }`;
const GET = `query ($id: ID!) { collection(id: $id) { ${COLLECTION_FIELDS} } }`;
const LIST = `query ($status: CollectionStatus) { collections(status: $status) { total items { ${COLLECTION_FIELDS} } } }`;
const FEATURE = `mutation ($input: FeatureCaseInput!) { featureCase(input: $input) { reason featuredAt featuredBy { displayName } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { version featured { reason featuredBy { displayName } } collections { title } viewerCanCurate } }`;

const create = (viewer: Viewer | null, title: string) => kb.gql<{ createCollection: CollectionData }>(CREATE, { input: { title, description: "説明" } }, { viewer });
const add = (viewer: Viewer | null, collectionId: string, caseId: string, reason = "他の課でも使える") =>
  kb.gql<{ addCollectionEntry: CollectionData }>(ADD, { input: { collectionId, caseId, reason } }, { viewer });
const get = (viewer: Viewer | null, id: string) => kb.gql<{ collection: CollectionData | null }>(GET, { id }, { viewer });

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課", displayName: "事務局 太郎" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  await kb.importCases([
    buildCase({ externalId: "cur-a", title: "来庁予約アプリ", department: "子育て支援課" }),
    buildCase({ externalId: "cur-b", title: "公用車予約の一元化", department: "管財課" }),
    buildCase({ externalId: "cur-c", title: "議事録作成の生成AI活用", department: "情報政策課" }),
    buildCase({ externalId: "cur-draft", title: "下書きの好事例", department: "市民課", status: "DRAFT" }),
  ]);
  for (const row of await sql<{ id: string; external_id: string }>("select id, external_id from cases")) ids[row.external_id] = row.id;
});
afterAll(() => kb?.close());

describe("featuring a case", () => {
  it("is the secretariat's alone, needs a reason and a published case", async () => {
    const input = { caseId: ids["cur-a"], reason: "窓口の待ち時間を大きく減らした" };
    expect(codeOf(await kb.gql(FEATURE, { input }))).toBe("UNAUTHENTICATED");
    expect(codeOf(await kb.gql(FEATURE, { input }, { viewer: staff }))).toBe("FORBIDDEN");
    expect(codeOf(await kb.gql(FEATURE, { input }, { viewer: admin }))).toBe("FORBIDDEN");
    const empty = await kb.gql(FEATURE, { input: { ...input, reason: "  " } }, { viewer: secretariat });
    expect(codeOf(empty)).toBe("BAD_USER_INPUT");
    expect(empty.errors?.[0]?.extensions?.fields).toEqual([{ path: "reason", message: "選定理由を入力してください" }]);
    expect(codeOf(await kb.gql(FEATURE, { input: { ...input, caseId: ids["cur-draft"] } }, { viewer: secretariat }))).toBe("CONFLICT");
  });

  it("marks the case without touching its version or revisions, and is audited", async () => {
    const before = await ok(kb.gql<{ case: { version: number } }>(CASE, { id: ids["cur-a"] }, { viewer: secretariat }));
    const revisions = await sql<{ n: string }>("select count(*) as n from case_revisions where case_id = ?", [ids["cur-a"]]);
    const marked = await ok(kb.gql<{ featureCase: { reason: string } }>(FEATURE, { input: { caseId: ids["cur-a"], reason: "窓口の待ち時間を大きく減らした" } }, { viewer: secretariat }));
    expect(marked.featureCase.reason).toBe("窓口の待ち時間を大きく減らした");

    const seenByStaff = await ok(kb.gql<{ case: { version: number; featured: { reason: string; featuredBy: unknown } | null; viewerCanCurate: boolean } }>(CASE, { id: ids["cur-a"] }, { viewer: staff }));
    expect(seenByStaff.case.featured).toEqual({ reason: "窓口の待ち時間を大きく減らした", featuredBy: null }); // who featured: curators only
    expect(seenByStaff.case.viewerCanCurate).toBe(false);
    expect(seenByStaff.case.version).toBe(before.case.version);
    expect(await sql("select count(*) as n from case_revisions where case_id = ?", [ids["cur-a"]])).toEqual(revisions);
    const seenBySecretariat = await ok(kb.gql<{ case: { featured: { featuredBy: { displayName: string } } } }>(CASE, { id: ids["cur-a"] }, { viewer: secretariat }));
    expect(seenBySecretariat.case.featured.featuredBy.displayName).toBe("事務局 太郎");

    // Changing the reason keeps one mark; both changes are in the audit log.
    await ok(kb.gql(FEATURE, { input: { caseId: ids["cur-a"], reason: "ほかの手当にも広げられる" } }, { viewer: secretariat }));
    expect(await sql("select reason from featured_cases")).toEqual([{ reason: "ほかの手当にも広げられる" }]);
    const audit = await sql<{ action: string; actor_id: string }>("select action, actor_id from audit_log where subject_id = ? and action like 'case.feature%' order by id", [ids["cur-a"]]);
    expect(audit).toEqual([
      { action: "case.feature", actor_id: secretariat.userId },
      { action: "case.feature.update", actor_id: secretariat.userId },
    ]);
    const list = await ok(kb.gql<{ featuredCases: { total: number; items: { reason: string; case: { title: string } }[] } }>(`{ featuredCases { total items { reason case { title } } } }`));
    expect(list.featuredCases).toEqual({ total: 1, items: [{ reason: "ほかの手当にも広げられる", case: { title: "来庁予約アプリ" } }] });
  });
});

describe("collections", () => {
  let collectionId: string;

  it("are built by the secretariat and stay hidden until published", async () => {
    expect(codeOf(await create(staff, "令和6年度 好事例集"))).toBe("FORBIDDEN");
    expect(codeOf(await create(admin, "令和6年度 好事例集"))).toBe("FORBIDDEN");
    expect(codeOf(await create(secretariat, " "))).toBe("BAD_USER_INPUT");
    const created = (await ok(create(secretariat, "令和6年度　好事例集"))).createCollection;
    expect(created).toMatchObject({ title: "令和6年度 好事例集", status: "DRAFT", entryCount: 0, viewerCan: { curate: true } });
    collectionId = created.id;

    expect((await ok(get(staff, collectionId))).collection).toBeNull();
    expect((await ok(get(null, collectionId))).collection).toBeNull();
    expect((await ok(get(admin, collectionId))).collection).toMatchObject({ title: "令和6年度 好事例集", viewerCan: { curate: false } });
    expect((await ok(kb.gql<{ collections: { total: number } }>(LIST, {}, { viewer: staff }))).collections.total).toBe(0);
    expect((await ok(kb.gql<{ collections: { total: number } }>(LIST, { status: "DRAFT" }, { viewer: staff }))).collections.total).toBe(0);
    expect((await ok(kb.gql<{ collections: { total: number } }>(LIST, {}, { viewer: secretariat }))).collections.total).toBe(1);

    // Publishing an empty collection is refused.
    const empty = await kb.gql(PUBLISH, { id: collectionId, version: created.version }, { viewer: secretariat });
    expect(codeOf(empty)).toBe("BAD_USER_INPUT");
  });

  it("take published cases in order with a reason each, once", async () => {
    expect(codeOf(await add(staff, collectionId, ids["cur-a"]!))).toBe("FORBIDDEN");
    await ok(add(secretariat, collectionId, ids["cur-a"]!, "窓口の待ち時間"));
    await ok(add(secretariat, collectionId, ids["cur-b"]!, "全庁で使える"));
    const third = (await ok(add(secretariat, collectionId, ids["cur-c"]!, "生成AIのはじめの一歩"))).addCollectionEntry;
    expect(third.entries.map((e) => [e.position, e.case?.title, e.reason])).toEqual([
      [1, "来庁予約アプリ", "窓口の待ち時間"],
      [2, "公用車予約の一元化", "全庁で使える"],
      [3, "議事録作成の生成AI活用", "生成AIのはじめの一歩"],
    ]);
    const again = await add(secretariat, collectionId, ids["cur-a"]!);
    expect(codeOf(again)).toBe("BAD_USER_INPUT");
    expect(codeOf(await add(secretariat, collectionId, ids["cur-draft"]!))).toBe("CONFLICT");
    expect(codeOf(await add(secretariat, collectionId, ids["cur-b"]!, ""))).toBe("BAD_USER_INPUT");
  });

  it("are reordered only from the current list (a stale order is refused, nothing is dropped)", async () => {
    const current = (await ok(get(secretariat, collectionId))).collection!;
    const order = [ids["cur-c"], ids["cur-a"], ids["cur-b"]];
    const input = { collectionId, version: current.version, caseIds: order };
    expect(codeOf(await kb.gql(REORDER, { input }, { viewer: staff }))).toBe("FORBIDDEN");
    expect(codeOf(await kb.gql(REORDER, { input: { ...input, caseIds: order.slice(0, 2) } }, { viewer: secretariat }))).toBe("CONFLICT");
    expect(codeOf(await kb.gql(REORDER, { input: { ...input, caseIds: [order[0], order[0], order[1]] } }, { viewer: secretariat }))).toBe("BAD_USER_INPUT");
    const moved = (await ok(kb.gql<{ reorderCollection: CollectionData }>(REORDER, { input }, { viewer: secretariat }))).reorderCollection;
    expect(moved.entries.map((e) => e.caseTitle)).toEqual(["議事録作成の生成AI活用", "来庁予約アプリ", "公用車予約の一元化"]);
    expect(moved.version).toBeGreaterThan(current.version);
    // The same order sent again from the old version: someone else already changed it.
    expect(codeOf(await kb.gql(REORDER, { input }, { viewer: secretariat }))).toBe("CONFLICT");
    const audit = await sql<{ before: { caseIds: string[] }; after: { caseIds: string[] } }>(
      "select before, after from audit_log where action = 'collection.reorder' and subject_id = ?",
      [collectionId],
    );
    expect(audit).toEqual([{ before: { caseIds: [ids["cur-a"], ids["cur-b"], ids["cur-c"]] }, after: { caseIds: order } }]);
  });

  it("are read by everyone once published, and show the case page which collections hold it", async () => {
    const current = (await ok(get(secretariat, collectionId))).collection!;
    const published = (await ok(kb.gql<{ publishCollection: CollectionData }>(PUBLISH, { id: collectionId, version: current.version }, { viewer: secretariat }))).publishCollection;
    expect(published.status).toBe("PUBLISHED");
    for (const viewer of [null, staff]) {
      const seen = (await ok(get(viewer, collectionId))).collection!;
      expect(seen.entries.map((e) => e.case?.title)).toEqual(["議事録作成の生成AI活用", "来庁予約アプリ", "公用車予約の一元化"]);
      expect(seen.viewerCan.curate).toBe(false);
    }
    const onCase = await ok(kb.gql<{ case: { collections: { title: string }[] } }>(CASE, { id: ids["cur-b"] }));
    expect(onCase.case.collections).toEqual([{ title: "令和6年度 好事例集" }]);
  });

  it("never show a case archived after it was collected, except to the secretariat, flagged", async () => {
    await ok(kb.gql(`mutation ($id: ID!) { archiveCase(id: $id) { status } }`, { id: ids["cur-a"] }, { viewer: secretariat }));
    for (const viewer of [null, staff]) {
      const seen = (await ok(get(viewer, collectionId))).collection!;
      expect(seen.entryCount).toBe(2);
      expect(seen.entries.map((e) => [e.position, e.caseTitle])).toEqual([
        [1, "議事録作成の生成AI活用"],
        [2, "公用車予約の一元化"],
      ]);
    }
    const curator = (await ok(get(secretariat, collectionId))).collection!;
    expect(curator.entries.map((e) => [e.caseTitle, e.caseStatus, e.case])).toContainEqual(["来庁予約アプリ", "ARCHIVED", null]);
    // Nor in the featured list (the mark stays, for when it comes back).
    expect((await ok(kb.gql<{ featuredCases: { total: number } }>(`{ featuredCases { total } }`))).featuredCases.total).toBe(0);
  });
});

describe("the home page", () => {
  it("shows published collections, new cases and the most adopted", async () => {
    // Two other departments try or use 公用車予約; one considers 議事録 (not counted).
    const tax = await kb.createViewer({ department: "税務課" });
    const parks = await kb.createViewer({ department: "公園課" });
    const RECORD = `mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { status } }`;
    await ok(kb.gql(RECORD, { input: { caseId: ids["cur-b"], status: "TRIAL" } }, { viewer: tax }));
    await ok(kb.gql(RECORD, { input: { caseId: ids["cur-b"], status: "ADOPTED" } }, { viewer: parks }));
    await ok(kb.gql(RECORD, { input: { caseId: ids["cur-c"], status: "CONSIDERING" } }, { viewer: tax }));

    const home = await ok(
      kb.gql<{
        home: {
          featuredCollections: { title: string; entryCount: number; entries: { case: { title: string } | null }[] }[];
          newCases: { title: string }[];
          mostAdopted: { adoptionCount: number; case: { title: string } }[];
        };
      }>(`{ home { featuredCollections { title entryCount entries(first: 1) { case { title } } } newCases { title } mostAdopted { adoptionCount case { title } } } }`),
    );
    expect(home.home.featuredCollections).toEqual([{ title: "令和6年度 好事例集", entryCount: 2, entries: [{ case: { title: "議事録作成の生成AI活用" } }] }]);
    expect(home.home.newCases.map((c) => c.title).sort()).toEqual(["公用車予約の一元化", "議事録作成の生成AI活用"].sort());
    expect(home.home.mostAdopted).toEqual([{ adoptionCount: 2, case: { title: "公用車予約の一元化" } }]);
  });

  it("costs the same number of SQL statements for one collection or several", async () => {
    const query = `{ collections { items { title entryCount entries { reason case { title tags department { name } } } } } }`;
    const statements = async () => {
      // Once unmeasured: which organisations read publicly is cached for a few seconds per process
      // (organisations/readership.ts), and a count must not depend on whether that expired in between.
      await ok(kb.gql(query, {}, { viewer: secretariat }));
      return (await statementsSentBy(kb.orm.em.getConnection(), () => ok(kb.gql(query, {}, { viewer: secretariat })))).length;
    };
    const one = await statements();
    for (const title of ["kintone はじめの一歩", "生成AI 好事例集"]) {
      const c = (await ok(create(secretariat, title))).createCollection;
      await ok(add(secretariat, c.id, ids["cur-b"]!));
      await ok(add(secretariat, c.id, ids["cur-c"]!));
    }
    expect(await statements()).toBe(one);
  });
});

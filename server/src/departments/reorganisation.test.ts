import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";
import { createOrganisation } from "../organisations/index.js";
import { DepartmentNameLookup } from "./department.service.js";
import { todayInJapan } from "./department-admin.service.js";

/**
 * The department tree and 組織改正 (issue 15 item 3): only an ADMIN of the organisation changes it;
 * another organisation's 課 is NOT_FOUND; moves make no cycle; a rename or merge keeps the old name as
 * an alias that search, the department filter, imports and old links still reach; the moved cases'
 * search outbox rows and the audit rows are written with the change.
 */
let kb: TestBackend;
let admin: Viewer;
let staff: Viewer;
let citizen: Viewer;
let hoiku: Viewer;
let outsiderAdmin: Viewer;
const ids: Record<string, string> = {};

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const deptId = async (name: string) => (await sql<{ id: string }>("select id from departments where name = ? and organisation_id = ?", [name, kb.homeOrganisationId]))[0]!.id;

const MERGE = `mutation ($input: MergeDepartmentsInput!) { mergeDepartments(input: $input) { successor { id name aliases caseCount userCount } createdIds movedCases movedUsers keptAdoptions } }`;
const UPDATE = `mutation ($id: ID!, $input: DepartmentUpdateInput!) { updateDepartment(id: $id, input: $input) { id name parentId aliases } }`;
const SEARCH = `query ($query: String!, $filter: CaseSearchFilter) { searchCases(query: $query, filter: $filter, first: 20) { hits { case { id } } } }`;

beforeAll(async () => {
  kb = await createTestBackend();
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課", departmentPath: ["総務局"] });
  staff = await kb.createViewer({ department: "子育て支援課", departmentPath: ["こども局"] });
  hoiku = await kb.createViewer({ department: "保育課", departmentPath: ["こども局"] });
  citizen = await kb.createViewer({ department: "市民課", departmentPath: ["市民局"] });
  await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: "011002" }, null);
  outsiderAdmin = await kb.createViewer({ organisation: "011002", role: "ADMIN", department: "札幌情報課" });
  await kb.importCases([
    buildCase({ externalId: "r-kosodate", title: "子育て相談のオンライン化", department: "子育て支援課", departmentPath: ["こども局"] }),
    buildCase({ externalId: "r-hoiku", title: "保育所入所申請の電子化", department: "保育課", departmentPath: ["こども局"] }),
    buildCase({ externalId: "r-citizen", title: "窓口の待ち時間の見える化", department: "市民課", departmentPath: ["市民局"] }),
  ]);
  for (const r of await sql<{ id: string; external_id: string }>("select id, external_id from cases")) ids[r.external_id.slice(2)] = r.id;
  // Both 課 to be merged adopt the same case of 市民課: one adoption per case and 課 survives the merge.
  for (const viewer of [staff, hoiku]) {
    await ok(kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id } }`, { input: { caseId: ids.citizen, status: "TRIAL" } }, { viewer }));
  }
  await ok(kb.gql(`mutation ($input: QuestionInput!) { askQuestion(input: $input) { id } }`, { input: { caseId: ids.citizen, body: "保育課から質問です" } }, { viewer: hoiku }));
}, 120_000);
afterAll(() => kb?.close());

describe("the department tree", () => {
  it("is the ADMIN's: others are refused, another organisation's 課 is not found", async () => {
    const kosodate = await deptId("子育て支援課");
    const asStaff = await kb.gql(UPDATE, { id: kosodate, input: { name: "X課" } }, { viewer: staff });
    expect(codeOf(asStaff)).toBe("FORBIDDEN");
    const asOutsider = await kb.gql(UPDATE, { id: kosodate, input: { name: "X課" } }, { viewer: outsiderAdmin });
    expect(codeOf(asOutsider)).toBe("NOT_FOUND");
    const tree = await ok(kb.gql<{ adminDepartments: { name: string }[] }>(`{ adminDepartments { name } }`, {}, { viewer: outsiderAdmin }));
    expect(tree.adminDepartments.map((d) => d.name)).toEqual(["札幌情報課"]);
  });

  it("refuses a move that would make a cycle", async () => {
    const kodomo = await deptId("こども局");
    const r = await kb.gql(UPDATE, { id: kodomo, input: { parentId: await deptId("子育て支援課") } }, { viewer: admin });
    expect(codeOf(r)).toBe("BAD_USER_INPUT");
    const self = await kb.gql(UPDATE, { id: kodomo, input: { parentId: kodomo } }, { viewer: admin });
    expect(codeOf(self)).toBe("BAD_USER_INPUT");
  });

  it("renames with the old name kept as an alias that search and imports still find", async () => {
    const shimin = await deptId("市民課");
    const renamed = await ok(kb.gql<{ updateDepartment: { name: string; aliases: string[] } }>(UPDATE, { id: shimin, input: { name: "市民窓口課", code: "0301" } }, { viewer: admin }));
    expect(renamed.updateDepartment).toMatchObject({ name: "市民窓口課", aliases: ["市民課"] });
    const outbox = await sql<{ case_id: string }>("select case_id from search_outbox where case_id = ?", [ids.citizen]);
    expect(outbox.length).toBeGreaterThan(0);
    await kb.syncSearch();
    const byFilter = await ok(kb.gql<{ searchCases: { hits: { case: { id: string } }[] } }>(SEARCH, { query: "", filter: { departments: ["市民課"] } }, { viewer: staff }));
    expect(byFilter.searchCases.hits.map((i) => i.case.id)).toEqual([ids.citizen]);
    const lookup = new DepartmentNameLookup(kb.orm.em.fork(), kb.homeOrganisationId);
    await lookup.preload();
    expect(await lookup.resolve("市民課")).toBe(shimin);
    const audit = await sql<{ action: string }>("select action from audit_log where subject_id = ? order by at", [shimin]);
    expect(audit.map((a) => a.action)).toEqual(["department.rename", "department.code"]);
    // A new 課 cannot take a name that is still an alias.
    const taken = await kb.gql(`mutation { createDepartment(input: { name: "市民課" }) { id } }`, {}, { viewer: admin });
    expect(codeOf(taken)).toBe("CONFLICT");
  });
});

describe("組織改正", () => {
  it("shows what a merge will move before it happens", async () => {
    const preview = await ok(
      kb.gql<{ reorganisationPreview: { name: string; cases: number; adoptions: number; questions: number; users: number }[] }>(
        `query ($ids: [ID!]!) { reorganisationPreview(ids: $ids) { name cases adoptions questions users } }`,
        { ids: [await deptId("子育て支援課"), await deptId("保育課")] },
        { viewer: admin },
      ),
    );
    expect(preview.reorganisationPreview).toEqual([
      { name: "保育課", cases: 1, adoptions: 1, questions: 1, users: 1 },
      { name: "子育て支援課", cases: 1, adoptions: 1, questions: 0, users: 1 },
    ]);
  });

  it("refuses a 施行日 in the future for now", async () => {
    const r = await kb.gql(MERGE, { input: { sourceIds: [await deptId("保育課")], targetId: await deptId("子育て支援課"), effectiveDate: "2999-04-01" } }, { viewer: admin });
    expect(codeOf(r)).toBe("BAD_USER_INPUT");
  });

  it("merges 課 into a new one: cases, adoptions, questions and people follow; old names, links and imports still reach them", async () => {
    const kosodate = await deptId("子育て支援課");
    const hoikuId = await deptId("保育課");
    const date = todayInJapan();
    // The new 課 keeps 保育課's 所属コード: the code moves, the abolished row keeps none.
    await ok(kb.gql(UPDATE, { id: hoikuId, input: { code: "0201" } }, { viewer: admin }));
    const merged = await ok(
      kb.gql<{ mergeDepartments: { successor: { id: string; name: string; aliases: string[]; caseCount: number; userCount: number }; movedCases: number; movedUsers: number; keptAdoptions: number } }>(
        MERGE,
        { input: { sourceIds: [kosodate, hoikuId], newName: "こども家庭課", newCode: "0201", effectiveDate: date } },
        { viewer: admin },
      ),
    );
    const successor = merged.mergeDepartments.successor;
    expect(merged.mergeDepartments).toMatchObject({ movedCases: 2, movedUsers: 2, keptAdoptions: 1 });
    expect(successor).toMatchObject({ name: "こども家庭課", caseCount: 2, userCount: 2 });
    expect([...successor.aliases].sort()).toEqual(["保育課", "子育て支援課"]);
    // Everything pointing at the 課 moved, in the same transaction as the search outbox rows and the audit.
    expect(await sql("select department_id from cases where id in (?)", [[ids.kosodate, ids.hoiku]])).toEqual([{ department_id: successor.id }, { department_id: successor.id }]);
    expect((await sql<{ n: string }>("select count(*) as n from questions where department_id = ?", [successor.id]))[0]!.n).toBe("1");
    expect((await sql<{ n: string }>("select count(*) as n from adoptions where department_id = ?", [successor.id]))[0]!.n).toBe("1");
    expect((await sql<{ n: string }>("select count(*) as n from users where department_id = ?", [successor.id]))[0]!.n).toBe("2");
    const outbox = await sql<{ case_id: string }>("select distinct case_id from search_outbox where case_id in (?) and processed_at is null", [[ids.kosodate, ids.hoiku]]);
    expect(outbox.map((r) => r.case_id).sort()).toEqual([ids.kosodate, ids.hoiku].sort());
    const audit = await sql<{ action: string; subject_id: string }>("select action, subject_id from audit_log where action like 'department.%' and after->>'effectiveDate' = ?", [date]);
    expect(audit.map((a) => a.action).sort()).toEqual(["department.create", "department.merge", "department.merge"]);
    expect(await sql("select abolished_on::text as on, abolished_by as by, successor_id, code from departments where id = ?", [hoikuId])).toEqual([{ on: date, by: "MERGE", successor_id: successor.id, code: null }]);
    expect(await sql("select code from departments where id = ?", [successor.id])).toEqual([{ code: "0201" }]);

    await kb.syncSearch();
    // The old name in the department filter and in the query finds the successor's cases.
    const byFilter = await ok(kb.gql<{ searchCases: { hits: { case: { id: string } }[] } }>(SEARCH, { query: "", filter: { departments: ["保育課"] } }, { viewer: citizen }));
    expect(byFilter.searchCases.hits.map((i) => i.case.id).sort()).toEqual([ids.kosodate, ids.hoiku].sort());
    const byQuery = await ok(kb.gql<{ searchCases: { hits: { case: { id: string } }[] } }>(SEARCH, { query: "子育て支援課" }, { viewer: citizen }));
    expect(byQuery.searchCases.hits.map((i) => i.case.id)).toContain(ids.kosodate);
    // An old link shows the successor's page and says what happened.
    const page = await ok(
      kb.gql<{ department: { id: string; name: string; reorganisedFrom: { name: string; abolishedOn: string; abolishedBy: string } } }>(
        `query ($id: ID!) { department(id: $id) { id name reorganisedFrom { name abolishedOn abolishedBy } } }`,
        { id: hoikuId },
        { viewer: null },
      ),
    );
    expect(page.department).toEqual({ id: successor.id, name: "こども家庭課", reorganisedFrom: { name: "保育課", abolishedOn: date, abolishedBy: "MERGE" } });
    // An import naming the old 課 lands in the successor.
    await kb.importCases([buildCase({ externalId: "r-late", title: "遅れて届いた保育の好事例", department: "保育課" })]);
    expect(await sql("select department_id from cases where external_id = 'r-late'")).toEqual([{ department_id: successor.id }]);
  });

  it("splits a 課, each case to its new 課 and the rest to the first", async () => {
    const source = await deptId("こども家庭課");
    const split = await ok(
      kb.gql<{ splitDepartment: { successor: { name: string }; createdIds: string[]; movedCases: number } }>(
        `mutation ($input: SplitDepartmentInput!) { splitDepartment(input: $input) { successor { name } createdIds movedCases } }`,
        { input: { sourceId: source, newDepartments: [{ name: "こども政策課" }, { name: "保育幼稚園課" }], assignments: [{ caseId: ids.hoiku, index: 1 }], effectiveDate: todayInJapan() } },
        { viewer: admin },
      ),
    );
    const [first, second] = split.splitDepartment.createdIds;
    expect(split.splitDepartment).toMatchObject({ successor: { name: "こども政策課" }, movedCases: 3 });
    expect(await sql("select department_id from cases where id = ?", [ids.hoiku])).toEqual([{ department_id: second }]);
    expect(await sql("select department_id from cases where id = ?", [ids.kosodate])).toEqual([{ department_id: first }]);
    // 保育課 was merged into こども家庭課, which was split: its old link follows to the latest successor.
    const page = await ok(kb.gql<{ department: { id: string } }>(`query ($id: ID!) { department(id: $id) { id } }`, { id: await deptId("保育課") }, { viewer: null }));
    expect(page.department.id).toBe(first);
  });
});

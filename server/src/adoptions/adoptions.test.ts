import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { statementsSentBy } from "../../../test/support/statements.js";
import type { Viewer } from "../kernel/index.js";
import { adoptionCountsByCase, adoptionFlows } from "./adoption.service.js";

/**
 * The adoption ledger (横展開): who may record (a matrix: allowed succeed, others are refused and
 * change nothing), the timeline, counts, notifications to the case's 課, and adoptionCount in search
 * (through the outbox: filter and MOST_ADOPTED sort).
 */
let kb: TestBackend;
let owner: Viewer; // 子育て支援課: the case's department
let ownerColleague: Viewer;
let adopter: Viewer; // 市民課
let adopterColleague: Viewer; // 市民課
let taxStaff: Viewer; // 税務課
let secretariat: Viewer; // 業務改革推進課
let admin: Viewer; // 情報政策課
const ids: Record<string, string> = {};

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

interface Adoption {
  id: string;
  status: string;
  note: string;
  changes: string;
  version: number;
  effects: { label: string; before: number | null; after: number | null; unit: string | null }[];
  department: { name: string };
  derivedCase: { id: string } | null;
  recordedBy: { displayName: string } | null;
  events: { fromStatus: string | null; status: string; actor: { displayName: string } | null }[];
}
const FIELDS = `id status note changes version effects { label before after unit } department { name } derivedCase { id }
  recordedBy { displayName } events { fromStatus status actor { displayName } }`;
const RECORD = `mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { ${FIELDS} } }`;
const record = (viewer: Viewer | null, input: Record<string, unknown>) =>
  kb.gql<{ recordAdoption: Adoption }>(RECORD, { input: { caseId: ids.published, ...input } }, { viewer });

/** Rows that a refused write must not have added. */
async function footprint() {
  const [row] = await sql<Record<string, string>>(
    `select (select count(*) from adoptions) as adoptions, (select count(*) from adoption_events) as events,
            (select count(*) from audit_log where action like 'adoption.%') as audits,
            (select count(*) from notifications where type = 'ADOPTION_RECORDED') as notices,
            (select count(*) from search_outbox) as outbox`,
  );
  return row;
}

beforeAll(async () => {
  kb = await createTestBackend();
  owner = await kb.createViewer({ department: "子育て支援課", displayName: "持主 一郎" });
  ownerColleague = await kb.createViewer({ department: "子育て支援課" });
  adopter = await kb.createViewer({ department: "市民課", displayName: "採用 花子" });
  adopterColleague = await kb.createViewer({ department: "市民課" });
  taxStaff = await kb.createViewer({ department: "税務課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  await kb.importCases([
    buildCase({ externalId: "a-published", title: "来庁予約アプリ", department: "子育て支援課", tags: ["kintone"] }),
    buildCase({ externalId: "a-other", title: "申請書の電子化", department: "子育て支援課", tags: ["kintone"] }),
    buildCase({ externalId: "a-third", title: "窓口の案内表示", department: "子育て支援課", tags: ["kintone"] }),
    buildCase({ externalId: "a-draft", title: "下書きの好事例", department: "子育て支援課", status: "DRAFT" }),
    buildCase({ externalId: "a-archived", title: "アーカイブされた好事例", department: "子育て支援課", status: "ARCHIVED" }),
    buildCase({ externalId: "a-derived", title: "市民課版の来庁予約", department: "市民課", status: "DRAFT" }),
    buildCase({ externalId: "a-tax", title: "税務課の好事例", department: "税務課" }),
  ]);
  for (const r of await sql<{ id: string; external_id: string }>("select id, external_id from cases")) ids[r.external_id.slice(2)] = r.id;
});
afterAll(() => kb?.close());

describe("who may record an adoption", () => {
  it("refuses everyone but another 課 on a published case, and a refusal changes nothing", async () => {
    const before = await footprint();
    const refused: [string, Viewer | null, string, string][] = [
      ["anonymous", null, ids.published!, "UNAUTHENTICATED"],
      ["the owning 課", owner, ids.published!, "FORBIDDEN"],
      ["the owning 課 (colleague)", ownerColleague, ids.published!, "FORBIDDEN"],
      ["another 課 on a draft", adopter, ids.draft!, "NOT_FOUND"],
      ["another 課 on an archived case", adopter, ids.archived!, "NOT_FOUND"],
      ["the secretariat on an archived case", secretariat, ids.archived!, "FORBIDDEN"],
      ["the secretariat on a draft", secretariat, ids.draft!, "FORBIDDEN"],
      ["an unknown case", adopter, "00000000-0000-4000-8000-000000000000", "NOT_FOUND"],
    ];
    for (const [who, viewer, caseId, code] of refused) {
      expect(codeOf(await record(viewer, { caseId, status: "TRIAL" })), who).toBe(code);
    }
    expect(await footprint()).toEqual(before);
  });

  it("lets staff, the secretariat's 課 and an admin's 課 record their own 課's adoption", async () => {
    for (const viewer of [secretariat, admin]) {
      const a = (await ok(record(viewer, { caseId: ids.tax, status: "CONSIDERING" }))).recordAdoption;
      expect(a.status).toBe("CONSIDERING");
    }
    const rows = await sql<{ department_id: string }>("select department_id from adoptions where case_id = ?", [ids.tax]);
    expect(rows.map((r) => r.department_id).sort()).toEqual([secretariat.departmentId, admin.departmentId].sort());
  });

  it("validates with the shared schema and field paths", async () => {
    const before = await footprint();
    const bad = await record(adopter, { status: "TRIAL", note: "x".repeat(2001), effects: [{ label: "", before: 1 }] });
    expect(codeOf(bad)).toBe("BAD_USER_INPUT");
    const paths = (bad.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["note", "effects.0.label"]));
    // The derived case must be the adopting 課's own.
    const foreign = await record(adopter, { status: "ADOPTED", derivedCaseId: ids.tax });
    expect(foreign.errors?.[0]?.extensions?.fields).toEqual([{ path: "derivedCaseId", message: "派生した事例には、自分の課の好事例を選んでください" }]);
    expect(await footprint()).toEqual(before);
  });
});

describe("recording, the timeline and notifications", () => {
  it("records 試行中 with a note, what changed and its own effects; tells the case's 課, not the recorder", async () => {
    const a = (
      await ok(
        record(adopter, {
          status: "TRIAL",
          note: "4月から窓口で試しています",
          changes: "予約制にした",
          effects: [{ label: "待ち時間", before: 40, after: 10, unit: "分" }],
        }),
      )
    ).recordAdoption;
    expect(a).toMatchObject({
      status: "TRIAL",
      note: "4月から窓口で試しています",
      changes: "予約制にした",
      version: 1,
      effects: [{ label: "待ち時間", before: 40, after: 10, unit: "分" }],
      department: { name: "市民課" },
      recordedBy: { displayName: "採用 花子" },
      events: [{ fromStatus: null, status: "TRIAL", actor: { displayName: "採用 花子" } }],
    });
    const notices = await sql<{ recipient_id: string; message: string; case_id: string }>(
      "select recipient_id, message, case_id from notifications where type = 'ADOPTION_RECORDED' and case_id = ?",
      [ids.published],
    );
    expect(notices.map((n) => n.recipient_id).sort()).toEqual([owner.userId, ownerColleague.userId].sort());
    expect(notices[0]!.message).toBe("市民課が「来庁予約アプリ」の横展開を「試行中」として記録しました。");
    const [audit] = await sql<{ actor_id: string; after: { status: string } }>(
      "select actor_id, after from audit_log where action = 'adoption.create' and subject_id = ?",
      [ids.published],
    );
    expect(audit).toMatchObject({ actor_id: adopter.userId, after: { status: "TRIAL" } });
  });

  it("refuses a stale save (CONFLICT) and a second first record; a colleague updates with the version", async () => {
    expect(codeOf(await record(adopterColleague, { status: "ADOPTED" }))).toBe("CONFLICT");
    expect(codeOf(await record(adopterColleague, { status: "ADOPTED", version: 7 }))).toBe("CONFLICT");
    const updated = (
      await ok(record(adopterColleague, { status: "ADOPTED", version: 1, note: "本格導入しました", derivedCaseId: ids.derived }))
    ).recordAdoption;
    expect(updated.version).toBe(2);
    expect(updated.events.map((e) => [e.fromStatus, e.status])).toEqual([
      [null, "TRIAL"],
      ["TRIAL", "ADOPTED"],
    ]);
    // The derived case is a draft: only published cases are shown.
    expect(updated.derivedCase).toBeNull();
    const [row] = await sql<{ derived_case_id: string }>("select derived_case_id from adoptions where id = ?", [updated.id]);
    expect(row!.derived_case_id).toBe(ids.derived);
    const messages = await sql<{ message: string }>(
      "select message from notifications where type = 'ADOPTION_RECORDED' and case_id = ? order by created_at desc limit 1",
      [ids.published],
    );
    expect(messages[0]!.message).toBe("市民課が「来庁予約アプリ」の横展開を「試行中」から「導入済」に更新しました。");
    // Editing the note alone adds no timeline step and notifies nobody.
    const noticesBefore = await sql<{ n: string }>("select count(*) as n from notifications where type = 'ADOPTION_RECORDED'");
    const noted = (await ok(record(adopter, { status: "ADOPTED", version: 2, note: "効果を測りました", derivedCaseId: ids.derived }))).recordAdoption;
    expect(noted.events).toHaveLength(2);
    expect(await sql<{ n: string }>("select count(*) as n from notifications where type = 'ADOPTION_RECORDED'")).toEqual(noticesBefore);
  });

  it("shows the ledger on the case page: every 課, counts, the viewer's own and what they may do", async () => {
    await ok(record(taxStaff, { status: "CONSIDERING" }));
    const page = await ok(
      kb.gql<{
        case: {
          adoptionCount: number;
          adoptionSummary: Record<string, number>;
          adoptions: Adoption[];
          viewerAdoption: Adoption | null;
          adoptionAccess: { record: boolean };
        };
      }>(
        `query ($id: ID!) { case(id: $id) { adoptionCount adoptionSummary { considering trial adopted declined adoptionCount }
           adoptions { ${FIELDS} } viewerAdoption { id status } adoptionAccess { record } } }`,
        { id: ids.published },
        { viewer: taxStaff },
      ),
    );
    expect(page.case.adoptionCount).toBe(1);
    expect(page.case.adoptionSummary).toEqual({ considering: 1, trial: 0, adopted: 1, declined: 0, adoptionCount: 1 });
    expect(page.case.adoptions.map((a) => [a.department.name, a.status])).toEqual([
      ["税務課", "CONSIDERING"],
      ["市民課", "ADOPTED"],
    ]);
    expect(page.case.viewerAdoption).toMatchObject({ status: "CONSIDERING" });
    expect(page.case.adoptionAccess).toEqual({ record: true });
    const asOwner = await ok(
      kb.gql<{ case: { adoptionAccess: { record: boolean }; viewerAdoption: null } }>(
        `query ($id: ID!) { case(id: $id) { adoptionAccess { record } viewerAdoption { id } } }`,
        { id: ids.published },
        { viewer: owner },
      ),
    );
    expect(asOwner.case).toEqual({ adoptionAccess: { record: false }, viewerAdoption: null });
    // Anonymous readers see the departments, not the people.
    const anonymous = await ok(
      kb.gql<{ case: { adoptions: Adoption[] } }>(`query ($id: ID!) { case(id: $id) { adoptions { department { name } recordedBy { displayName } } } }`, {
        id: ids.published,
      }),
    );
    expect(anonymous.case.adoptions.every((a) => a.recordedBy === null)).toBe(true);
  });

  it("adoptionCountsByCase and adoptionFlows answer other slices in one query each", async () => {
    const em = kb.orm.em.fork();
    let counts = new Map<string, unknown>();
    const statements = await statementsSentBy(em.getConnection(), async () => {
      counts = await adoptionCountsByCase(em, [ids.published!, ids.other!, ids.tax!]);
    });
    expect(statements).toHaveLength(1);
    expect(counts.get(ids.published!)).toEqual({ caseId: ids.published, considering: 1, trial: 0, adopted: 1, declined: 0, adoptionCount: 1 });
    expect(counts.get(ids.other!)).toMatchObject({ adoptionCount: 0, considering: 0 });
    expect(counts.get(ids.tax!)).toMatchObject({ considering: 2, adoptionCount: 0 });
    const flows = await adoptionFlows(kb.orm.em.fork(), kb.homeOrganisationId, ["ADOPTED"]);
    expect(flows).toEqual([{ fromDepartmentId: owner.departmentId, toDepartmentId: adopter.departmentId, status: "ADOPTED", count: 1 }]);
  });
});

describe("adoptionCount in search", () => {
  it("reaches the index through the outbox in the same transaction; filters and MOST_ADOPTED sort use it", async () => {
    // Two 課 adopt a-other, one a-published (so far), none a-third.
    await ok(record(adopter, { caseId: ids.other, status: "TRIAL" }));
    await ok(record(secretariat, { caseId: ids.other, status: "ADOPTED" }));
    const pending = await sql<{ case_id: string }>("select distinct case_id from search_outbox where processed_at is null");
    expect(pending.map((p) => p.case_id)).toEqual(expect.arrayContaining([ids.other]));
    await kb.syncSearch();

    const search = async (args: string) =>
      (
        await ok(
          kb.gql<{ searchCases: { total: number; sort: string; hits: { case: { id: string; adoptionCount: number } }[] } }>(
            `{ searchCases(${args}) { total sort hits { case { id adoptionCount } } } }`,
          ),
        )
      ).searchCases;
    const sorted = await search(`query: "", sort: MOST_ADOPTED, filter: { tags: ["kintone"] }`);
    expect(sorted.sort).toBe("MOST_ADOPTED");
    expect(sorted.hits.map((h) => [h.case.id, h.case.adoptionCount])).toEqual([
      [ids.other, 2],
      [ids.published, 1],
      [ids.third, 0],
    ]);
    const atLeastOne = await search(`query: "", filter: { minAdoptionCount: 1 }`);
    expect(atLeastOne.hits.map((h) => h.case.id).sort()).toEqual([ids.other, ids.published].sort());
    expect((await search(`query: "", filter: { minAdoptionCount: 2 }`)).hits.map((h) => h.case.id)).toEqual([ids.other]);
    // 見送り takes a 課 out of the count.
    const [mine] = await sql<{ version: number }>("select version from adoptions where case_id = ? and department_id = ?", [ids.other, adopter.departmentId]);
    await ok(record(adopter, { caseId: ids.other, status: "DECLINED", version: mine!.version }));
    await kb.syncSearch();
    expect((await search(`query: "", filter: { minAdoptionCount: 2 }`)).total).toBe(0);
    const [doc] = [await kb.index.getDocument(ids.other!)];
    expect(doc?.adoptionCount).toBe(1);
  });

  it("refuses a negative threshold", async () => {
    const result = await kb.gql(`{ searchCases(query: "", filter: { minAdoptionCount: -1 }) { total } }`);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
  });
});

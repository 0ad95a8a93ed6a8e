import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYearOf } from "@kb/shared";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { statementsSentBy } from "../../../test/support/statements.js";
import type { Viewer } from "../kernel/index.js";
import { dueCutoff, isDue, runFreshnessCheck } from "../freshness/index.js";

/**
 * Department pages (what a 課 shared, adopted and asked) and the freshness check: cases not reviewed
 * for two fiscal years are flagged to the owning 課 once per fiscal year; 内容を確認した resets it.
 */
let kb: TestBackend;
let owner: Viewer; // 子育て支援課
let ownerColleague: Viewer;
let other: Viewer; // 市民課
let secretariat: Viewer;
const ids: Record<string, string> = {};

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

beforeAll(async () => {
  kb = await createTestBackend();
  owner = await kb.createViewer({ department: "子育て支援課", departmentPath: ["こども局"] });
  ownerColleague = await kb.createViewer({ department: "子育て支援課" });
  other = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  // Cases of this 年度: an import dates them today, so only the one made old below is due.
  const fiscalYear = fiscalYearOf(new Date());
  await kb.importCases([
    buildCase({ fiscalYear, externalId: "d-old", title: "古い好事例", department: "子育て支援課", departmentPath: ["こども局"] }),
    buildCase({ fiscalYear, externalId: "d-new", title: "新しい好事例", department: "子育て支援課", departmentPath: ["こども局"] }),
    buildCase({ fiscalYear, externalId: "d-draft", title: "下書き", department: "子育て支援課", status: "DRAFT" }),
    buildCase({ fiscalYear, externalId: "d-citizen", title: "市民課の好事例", department: "市民課" }),
  ]);
  for (const r of await sql<{ id: string; external_id: string }>("select id, external_id from cases")) ids[r.external_id.slice(2)] = r.id;
});
afterAll(() => kb?.close());

describe("the fiscal-year rule", () => {
  it("is due once two fiscal years have begun since the last review", () => {
    const reviewed = new Date(2024, 4, 10); // 令和6年度
    expect(isDue(reviewed, new Date(2026, 2, 31))).toBe(false); // 令和7年度
    expect(isDue(reviewed, new Date(2026, 3, 1))).toBe(true); // 令和8年度
    expect(isDue(new Date(2025, 2, 31), new Date(2026, 3, 1))).toBe(true); // 令和6年度 (March) → 令和8年度
    expect(dueCutoff(new Date(2026, 3, 1))).toEqual(new Date(2025, 3, 1));
  });
});

describe("the freshness check", () => {
  it("flags the owning 課 of cases not reviewed for two fiscal years, once per fiscal year", async () => {
    await sql("update cases set published_at = published_at - interval '3 years' where id = ?", [ids.old]);
    const now = new Date();
    const dry = await runFreshnessCheck(kb.orm, { now, dryRun: true });
    expect(dry).toMatchObject({ due: 1, notified: [ids.old] });
    expect(await sql("select id from notifications where type = 'FRESHNESS_CHECK_DUE'")).toEqual([]);

    const report = await runFreshnessCheck(kb.orm, { now });
    expect(report).toMatchObject({ fiscalYear: fiscalYearOf(now), due: 1, notified: [ids.old], skipped: false });
    const notices = await sql<{ recipient_id: string; case_id: string; message: string }>(
      "select recipient_id, case_id, message from notifications where type = 'FRESHNESS_CHECK_DUE'",
    );
    expect(notices.map((n) => n.recipient_id).sort()).toEqual([owner.userId, ownerColleague.userId].sort());
    expect(notices[0]!.case_id).toBe(ids.old);
    expect(notices[0]!.message).toContain("「古い好事例」は");
    expect(await sql("select id from audit_log where action = 'freshness.notify'")).toHaveLength(1);
    // Again in the same fiscal year: nothing new.
    expect((await runFreshnessCheck(kb.orm, { now })).notified).toEqual([]);
    expect(await sql("select id from notifications where type = 'FRESHNESS_CHECK_DUE'")).toHaveLength(2);
    // The next fiscal year reminds again (and by then the new cases are not yet due either).
    const nextYear = new Date(fiscalYearOf(now) + 1, 3, 2, 12);
    expect((await runFreshnessCheck(kb.orm, { now: nextYear, dryRun: true })).notified).toEqual([ids.old]);
    // Two fiscal years on, every published case is due.
    const later = new Date(fiscalYearOf(now) + 2, 3, 2, 12);
    expect((await runFreshnessCheck(kb.orm, { now: later, dryRun: true })).notified.sort()).toEqual([ids.old, ids.new, ids.citizen].sort());
  });

  it("shows the flag on the case page and lets only the owning 課 confirm 内容を確認した", async () => {
    const query = `query ($id: ID!) { case(id: $id) { freshness { due dueFiscalYear confirmedAt viewerCanConfirm confirmedBy { id } } } }`;
    type Page = { case: { freshness: { due: boolean; viewerCanConfirm: boolean; confirmedAt: string | null; confirmedBy: { id: string } | null } | null } };
    const seenByOther = await ok(kb.gql<Page>(query, { id: ids.old }, { viewer: other }));
    expect(seenByOther.case.freshness).toMatchObject({ due: true, viewerCanConfirm: false, confirmedAt: null });
    const draft = await ok(kb.gql<Page>(query, { id: ids.draft }, { viewer: owner }));
    expect(draft.case.freshness).toBeNull();

    const CONFIRM = `mutation ($id: ID!) { confirmCaseFreshness(caseId: $id) { due confirmedAt viewerCanConfirm confirmedBy { id } } }`;
    const before = await sql("select * from case_freshness where case_id = ?", [ids.old]);
    for (const [viewer, code] of [
      [null, "UNAUTHENTICATED"],
      [other, "FORBIDDEN"],
      [secretariat, "FORBIDDEN"],
    ] as const) {
      expect(codeOf(await kb.gql(CONFIRM, { id: ids.old }, { viewer }))).toBe(code);
    }
    expect(codeOf(await kb.gql(CONFIRM, { id: ids.draft }, { viewer: owner }))).toBe("CONFLICT");
    expect(codeOf(await kb.gql(CONFIRM, { id: ids.draft }, { viewer: other }))).toBe("NOT_FOUND");
    expect(await sql("select * from case_freshness where case_id = ?", [ids.old])).toEqual(before);

    const confirmed = (await ok(kb.gql<{ confirmCaseFreshness: Page["case"]["freshness"] }>(CONFIRM, { id: ids.old }, { viewer: ownerColleague })))
      .confirmCaseFreshness;
    expect(confirmed).toMatchObject({ due: false, viewerCanConfirm: true, confirmedBy: { id: ownerColleague.userId } });
    // The due notices are done with, for everyone in the 課.
    expect(await sql("select id from notifications where type = 'FRESHNESS_CHECK_DUE' and read_at is null")).toEqual([]);
    expect(await sql("select id from audit_log where action = 'freshness.confirm'")).toHaveLength(1);
    expect((await runFreshnessCheck(kb.orm, { dryRun: true })).due).toBe(0);
  });
});

describe("the department page", () => {
  const PAGE = `query ($id: ID!) { department(id: $id) {
    name path parent { name } children { name } isViewerDepartment
    stats { sharedCount adoptedByOthersCount adoptedCount adoptionRecordCount askedCount unansweredCount }
    sharedCases(first: 10) { total items { title adoptionCount } }
    adoptions(first: 10) { total items { status case { title department { name } } } }
    questions(first: 10) { total items { body case { title } answers { body } } }
    unansweredQuestions(first: 10) { total items { body } }
    freshnessDue(first: 10) { total items { case { title } freshness { due } } } } }`;
  type Page = {
    department: {
      name: string;
      path: string[];
      parent: { name: string } | null;
      children: { name: string }[];
      isViewerDepartment: boolean;
      stats: Record<string, number>;
      sharedCases: { total: number; items: { title: string; adoptionCount: number }[] };
      adoptions: { total: number; items: { status: string; case: { title: string; department: { name: string } } }[] };
      questions: { total: number; items: { body: string; case: { title: string }; answers: { body: string }[] }[] };
      unansweredQuestions: { total: number; items: { body: string }[] };
      freshnessDue: { total: number; items: { case: { title: string } }[] } | null;
    } | null;
  };

  it("shows what a 課 shared, adopted and asked; the due list only to its members and the secretariat", async () => {
    await ok(kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id } }`, { input: { caseId: ids.new, status: "TRIAL" } }, { viewer: other }));
    await ok(kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id } }`, { input: { caseId: ids.citizen, status: "CONSIDERING" } }, { viewer: owner }));
    await ok(kb.gql(`mutation ($input: QuestionInput!) { askQuestion(input: $input) { id } }`, { input: { caseId: ids.new, body: "費用は？" } }, { viewer: other }));
    await sql("update cases set published_at = published_at - interval '3 years' where id = ?", [ids.new]);

    const mine = (await ok(kb.gql<Page>(PAGE, { id: owner.departmentId }, { viewer: owner }))).department!;
    expect(mine).toMatchObject({ name: "子育て支援課", path: ["こども局", "子育て支援課"], parent: { name: "こども局" }, children: [], isViewerDepartment: true });
    expect(mine.stats).toEqual({ sharedCount: 2, adoptedByOthersCount: 1, adoptedCount: 0, adoptionRecordCount: 1, askedCount: 0, unansweredCount: 1 });
    expect(mine.sharedCases.items.map((c) => c.title).sort()).toEqual(["新しい好事例", "古い好事例"].sort());
    expect(mine.sharedCases.items.find((c) => c.title === "新しい好事例")!.adoptionCount).toBe(1);
    expect(mine.adoptions.items).toEqual([{ status: "CONSIDERING", case: { title: "市民課の好事例", department: { name: "市民課" } } }]);
    expect(mine.unansweredQuestions.items).toEqual([{ body: "費用は？" }]);
    expect(mine.freshnessDue).toEqual({ total: 1, items: [{ case: { title: "新しい好事例" }, freshness: { due: true } }] });

    const asOther = (await ok(kb.gql<Page>(PAGE, { id: other.departmentId }, { viewer: owner }))).department!;
    expect(asOther.freshnessDue).toBeNull();
    expect(asOther.isViewerDepartment).toBe(false);
    expect(asOther.questions.items).toEqual([{ body: "費用は？", case: { title: "新しい好事例" }, answers: [] }]);
    expect(asOther.stats).toMatchObject({ sharedCount: 1, adoptedCount: 1, askedCount: 1 });
    expect((await ok(kb.gql<Page>(PAGE, { id: owner.departmentId }, { viewer: secretariat }))).department!.freshnessDue!.total).toBe(1);

    const parent = (await ok(kb.gql<Page>(PAGE, { id: (await sql<{ id: string }>("select id from departments where name = 'こども局'"))[0]!.id }))).department!;
    expect(parent.children).toEqual([{ name: "子育て支援課" }]);
    expect(await ok(kb.gql<Page>(PAGE, { id: "00000000-0000-4000-8000-000000000000" }))).toEqual({ department: null });
  });

  it("costs the same number of SQL statements however many rows its lists hold", async () => {
    const count = async () => {
      // Warmed first: which organisations read publicly is cached for a few seconds per process
      // (organisations/readership.ts), and the count must not depend on whether that expired in between.
      await ok(kb.gql<Page>(PAGE, { id: owner.departmentId }, { viewer: owner }));
      const statements = await statementsSentBy(kb.orm.em.getConnection(), () => ok(kb.gql<Page>(PAGE, { id: owner.departmentId }, { viewer: owner })));
      return statements.length;
    };
    const before = await count();
    await kb.importCases([1, 2, 3, 4, 5].map((n) => buildCase({ title: `追加の好事例${n}`, department: "子育て支援課" })));
    const more = await sql<{ id: string }>("select id from cases where title like '追加の好事例%'");
    for (const c of more) {
      await ok(kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id } }`, { input: { caseId: c.id, status: "ADOPTED" } }, { viewer: other }));
      await ok(kb.gql(`mutation ($input: QuestionInput!) { askQuestion(input: $input) { id } }`, { input: { caseId: c.id, body: "質問" } }, { viewer: other }));
    }
    expect(await count()).toBe(before);
  });
});

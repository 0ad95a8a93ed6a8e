import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonnelDryRun } from "@kb/shared";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { writeXlsx } from "../../../test/support/xlsx.js";
import type { Viewer } from "../kernel/index.js";
import { PersonnelChangeService } from "./personnel-change.service.js";
import { planDigest, type PlanState } from "./personnel-plan.js";

let kb: TestBackend;
let admin: Viewer;
let foreignAdmin: Viewer;
const OTHER_CITY = { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: "011002" };

beforeAll(async () => {
  kb = await createTestBackend();
  admin = await kb.createViewer({ role: "ADMIN", department: "人事課", email: "jinji@example.lg.jp" });
  const operator = await kb.createViewer({ department: "運用課", installationRole: "OPERATOR" });
  await kb.gql(`mutation ($input: OrganisationInput!) { createOrganisation(input: $input) { id } }`, { input: OTHER_CITY }, { viewer: operator });
  foreignAdmin = await kb.createViewer({ role: "ADMIN", department: "総務課", organisation: OTHER_CITY.code, email: "admin@sapporo.example.jp" });
  await kb.createViewer({ department: "秘書課", organisation: OTHER_CITY.code, email: "someone@sapporo.example.jp" });
});
afterAll(() => kb?.close());

const service = () => new PersonnelChangeService(kb.orm.em.fork());
const csv = (...lines: string[]) => ({ name: "idou.csv", bytes: Buffer.from(["職員番号,氏名,メール,所属,役割,発令日", ...lines].join("\r\n"), "utf8") });
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(text, params);
const userByEmail = async (email: string) =>
  (await sql<{ id: string; department: string; role: string; active: boolean; employee_number: string | null; display_name: string; password_hash: string }>(
    "select u.id, d.name as department, u.role, u.active, u.employee_number, u.display_name, u.password_hash from users u join departments d on d.id = u.department_id where u.email = ?",
    [email],
  ))[0];
const verdicts = (run: PersonnelDryRun) => run.rows.map((r) => [r.row, r.verdict]);

describe("人事異動 list: dry run and apply (issue 15 item 4)", () => {
  it("judges each row 新規 / 異動 / 退職 / 変更なし / 誤り, applies only a list without 誤り, and again is all 変更なし", async () => {
    for (const department of ["総務課", "企画課", "広報課"]) await kb.createViewer({ department });
    const alice = await kb.createViewer({ department: "総務課", email: "alice@example.lg.jp" });
    await sql("update users set employee_number = '1001' where id = ?", [alice.userId]);
    await kb.createViewer({ department: "企画課", email: "bob@example.lg.jp" });
    const carol = await kb.createViewer({ department: "総務課", email: "carol@example.lg.jp" });
    await kb.createViewer({ department: "広報課", email: "dave@example.lg.jp", displayName: "広報 大輔" });
    await sql("update departments set code = 'K-200' where name = '企画課'");
    await sql("insert into sessions (token_hash, user_id, id, created_at, expires_at, last_seen_at) values ('t-carol', ?, gen_random_uuid(), now(), now() + interval '1 day', now())", [carol.userId]);

    const withErrors = csv(
      "1001,,alice@example.lg.jp,企画課,,2027-04-01", // 2: 異動 (by 職員番号)
      "1002,,bob@example.lg.jp,総務課,事務局,2027/4/1", // 3: 異動 (by メール; 職員番号 registered)
      ",,carol@example.lg.jp,退職,,2027-03-31", // 4: 退職
      ",広報 大輔,dave@example.lg.jp,広報課,職員,", // 5: 変更なし
      "2001,新人 恵理,erin@example.lg.jp,K-200,,2027-04-01", // 6: 新規 (所属コード)
      "2002,誤字 太郎,taro@example.lg.jp,総務果,職員,2027-04-01", // 7: 誤り (unknown 所属)
      "2003,重複 一,dup@example.lg.jp,総務課,職員,", // 8: 誤り (duplicate)
      "2004,重複 二,DUP@example.lg.jp,総務課,職員,", // 9: 誤り (duplicate)
      "2005,他市 職員,someone@sapporo.example.jp,総務課,職員,", // 10: 誤り (another organisation's address)
      "2006,役割 不明,role@example.lg.jp,総務課,部長,2027-13-01", // 11: 誤り (role, date)
    );
    const first = await service().dryRun(admin, withErrors);
    expect(verdicts(first)).toEqual([
      [2, "TRANSFER"],
      [3, "TRANSFER"],
      [4, "RETIRE"],
      [5, "UNCHANGED"],
      [6, "NEW"],
      [7, "ERROR"],
      [8, "ERROR"],
      [9, "ERROR"],
      [10, "ERROR"],
      [11, "ERROR"],
    ]);
    expect(first.counts).toEqual({ NEW: 1, TRANSFER: 2, RETIRE: 1, UNCHANGED: 1, ERROR: 5 });
    const row = (n: number) => first.rows.find((r) => r.row === n)!;
    expect(row(2).changes).toEqual(["所属: 総務課 → 企画課"]);
    expect(row(3).changes).toEqual(["所属: 企画課 → 総務課", "役割: 職員 → 事務局", "職員番号: （なし） → 1002"]);
    expect(row(7).errors[0]).toContain("所属「総務果」が見つかりません。近い名前: 「総務課」");
    expect(row(8).errors[0]).toBe("メール「dup@example.lg.jp」がファイルの中で重複しています（9行目にもあります）。");
    expect(row(10).errors).toEqual(["メール「someone@sapporo.example.jp」はほかのアカウントで使われているため使えません。"]);
    expect(JSON.stringify(first)).not.toContain("札幌");
    expect(row(11).errors).toEqual([expect.stringContaining("発令日「2027-13-01」"), expect.stringContaining("役割「部長」")]);
    expect(row(6).notes[0]).toContain("先の日付");

    // The dry run stored nothing; a list with 誤り is not applied, not even in part.
    expect(await userByEmail("erin@example.lg.jp")).toBeUndefined();
    await expect(service().apply(admin, withErrors, { digest: first.digest })).rejects.toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("誤りのある行が 5 行") });
    expect((await userByEmail("alice@example.lg.jp"))!.department).toBe("総務課");

    const fixed = csv(
      "1001,,alice@example.lg.jp,企画課,,2027-04-01",
      "1002,,bob@example.lg.jp,総務課,事務局,2027/4/1",
      ",,carol@example.lg.jp,退職,,2027-03-31",
      ",広報 大輔,dave@example.lg.jp,広報課,職員,",
      "2001,新人 恵理,erin@example.lg.jp,K-200,,2027-04-01",
    );
    const second = await service().dryRun(admin, fixed);
    expect(second.counts).toEqual({ NEW: 1, TRANSFER: 2, RETIRE: 1, UNCHANGED: 1, ERROR: 0 });
    const applied = await service().apply(admin, fixed, { digest: second.digest });
    expect(applied).toMatchObject({ counts: second.counts, endedSessions: 1 });
    expect(await userByEmail("alice@example.lg.jp")).toMatchObject({ department: "企画課", role: "STAFF", active: true });
    expect(await userByEmail("bob@example.lg.jp")).toMatchObject({ department: "総務課", role: "SECRETARIAT", employee_number: "1002" });
    expect(await userByEmail("carol@example.lg.jp")).toMatchObject({ active: false });
    expect(await sql("select 1 from sessions where user_id = ?", [carol.userId])).toEqual([]);
    expect(await userByEmail("erin@example.lg.jp")).toMatchObject({ department: "企画課", role: "STAFF", active: true, employee_number: "2001", display_name: "新人 恵理", password_hash: "!" });
    // One audit row per change, and one for the run.
    const audits = await sql<{ action: string; n: string }>("select action, count(*) as n from audit_log where actor_id = ? group by action order by action", [admin.userId]);
    expect(audits.map((a) => [a.action, Number(a.n)])).toEqual([
      ["personnel.apply", 1],
      ["user.create", 1],
      ["user.deactivate", 1],
      ["user.transfer", 2],
    ]);

    // Idempotent: the same list again is all 変更なし (and applying it changes nothing).
    const again = await service().dryRun(admin, fixed);
    expect(again.counts).toEqual({ NEW: 0, TRANSFER: 0, RETIRE: 0, UNCHANGED: 5, ERROR: 0 });
    expect((await service().apply(admin, fixed, { digest: again.digest })).counts.UNCHANGED).toBe(5);

    // A digest from before someone changed the people is refused.
    const moveBack = csv("1001,テスト 利用者,alice@example.lg.jp,総務課,,");
    const stale = await service().dryRun(admin, moveBack);
    await sql("update users set display_name = '改名 アリス' where id = ?", [alice.userId]);
    await expect(service().apply(admin, moveBack, { digest: stale.digest })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await userByEmail("alice@example.lg.jp"))!.department).toBe("企画課");
  });

  it("reads Shift_JIS CSV and .xlsx, and names the missing columns", async () => {
    await kb.createViewer({ department: "税務課", email: "sjis@example.lg.jp" });
    const text = "職員ID,氏名,メールアドレス,所属名,権限,異動日\r\n3001,漢字 髙橋,sjis@example.lg.jp,税務課,職員,2027-04-01\r\n";
    const sjis = await service().dryRun(admin, { name: "idou.csv", bytes: iconv.encode(text, "cp932") });
    expect(sjis).toMatchObject({ encoding: "shift_jis", counts: { TRANSFER: 1 } });
    expect(sjis.rows[0]!.changes).toEqual([expect.stringMatching(/^氏名: .* → 漢字 髙橋$/), "職員番号: （なし） → 3001"]);

    const xlsx = writeXlsx("異動", [
      ["職員番号", "氏名", "メール", "所属", "役割", "発令日"],
      [3002, "表計算 花子", "xlsx@example.lg.jp", "税務課", "事務局", new Date(Date.UTC(2027, 3, 1))],
    ]);
    const excel = await service().dryRun(admin, { name: "idou.xlsx", bytes: xlsx });
    expect(excel.rows).toEqual([expect.objectContaining({ row: 2, verdict: "NEW", employeeNumber: "3002", role: "SECRETARIAT", department: "税務課", effectiveDate: "2027-04-01" })]);

    const missing = await service()
      .dryRun(admin, { name: "idou.csv", bytes: Buffer.from("職員番号,氏名\r\n1,a\r\n") })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("列が足りません: 「メール」") });
    expect((missing as Error).message).toContain("「所属」");
  });

  it("stays inside the ADMIN's organisation and refuses everyone else", async () => {
    const staff = await kb.createViewer({ department: "総務課" });
    const list = csv(",,alice@example.lg.jp,退職,,");
    await expect(service().dryRun(staff, list)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(service().dryRun(null, list)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    // Sapporo's ADMIN cannot reach the home organisation's people: the address is "used elsewhere".
    const foreign = await service().dryRun(foreignAdmin, list);
    expect(foreign.rows[0]).toMatchObject({ verdict: "ERROR", errors: expect.arrayContaining(["退職とされた職員が見つかりません（職員番号とメールを確かめてください）。"]) });
    const foreignNew = await service().dryRun(foreignAdmin, csv("9,名前,alice@example.lg.jp,総務課,,"));
    expect(foreignNew.rows[0]!.errors).toEqual(["メール「alice@example.lg.jp」はほかのアカウントで使われているため使えません。"]);
    expect((await userByEmail("alice@example.lg.jp"))!.active).toBe(true);
    // An ADMIN does not retire themself.
    expect((await service().dryRun(admin, csv(",,jinji@example.lg.jp,退職,,"))).rows[0]!.errors[0]).toContain("あなた自身");
  });

  it("is one transaction: a failure in the middle of writing leaves nothing applied", async () => {
    await kb.createViewer({ department: "総務課", email: "boom@example.lg.jp" });
    const runsBefore = (await sql("select 1 from audit_log where action = 'personnel.apply'")).length;
    await kb.createViewer({ department: "総務課", email: "mover@example.lg.jp" });
    // A real database failure on the second of the run's statements (the update), after the insert.
    await sql(`create function personnel_test_boom() returns trigger language plpgsql as $$
      begin if new.display_name = 'BOOM' then raise exception 'boom'; end if; return new; end $$`);
    await sql("create trigger personnel_test_boom before update on users for each row execute function personnel_test_boom()");
    try {
      const list = csv(",,mover@example.lg.jp,企画課,,", ",BOOM,boom@example.lg.jp,総務課,,", "4001,新人 四郎,shiro@example.lg.jp,総務課,,");
      const run = await service().dryRun(admin, list);
      expect(run.counts).toMatchObject({ NEW: 1, TRANSFER: 2 });
      await expect(service().apply(admin, list, { digest: run.digest })).rejects.toThrow();
    } finally {
      await sql("drop trigger personnel_test_boom on users");
      await sql("drop function personnel_test_boom()");
    }
    expect(await userByEmail("shiro@example.lg.jp")).toBeUndefined();
    expect((await userByEmail("mover@example.lg.jp"))!.department).toBe("総務課");
    expect((await sql("select 1 from audit_log where action = 'personnel.apply'")).length).toBe(runsBefore);
  });

  it("moves open notifications and review duties with the post, and leaves past cases with their 課", async () => {
    const leaver = await kb.createViewer({ department: "観光課", email: "leaver@example.lg.jp" });
    const lone = await kb.createViewer({ department: "港湾課", email: "lone@example.lg.jp" });
    const reviewer = await kb.createViewer({ role: "SECRETARIAT", department: "政策課", email: "reviewer@example.lg.jp" });
    const colleague = await kb.createViewer({ role: "SECRETARIAT", department: "政策課", email: "colleague@example.lg.jp" });
    await kb.createViewer({ department: "文化課", email: "newcomer@example.lg.jp" });
    await kb.importCases([buildCase({ externalId: "kanko-1", department: "観光課", title: "観光の好事例" }), buildCase({ externalId: "kowan-1", department: "港湾課" })]);
    const [kanko] = await sql<{ id: string; department_id: string }>("select id, department_id from cases where title = '観光の好事例'");
    const [kowan] = await sql<{ id: string }>("select c.id from cases c join departments d on d.id = c.department_id where d.name = '港湾課'");
    await sql("update cases set author_id = ?, status = 'SUBMITTED' where id = ?", [leaver.userId, kanko!.id]);
    const notice = (recipient: string, type: string, caseId: string, read = false) =>
      sql("insert into notifications (id, organisation_id, recipient_id, type, case_id, message, read_at, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now())", [
        kb.homeOrganisationId,
        recipient,
        type,
        caseId,
        `${type} のお知らせ`,
        read ? new Date() : null,
      ]);
    await notice(leaver.userId, "QUESTION_ASKED", kanko!.id); // the 課's: moves
    await notice(leaver.userId, "ADOPTION_RECORDED", kanko!.id, true); // read: stays
    await notice(leaver.userId, "QUESTION_ANSWERED", kanko!.id); // personal: stays
    await notice(lone.userId, "FRESHNESS_CHECK_DUE", kowan!.id); // nobody left in 港湾課: stays
    await notice(reviewer.userId, "CASE_SUBMITTED", kanko!.id); // review duty: to the secretariat of 政策課
    await notice(colleague.userId, "CASE_SUBMITTED", kanko!.id); // the colleague has one already

    const list = csv(
      ",,leaver@example.lg.jp,文化課,,2027-04-01",
      ",,newcomer@example.lg.jp,観光課,,2027-04-01",
      ",,lone@example.lg.jp,退職,,2027-03-31",
      ",,reviewer@example.lg.jp,政策課,職員,2027-04-01",
    );
    const run = await service().dryRun(admin, list);
    expect(run.counts).toMatchObject({ TRANSFER: 3, RETIRE: 1, ERROR: 0 });
    const result = await service().apply(admin, list, { digest: run.digest });
    expect(result).toMatchObject({ notificationsMoved: 2, notificationsWithoutSuccessor: 1 });

    const inbox = async (email: string) =>
      (await sql<{ type: string; read: boolean }>("select n.type, n.read_at is not null as read from notifications n join users u on u.id = n.recipient_id where u.email = ? order by n.type", [email])).map(
        (n) => `${n.type}${n.read ? "(read)" : ""}`,
      );
    expect(await inbox("leaver@example.lg.jp")).toEqual(["ADOPTION_RECORDED(read)", "QUESTION_ANSWERED"]);
    expect(await inbox("newcomer@example.lg.jp")).toEqual(["QUESTION_ASKED"]);
    expect(await inbox("lone@example.lg.jp")).toEqual(["FRESHNESS_CHECK_DUE"]);
    expect(await inbox("reviewer@example.lg.jp")).toEqual([]);
    expect(await inbox("colleague@example.lg.jp")).toEqual(["CASE_SUBMITTED"]);
    // The case stays with 観光課, which made it, though its author moved to 文化課.
    expect((await sql<{ department_id: string }>("select department_id from cases where id = ?", [kanko!.id]))[0]!.department_id).toBe(kanko!.department_id);
  });

  it("handles a list of 3,000 people in batched statements (timed)", async () => {
    const operator = await kb.createViewer({ department: "運用課", installationRole: "OPERATOR" });
    const city = { name: "大規模市", kana: "だいきぼし", prefecture: "大阪府", kind: "DESIGNATED_CITY", code: "271004" };
    await kb.gql(`mutation ($input: OrganisationInput!) { createOrganisation(input: $input) { id } }`, { input: city }, { viewer: operator });
    const bigAdmin = await kb.createViewer({ role: "ADMIN", department: "人事課", organisation: city.code, email: "admin@big.example.jp" });
    const departments = Array.from({ length: 40 }, (_, i) => `第${i + 1}課`);
    for (const d of departments) await kb.createViewer({ department: d, organisation: city.code });
    const ids = await sql<{ id: string; name: string }>("select id, name from departments where organisation_id = ?", [bigAdmin.organisationId]);
    const deptId = new Map(ids.map((d) => [d.name, d.id]));
    // 2,000 people already there (numbers 1..2000), made in one statement.
    await sql(
      `insert into users (id, organisation_id, email, display_name, employee_number, password_hash, role, department_id, active, created_at)
       select gen_random_uuid(), ?, 'p' || i || '@big.example.jp', '職員 ' || i, i::text, '!', 'STAFF', (array[${departments.map(() => "?::uuid").join(",")}])[1 + i % 40], true, now()
         from generate_series(1, 2000) i`,
      [bigAdmin.organisationId, ...departments.map((d) => deptId.get(d))],
    );
    const lines: string[] = [];
    for (let i = 1; i <= 3000; i++) {
      const dept = departments[(i <= 1000 ? i + 1 : i) % 40]!; // 1..1000 move to the next 課; 1001..2000 stay
      if (i > 1500 && i <= 2000) lines.push(`${i},職員 ${i},p${i}@big.example.jp,退職,,2027-03-31`);
      else lines.push(`${i},職員 ${i},p${i}@big.example.jp,${dept},職員,2027-04-01`);
    }
    const list = csv(...lines);
    let t = performance.now();
    const run = await new PersonnelChangeService(kb.orm.em.fork()).dryRun(bigAdmin, list);
    const dryRunMs = performance.now() - t;
    expect(run.counts).toEqual({ NEW: 1000, TRANSFER: 1000, RETIRE: 500, UNCHANGED: 500, ERROR: 0 });
    t = performance.now();
    await new PersonnelChangeService(kb.orm.em.fork()).apply(bigAdmin, list, { digest: run.digest });
    const applyMs = performance.now() - t;
    console.log(`人事異動 3,000 rows: dry run ${dryRunMs.toFixed(0)} ms, apply ${applyMs.toFixed(0)} ms`);
    const again = await new PersonnelChangeService(kb.orm.em.fork()).dryRun(bigAdmin, list);
    expect(again.counts).toMatchObject({ UNCHANGED: 3000 });
    expect(dryRunMs).toBeLessThan(10_000);
    expect(applyMs).toBeLessThan(20_000);
  });
});

describe("人事異動 after a 組織改正", () => {
  it("reads a merged 課's old name as its successor, says so, and never puts anyone in the abolished 課", async () => {
    const hoiku = await kb.createViewer({ department: "保育所課", email: "hoiku-before@example.lg.jp" });
    const kodomo = await kb.createViewer({ department: "こども課", email: "kodomo@example.lg.jp" });
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());
    const merged = await kb.gql<{ mergeDepartments: { successor: { id: string; name: string } } }>(
      `mutation ($input: MergeDepartmentsInput!) { mergeDepartments(input: $input) { successor { id name } } }`,
      { input: { sourceIds: [hoiku.departmentId], targetId: kodomo.departmentId, effectiveDate: today } },
      { viewer: admin },
    );
    expect(merged.errors).toBeUndefined();
    await kb.createViewer({ department: "広報課", email: "koho@example.lg.jp" });

    const run = await service().dryRun(admin, csv(",広報 太郎,koho@example.lg.jp,保育所課,,"));
    expect(run.rows[0]).toMatchObject({ verdict: "TRANSFER", errors: [] });
    expect(run.rows[0]!.notes).toContain("「保育所課」は組織改正前の名前です。今の「こども課」として扱います。");
    await service().apply(admin, csv(",広報 太郎,koho@example.lg.jp,保育所課,,"), { digest: run.digest });
    expect(await userByEmail("koho@example.lg.jp")).toMatchObject({ department: "こども課" });
    const [abolished] = await sql<{ n: string }>("select count(*) as n from users where department_id = ?", [hoiku.departmentId]);
    expect(Number(abolished!.n)).toBe(0);
  });
});

describe("the dry run's digest", () => {
  it("changes when a 課 gains or loses a former name, since a line naming it is read by that name", () => {
    const state: PlanState = {
      people: [],
      departments: [{ id: "d1", name: "市民課", nameKey: "市民課", code: null, aliasKeys: ["住民課"] }],
      foreignEmails: new Set(),
      viewerId: "v",
      today: "2026-12-06",
    };
    const bytes = Buffer.from("氏名,メール,所属\n");
    const digest = planDigest(bytes, state);
    expect(planDigest(bytes, { ...state, departments: [{ ...state.departments[0]!, aliasKeys: ["戸籍課", "住民課"] }] })).not.toBe(digest);
    expect(planDigest(bytes, { ...state, departments: [{ ...state.departments[0]!, aliasKeys: [] }] })).not.toBe(digest);
    // The order the aliases were read in does not matter.
    const two = { ...state, departments: [{ ...state.departments[0]!, aliasKeys: ["住民課", "戸籍課"] }] };
    expect(planDigest(bytes, two)).toBe(planDigest(bytes, { ...state, departments: [{ ...state.departments[0]!, aliasKeys: ["戸籍課", "住民課"] }] }));
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestBackend, testEnv, type TestBackend } from "../../../test/support/test-backend.js";
import { initOrm } from "../db/index.js";
import { ensureDatabase } from "../infra/index.js";
import { applyHomeOrganisationConfig, homeOrganisation, updateHomeOrganisation } from "./organisation.service.js";

let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

const CREATE = `mutation ($input: OrganisationInput!) { createOrganisation(input: $input) { id name kana prefecture kind kindLabel code population populationAsOf publicReading } }`;
const LIST = `{ organisations { name code kindLabel } }`;
const TAKARAZUKA = { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: "282146", population: 224000, populationAsOf: "2025-04-01" };

describe("organisations (issue 15)", () => {
  it("an installation operator creates and lists them; an organisation's admin may not", async () => {
    const operator = await kb.createViewer({ role: "STAFF", department: "運用課", installationRole: "OPERATOR" });
    const admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
    const refused = await kb.gql(CREATE, { input: TAKARAZUKA }, { viewer: admin });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await kb.gql(LIST, {}, { viewer: admin })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await kb.gql(LIST, {}, { viewer: null })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const created = await kb.gql<{ createOrganisation: Record<string, unknown> }>(CREATE, { input: TAKARAZUKA }, { viewer: operator });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createOrganisation).toMatchObject({ ...TAKARAZUKA, kindLabel: "一般市", publicReading: false });
    const listed = await kb.gql<{ organisations: { name: string; code: string | null }[] }>(LIST, {}, { viewer: operator });
    expect(listed.data!.organisations.map((o) => o.code)).toContain("282146");
    // The same code twice is a conflict; a wrong check digit says so, in Japanese, on the field.
    expect((await kb.gql(CREATE, { input: TAKARAZUKA }, { viewer: operator })).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const wrong = await kb.gql(CREATE, { input: { ...TAKARAZUKA, code: "282147" } }, { viewer: operator });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "code", message: "団体コードの検査数字（6桁目）が正しくありません" }] });
  });

  it("a user of one organisation gets its 課 and is its member; the same 課 name elsewhere is another 課", async () => {
    const operator = await kb.createViewer({ role: "STAFF", department: "運用課", installationRole: "OPERATOR" });
    await kb.gql(CREATE, { input: { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: "011002" } }, { viewer: operator });
    const home = await kb.createViewer({ department: "総務課" });
    const sapporo = await kb.createViewer({ department: "総務課", organisation: "011002" });
    expect(home.organisationId).toBe(kb.homeOrganisationId);
    expect(sapporo.organisationId).not.toBe(kb.homeOrganisationId);
    expect(sapporo.departmentId).not.toBe(home.departmentId);
    await expect(kb.createViewer({ organisation: "130001" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Not a 団体コード at all (a NUL byte made PostgreSQL fail with an internal error): no such organisation.
    await expect(kb.createViewer({ organisation: "01100\u0000" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "団体コード 01100? の団体は登録されていません。" });
  });

  it("the installation's own organisation takes its name from the config once, and later only from `kb organisation set`", async () => {
    const em = kb.orm.em.fork();
    const placeholder = await homeOrganisation(em);
    expect(placeholder).toMatchObject({ name: "この自治体", code: null, publicReading: true, home: true });
    expect(await applyHomeOrganisationConfig(kb.orm.em.fork(), { name: "東京都", code: "130001" })).toBe(true);
    expect(await homeOrganisation(kb.orm.em.fork())).toMatchObject({ name: "東京都", code: "130001", prefecture: "東京都", publicReading: true });
    // A later start with other settings changes nothing: the organisation was named.
    expect(await applyHomeOrganisationConfig(kb.orm.em.fork(), { name: "別の名前", code: "011002" })).toBe(false);
    // `kb organisation set` may rename it; a code another organisation has (the first test's 宝塚市) is refused.
    const taken = await updateHomeOrganisation(kb.orm.em.fork(), { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", code: "282146" }).catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: "CONFLICT" });
    expect(await updateHomeOrganisation(kb.orm.em.fork(), { population: 14_000_000, populationAsOf: "2025-01-01" })).toMatchObject({ name: "東京都", population: 14_000_000 });
  });
});

describe("upgrading a single-city database in place", () => {
  it("backfills every existing row into the installation's own organisation, which anonymous visitors may read, and re-indexes published cases", async () => {
    const { env, database } = testEnv();
    const adminUrl = new URL(inject("databaseAdminUrl"));
    adminUrl.pathname = "/postgres";
    await ensureDatabase(adminUrl.toString(), database);
    const orm = await initOrm(env.DATABASE_URL!);
    try {
      // The schema as it was before issue 15, with a city's data in it.
      await orm.migrator.up({ to: "Migration20261205084148_DomainEvents" });
      const em = orm.em.fork();
      await em.execute(`insert into departments (id, name, name_key, created_at) values ('11111111-1111-4111-8111-111111111111', '総務課', '総務課', now())`);
      await em.execute(
        `insert into users (id, email, display_name, password_hash, role, department_id, active, created_at)
         values ('22222222-2222-4222-8222-222222222222', 'a@example.lg.jp', '職員', 'x', 'STAFF', '11111111-1111-4111-8111-111111111111', true, now())`,
      );
      await em.execute(
        `insert into cases (id, kind, title, summary, department_id, fiscal_year, effects, status, version, created_at, updated_at, published_at)
         values ('33333333-3333-4333-8333-333333333333', 'PRACTICE', '公開中', '概要', '11111111-1111-4111-8111-111111111111', 2024, '[]', 'PUBLISHED', 1, now(), now(), now())`,
      );
      await em.execute(`insert into search_query_stats (query, day, searches, zero_results, last_searched_at) values ('予約', current_date, 3, 0, now())`);
      await orm.migrator.up();

      const [home] = await em.execute<{ id: string; public_reading: boolean; home: boolean }[]>("select id, public_reading, home from organisations");
      expect(home).toMatchObject({ public_reading: true, home: true });
      for (const table of ["departments", "users", "cases", "search_query_stats"]) {
        const rows = await em.execute<{ organisation_id: string }[]>(`select organisation_id from ${table}`);
        expect(rows.map((r) => r.organisation_id), table).toEqual([home!.id]);
      }
      const queued = await em.execute<{ case_id: string }[]>("select case_id from search_outbox where processed_at is null");
      expect(queued.map((r) => r.case_id)).toContain("33333333-3333-4333-8333-333333333333");
    } finally {
      await orm.close(true);
    }
  });
});

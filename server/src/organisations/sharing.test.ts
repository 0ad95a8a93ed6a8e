import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { casePolicy } from "../cases/index.js";
import type { CaseSharing, CaseStatus } from "@kb/shared";
import { createOrganisation, updateOrganisation } from "./organisation.service.js";
import { caseReadershipSql, mayReadPublished, readershipOf } from "./readership.js";

/**
 * Issue 16 item 1, the sharing scope: a published case is 庁内限定 (its organisation) or 自治体間で共有
 * (the commons). Members of other organisations read commons cases and never a 庁内限定 one — not in
 * search hits, facet counts, similar cases, tags, the home page, department pages or exports;
 * anonymous visitors read the commons cases of organisations that read publicly. The secretariat
 * decides at publication or later, audited, and the search index follows through the outbox.
 */
let kb: TestBackend;
type Viewer = Awaited<ReturnType<TestBackend["createViewer"]>>;
const A = "282146"; // 宝塚市, private at first
const B = "011002"; // 札幌市
let orgA: string;
let a: { staff: Viewer; secretariat: Viewer };
let b: { staff: Viewer; secretariat: Viewer };
let shared: string;
let internal: string;
let departmentId: string;

const ok = async <T,>(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<T> => {
  const r = await kb.gql<T>(query, variables, { viewer });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};
const code = async (query: string, variables: Record<string, unknown>, viewer: Viewer | null) => (await kb.gql(query, variables, { viewer })).errors?.[0]?.extensions?.code;

const SEARCH = `query ($q: String!) { searchCases(query: $q, first: 50) { total hits { case { id sharing } } facets { tags { value count } department { value count } } } }`;
const SET_SHARING = `mutation ($id: ID!, $sharing: CaseSharing!) { setCaseSharing(id: $id, sharing: $sharing) { id sharing } }`;

async function idsOf(query: string, viewer: Viewer | null): Promise<string[]> {
  const found = await ok<{ searchCases: { hits: { case: { id: string } }[] } }>(SEARCH, { q: query }, viewer);
  return found.searchCases.hits.map((h) => h.case.id).sort();
}

beforeAll(async () => {
  kb = await createTestBackend();
  orgA = (await createOrganisation(kb.orm.em.fork(), { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: A }, null)).id;
  await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: B }, null);
  a = {
    staff: await kb.createViewer({ organisation: A, role: "STAFF", department: "市民課" }),
    secretariat: await kb.createViewer({ organisation: A, role: "SECRETARIAT", department: "業務改革推進課" }),
  };
  b = {
    staff: await kb.createViewer({ organisation: B, role: "STAFF", department: "区政課" }),
    secretariat: await kb.createViewer({ organisation: B, role: "SECRETARIAT", department: "改革推進課" }),
  };
  await kb.importCases(
    [
      buildCase({ externalId: "shared", title: "共有確認 窓口予約の共有事例", department: "市民課", tags: ["共有専用タグ"], status: "PUBLISHED", sharing: "COMMONS" }),
      buildCase({ externalId: "internal", title: "共有確認 窓口予約の庁内限定事例", department: "市民課", tags: ["庁内限定専用タグ"], status: "PUBLISHED", sharing: "ORGANISATION" }),
    ],
    { organisationId: orgA },
  );
  const rows = await kb.orm.em.fork().execute<{ id: string; external_id: string; department_id: string }[]>("select id, external_id, department_id from cases where organisation_id = ?", [orgA]);
  shared = rows.find((r) => r.external_id === "shared")!.id;
  internal = rows.find((r) => r.external_id === "internal")!.id;
  departmentId = rows[0]!.department_id;
});
afterAll(() => kb?.close());

describe("the sharing scope (issue 16 item 1)", () => {
  it("another organisation's member reads the commons case and nothing of the 庁内限定 one, anywhere", async () => {
    // Search: hits, total and facet counts.
    const found = await ok<{ searchCases: { total: number; hits: { case: { id: string } }[]; facets: { tags: { value: string; count: number }[]; department: { value: string; count: number }[] } } }>(
      SEARCH,
      { q: "共有確認" },
      b.staff,
    );
    expect(found.searchCases.hits.map((h) => h.case.id)).toEqual([shared]);
    expect(found.searchCases.total).toBe(1);
    expect(found.searchCases.facets.tags.map((t) => t.value)).not.toContain("庁内限定専用タグ");
    expect(found.searchCases.facets.department).toEqual([{ value: "市民課", count: 1 }]);
    // The case itself: one readable (B takes part in it: adopts and asks, issue 16 items 4-5; it does
    // not change its sharing), the other answers as a missing one.
    expect((await ok<{ case: { id: string; viewerCan: { takePart: boolean; changeSharing: boolean } } }>(`query ($id: ID!) { case(id: $id) { id viewerCan { takePart changeSharing } } }`, { id: shared }, b.staff)).case).toEqual({
      id: shared,
      viewerCan: { takePart: true, changeSharing: false },
    });
    expect((await ok<{ case: unknown }>(`query ($id: ID!) { case(id: $id) { id } }`, { id: internal }, b.staff)).case).toBeNull();
    // Similar cases of the commons case: never the 庁内限定 one; of the 庁内限定 one: nothing.
    const similar = await ok<{ similarCases: { case: { id: string } }[] }>(`query ($id: ID!) { similarCases(caseId: $id, first: 10) { case { id } } }`, { id: shared }, b.staff);
    expect(similar.similarCases.map((s) => s.case.id)).not.toContain(internal);
    expect((await ok<{ similarCases: unknown[] }>(`query ($id: ID!) { similarCases(caseId: $id) { case { id } } }`, { id: internal }, b.staff)).similarCases).toEqual([]);
    // Tags: the 庁内限定 case's own tag does not exist for B; the commons case's is counted once.
    expect((await ok<{ tag: unknown }>(`query { tag(name: "庁内限定専用タグ") { id } }`, {}, b.staff)).tag).toBeNull();
    expect((await ok<{ tag: { usage: number } }>(`query { tag(name: "共有専用タグ") { usage } }`, {}, b.staff)).tag.usage).toBe(1);
    // Home page and the department page: the commons case only, counted alike.
    const home = await ok<{ home: { newCases: { id: string }[] } }>(`{ home(first: 20) { newCases { id } } }`, {}, b.staff);
    expect(home.home.newCases.map((c) => c.id)).toEqual([shared]);
    const page = await ok<{ department: { stats: { sharedCount: number }; sharedCases: { total: number; items: { id: string }[] } } | null }>(
      `query ($id: ID!) { department(id: $id) { stats { sharedCount } sharedCases(first: 10) { total items { id } } } }`,
      { id: departmentId },
      b.staff,
    );
    // A is private: its department pages are its own (as a missing 課), whatever it shares.
    expect(page.department).toBeNull();
    // A's own members read both.
    expect(await idsOf("共有確認", a.staff)).toEqual([shared, internal].sort());
  });

  it("an anonymous visitor reads the commons cases of an organisation that reads publicly, never its 庁内限定 ones", async () => {
    expect(await idsOf("共有確認", null)).toEqual([]);
    await updateOrganisation(kb.orm.em.fork(), orgA, { publicReading: true });
    try {
      expect(await idsOf("共有確認", null)).toEqual([shared]);
      expect((await ok<{ case: unknown }>(`query ($id: ID!) { case(id: $id) { id } }`, { id: internal }, null)).case).toBeNull();
      // Its department page opens now, and lists and counts only what the reader may read.
      const page = await ok<{ department: { stats: { sharedCount: number }; sharedCases: { total: number; items: { id: string }[] } } }>(
        `query ($id: ID!) { department(id: $id) { stats { sharedCount } sharedCases(first: 10) { total items { id } } } }`,
        { id: departmentId },
        b.staff,
      );
      expect(page.department.stats.sharedCount).toBe(1);
      expect(page.department.sharedCases).toEqual({ total: 1, items: [{ id: shared }] });
    } finally {
      await updateOrganisation(kb.orm.em.fork(), orgA, { publicReading: false });
    }
  });

  it("the secretariat withdraws a case from the commons (audited, the index follows) and shares it again; nobody else may", async () => {
    expect(await code(SET_SHARING, { id: shared, sharing: "ORGANISATION" }, a.staff)).toBe("FORBIDDEN");
    // B reads the commons case, so it is refused as not B's to change (no existence to hide).
    expect(await code(SET_SHARING, { id: shared, sharing: "ORGANISATION" }, b.secretariat)).toBe("FORBIDDEN");
    expect(await code(SET_SHARING, { id: internal, sharing: "COMMONS" }, b.secretariat)).toBe("NOT_FOUND");
    expect(await code(SET_SHARING, { id: shared, sharing: "EVERYONE" }, a.secretariat)).toBe("BAD_USER_INPUT");

    const withdrawn = await ok<{ setCaseSharing: { sharing: CaseSharing } }>(SET_SHARING, { id: shared, sharing: "ORGANISATION" }, a.secretariat);
    expect(withdrawn.setCaseSharing.sharing).toBe("ORGANISATION");
    const em = kb.orm.em.fork();
    const [audit] = await em.execute<{ before: { sharing: string }; after: { sharing: string } }[]>(
      "select before, after from audit_log where action = 'case.sharing' and subject_id = ? order by at desc limit 1",
      [shared],
    );
    expect(audit).toMatchObject({ before: { sharing: "COMMONS" }, after: { sharing: "ORGANISATION" } });
    // The outbox row was written with it: once the worker ran, B's search no longer finds it.
    expect(Number((await em.execute<{ n: string }[]>("select count(*) as n from search_outbox where case_id = ?", [shared]))[0]!.n)).toBeGreaterThan(0);
    await kb.syncSearch();
    expect(await idsOf("共有確認", b.staff)).toEqual([]);
    expect((await ok<{ case: unknown }>(`query ($id: ID!) { case(id: $id) { id } }`, { id: shared }, b.staff)).case).toBeNull();

    await ok(SET_SHARING, { id: shared, sharing: "COMMONS" }, a.secretariat);
    await kb.syncSearch();
    expect(await idsOf("共有確認", b.staff)).toEqual([shared]);
  });

  it("is decided when publishing: the reviewer's choice, else the organisation's default", async () => {
    const create = `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`;
    const submit = `mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { id } }`;
    const review = `mutation ($id: ID!, $input: ReviewInput!) { reviewCase(id: $id, input: $input) { status sharing } }`;
    const publish = async (sharing?: CaseSharing) => {
      const draft = await ok<{ createCase: { id: string; version: number } }>(
        create,
        { input: { kind: "PRACTICE", title: "公開範囲の確認", summary: "概要", actions: "取組", results: "成果", fiscalYear: 2024, tags: ["確認"] } },
        a.staff,
      );
      // A draft's scope is decided at publication, not before.
      expect(await code(SET_SHARING, { id: draft.createCase.id, sharing: "COMMONS" }, a.secretariat)).toBe("CONFLICT");
      await ok(submit, { id: draft.createCase.id, version: draft.createCase.version }, a.staff);
      return (await ok<{ reviewCase: { status: CaseStatus; sharing: CaseSharing } }>(review, { id: draft.createCase.id, input: { decision: "PUBLISH", ...(sharing ? { sharing } : {}) } }, a.secretariat)).reviewCase;
    };
    expect(await publish("COMMONS")).toEqual({ status: "PUBLISHED", sharing: "COMMONS" });
    // A does not read publicly: without a choice, its cases stay its own.
    expect(await publish()).toEqual({ status: "PUBLISHED", sharing: "ORGANISATION" });
  });

  it("an import line sets it; a line without it leaves a stored case's own", async () => {
    await kb.importCases([buildCase({ externalId: "shared", title: "共有確認 窓口予約の共有事例", department: "市民課", tags: ["共有専用タグ"], status: "PUBLISHED" })], { organisationId: orgA });
    expect((await kb.orm.em.fork().execute<{ sharing: string }[]>("select sharing from cases where id = ?", [shared]))[0]!.sharing).toBe("COMMONS");
    await kb.importCases([buildCase({ externalId: "shared", title: "共有確認 窓口予約の共有事例", department: "市民課", tags: ["共有専用タグ"], status: "PUBLISHED", sharing: "ORGANISATION" })], { organisationId: orgA });
    expect(await idsOf("共有確認", b.staff)).toEqual([]);
    await kb.importCases([buildCase({ externalId: "shared", title: "共有確認 窓口予約の共有事例", department: "市民課", tags: ["共有専用タグ"], status: "PUBLISHED", sharing: "COMMONS" })], { organisationId: orgA });
    expect(await idsOf("共有確認", b.staff)).toEqual([shared]);
  });
});

describe("one rule in three dialects (organisations/readership.ts)", () => {
  it("SQL, Meilisearch and the case policy agree for every reader, over every organisation × scope × state", async () => {
    const P = "131075"; // 墨田区, reads publicly
    const orgP = (await createOrganisation(kb.orm.em.fork(), { name: "墨田区", kana: "すみだく", prefecture: "東京都", kind: "SPECIAL_WARD", code: P, publicReading: true }, null)).id;
    const grid: { organisationId: string; code: string }[] = [
      { organisationId: orgA, code: A },
      { organisationId: orgP, code: P },
    ];
    for (const org of grid) {
      const records = (["PUBLISHED", "DRAFT", "ARCHIVED"] as const).flatMap((status) =>
        (["ORGANISATION", "COMMONS"] as const).map((sharing) =>
          buildCase({ externalId: `grid-${status}-${sharing}`, title: `三方言 ${status} ${sharing}`, department: "格子課", status, sharing }),
        ),
      );
      await kb.importCases(records, { organisationId: org.organisationId });
    }
    const em = kb.orm.em.fork();
    const cases = await em.execute<{ id: string; organisation_id: string; status: CaseStatus; sharing: CaseSharing; department_id: string }[]>(
      "select id, organisation_id, status, sharing, department_id from cases where external_id like 'grid-%'",
    );
    expect(cases).toHaveLength(12);
    const p = await kb.createViewer({ organisation: P, role: "STAFF", department: "区民課" });
    for (const reader of [null, a.staff, b.staff, p]) {
      const readership = await readershipOf(em, reader);
      const condition = caseReadershipSql(readership, "c");
      const bySql = (await em.execute<{ id: string }[]>(`select c.id from cases c where c.external_id like 'grid-%' and c.status = 'PUBLISHED' and ${condition.sql}`, condition.params))
        .map((r) => r.id)
        .sort();
      const byMeili = await idsOf("三方言", reader);
      const byRule = cases.filter((c) => c.status === "PUBLISHED" && mayReadPublished(readership, { organisationId: c.organisation_id, sharing: c.sharing })).map((c) => c.id).sort();
      const byPolicy = cases
        .filter((c) => c.status === "PUBLISHED")
        .filter((c) =>
          casePolicy.canRead(reader, { organisationId: c.organisation_id, status: c.status, sharing: c.sharing, departmentId: c.department_id, authorId: null, publicReading: c.organisation_id === orgP }),
        )
        .map((c) => c.id)
        .sort();
      const who = reader ? reader.organisationId : "anonymous";
      expect(bySql, who).toEqual(byRule);
      expect(byMeili, who).toEqual(byRule);
      expect(byPolicy, who).toEqual(byRule);
      // Each reader sees something and misses something: the grid really tells the rules apart.
      expect(byRule.length, who).toBeGreaterThan(0);
      expect(byRule.length, who).toBeLessThan(4);
    }
  });
});

import { annualVolumeOf, normalizeSearchQueryForStats } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";
import { parseTimeUnit, rollUpEffects } from "./effects-rollup.js";
import { MAX_PENDING_QUERIES, searchQueryRecorder, SearchQueryRecorder } from "../search-stats/index.js";

/**
 * The secretariat's dashboard: counts per 年度 × kind, per 局 / 課, top tags, adoption flows,
 * effects rolled up only as far as the data allows, and search analytics that keep words, not people.
 */
let kb: TestBackend;
let staff: Viewer;
let secretariat: Viewer;
let admin: Viewer;

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

const DASHBOARD = `query ($from: Int, $to: Int, $days: Int) { dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {
  totals { publishedCases featuredCases publishedCollections adoptions searches zeroResultSearches }
  casesByYearKind { fiscalYear kind count }
  casesByBureau { name count }
  casesByDepartment { name path count }
  topTags { name count }
  adoptionDepartments { id name }
  adoptionFlows { fromDepartmentId toDepartmentId considering trial adopted declined counted }
  effects { hoursByYear { fiscalYear hoursPerYear rows cases } annualised { title hoursPerYear basis } perUnit { fiscalYear unit reduction rows cases } otherRows }
  topQueries { query searches zeroResults }
  zeroResultQueries { query searches zeroResults }
} }`;

interface DashboardData {
  dashboard: {
    totals: Record<string, number>;
    casesByYearKind: { fiscalYear: number; kind: string; count: number }[];
    casesByBureau: { name: string; count: number }[];
    casesByDepartment: { name: string; path: string[]; count: number }[];
    topTags: { name: string; count: number }[];
    adoptionDepartments: { id: string; name: string }[];
    adoptionFlows: { fromDepartmentId: string; toDepartmentId: string; considering: number; trial: number; adopted: number; declined: number; counted: number }[];
    effects: {
      hoursByYear: { fiscalYear: number; hoursPerYear: number; rows: number; cases: number }[];
      annualised: { title: string; hoursPerYear: number; basis: string }[];
      perUnit: { fiscalYear: number; unit: string; reduction: number; rows: number; cases: number }[];
      otherRows: number;
    };
    topQueries: { query: string; searches: number; zeroResults: number }[];
    zeroResultQueries: { query: string; searches: number; zeroResults: number }[];
  };
}

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ department: "税務課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  await kb.importCases([
    buildCase({
      externalId: "dash-kintone",
      kind: "KINTONE_APP",
      title: "来庁予約アプリ",
      department: "子育て支援課",
      departmentPath: ["こども未来局", "こども家庭部"],
      fiscalYear: 2024,
      tags: ["kintone", "窓口DX"],
      effects: [
        { label: "受付時間", before: 13, after: 8, unit: "分/件" },
        { label: "平均待ち時間", before: 40, after: 10, unit: "分" },
      ],
      details: { recordVolume: "年間約1,200件" },
    }),
    buildCase({
      externalId: "dash-monthly",
      title: "月次集計の自動化",
      department: "管財課",
      departmentPath: ["総務局"],
      fiscalYear: 2024,
      tags: ["kintone"],
      effects: [
        { label: "月次集計作業", before: 4, after: 1, unit: "時間/月" },
        { label: "回答率", before: 60, after: 85, unit: "%" },
      ],
    }),
    buildCase({
      externalId: "dash-days",
      kind: "WORKSHOP",
      title: "データ活用研修",
      department: "人事課",
      departmentPath: ["総務局"],
      fiscalYear: 2023,
      tags: ["研修"],
      effects: [
        { label: "承認までの日数", before: 10, after: 5, unit: "日" },
        { label: "照会1件あたりの取りまとめ時間", before: 180, after: 30, unit: "分" },
      ],
    }),
    buildCase({ externalId: "dash-draft", title: "下書き", department: "人事課", fiscalYear: 2024, status: "DRAFT" }),
  ]);
});
afterAll(() => kb?.close());

describe("effects roll-up rules", () => {
  it("reads time units and explicit annual volumes only", () => {
    expect(parseTimeUnit("分/件")).toEqual({ minutes: 1, period: "item" });
    expect(parseTimeUnit("時間/月")).toEqual({ minutes: 60, period: "month" });
    expect(parseTimeUnit("時間／年")).toEqual({ minutes: 60, period: "year" });
    expect(parseTimeUnit("分")).toEqual({ minutes: 1, period: "none" });
    expect(parseTimeUnit("分/日")).toEqual({ minutes: 1, period: "none" }); // per day: no working-day assumption
    expect(parseTimeUnit("日")).toBeNull();
    expect(parseTimeUnit("%")).toBeNull();
    expect(annualVolumeOf("年間約9,000件")).toBe(9000);
    expect(annualVolumeOf("利用者約600件、対応記録 年間約1,500件")).toBe(1500);
    expect(annualVolumeOf("現況報告期間に約1,200件")).toBeNull();
    expect(annualVolumeOf("年間約80照会")).toBeNull();
    expect(annualVolumeOf(undefined)).toBeNull();
  });

  it("multiplies a per-件 saving only when the volume is known, and says how", () => {
    const rollup = rollUpEffects([
      { caseId: "a", title: "A", fiscalYear: 2024, recordVolume: "年間約600件", effects: [{ label: "受付", before: 10, after: 4, unit: "分/件" }] },
      { caseId: "b", title: "B", fiscalYear: 2024, recordVolume: null, effects: [{ label: "受付", before: 10, after: 4, unit: "分/件" }] },
      { caseId: "c", title: "C", fiscalYear: 2024, recordVolume: null, effects: [{ label: "集計", before: 2, after: 3, unit: "時間/月" }, { label: "満足度", after: 90, unit: "%" }] },
    ]);
    expect(rollup.annualised).toEqual([
      { caseId: "a", title: "A", fiscalYear: 2024, label: "受付", before: 10, after: 4, unit: "分/件", hoursPerYear: 60, basis: "(10 − 4) 分/件 × 年間600件 ÷ 60" },
      { caseId: "c", title: "C", fiscalYear: 2024, label: "集計", before: 2, after: 3, unit: "時間/月", hoursPerYear: -12, basis: "(2 − 3) 時間/月 × 12か月" },
    ]);
    expect(rollup.hoursByYear).toEqual([{ fiscalYear: 2024, hoursPerYear: 48, rows: 2, cases: 2 }]);
    expect(rollup.perUnit).toEqual([{ fiscalYear: 2024, unit: "分/件", reduction: 6, rows: 1, cases: 1 }]);
    expect(rollup.otherRows).toBe(1);
  });
});

describe("the dashboard", () => {
  it("is for the secretariat and admins", async () => {
    expect((await kb.gql(DASHBOARD, {}, { viewer: staff })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await kb.gql(DASHBOARD, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    await ok(kb.gql(DASHBOARD, {}, { viewer: admin }));
    const bad = await kb.gql(DASHBOARD, { from: 2025, to: 2023 }, { viewer: secretariat });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("counts published cases per 年度 × kind, per 局 and 課, and by tag", async () => {
    const d = (await ok(kb.gql<DashboardData>(DASHBOARD, {}, { viewer: secretariat }))).dashboard;
    expect(d.totals.publishedCases).toBe(3);
    expect(d.casesByYearKind).toEqual([
      { fiscalYear: 2023, kind: "WORKSHOP", count: 1 },
      { fiscalYear: 2024, kind: "KINTONE_APP", count: 1 },
      { fiscalYear: 2024, kind: "PRACTICE", count: 1 },
    ]);
    expect(d.casesByBureau).toEqual([
      { name: "総務局", count: 2 },
      { name: "こども未来局", count: 1 },
    ]);
    expect(d.casesByDepartment.find((x) => x.name === "子育て支援課")).toEqual({ name: "子育て支援課", path: ["こども未来局", "こども家庭部", "子育て支援課"], count: 1 });
    expect(d.topTags[0]).toEqual({ name: "kintone", count: 2 });

    const only2024 = (await ok(kb.gql<DashboardData>(DASHBOARD, { from: 2024, to: 2024 }, { viewer: secretariat }))).dashboard;
    expect(only2024.totals.publishedCases).toBe(2);
    expect(only2024.casesByYearKind.every((r) => r.fiscalYear === 2024)).toBe(true);
  });

  it("rolls effects up by 年度 as far as the data allows", async () => {
    const { effects } = (await ok(kb.gql<DashboardData>(DASHBOARD, {}, { viewer: secretariat }))).dashboard;
    // 2024: (13 − 8) 分/件 × 1,200件 ÷ 60 = 100 h, (4 − 1) 時間/月 × 12 = 36 h.
    expect(effects.hoursByYear).toEqual([{ fiscalYear: 2024, hoursPerYear: 136, rows: 2, cases: 2 }]);
    expect(effects.annualised.map((a) => a.basis).sort()).toEqual(["(13 − 8) 分/件 × 年間1,200件 ÷ 60", "(4 − 1) 時間/月 × 12か月"].sort());
    // Not annualised: 待ち時間 (no period), 日, and 「照会1件あたり」 180 → 30 分 (a bare 分, and no volume).
    expect(effects.perUnit).toHaveLength(3);
    expect(effects.perUnit).toEqual(
      expect.arrayContaining([
        { fiscalYear: 2023, unit: "分", reduction: 150, rows: 1, cases: 1 },
        { fiscalYear: 2023, unit: "日", reduction: 5, rows: 1, cases: 1 },
        { fiscalYear: 2024, unit: "分", reduction: 30, rows: 1, cases: 1 },
      ]),
    );
    expect(effects.otherRows).toBe(1); // 回答率 %
  });

  it("shows adoption flows from the case's 課 to the adopting 課", async () => {
    const [c] = await sql<{ id: string; department_id: string }>("select id, department_id from cases where external_id = 'dash-kintone'");
    await ok(kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { status } }`, { input: { caseId: c!.id, status: "TRIAL" } }, { viewer: staff }));
    const d = (await ok(kb.gql<DashboardData>(DASHBOARD, {}, { viewer: secretariat }))).dashboard;
    expect(d.adoptionFlows).toEqual([
      { fromDepartmentId: c!.department_id, toDepartmentId: staff.departmentId, considering: 0, trial: 1, adopted: 0, declined: 0, counted: 1 },
    ]);
    expect(d.adoptionDepartments.map((x) => x.name).sort()).toEqual(["子育て支援課", "税務課"].sort());
    expect(d.totals.adoptions).toBe(1);
  });

  it("lists top and zero-result queries, normalised, without users or personal information", async () => {
    const SEARCH = `query ($q: String!, $offset: Int) { searchCases(query: $q, offset: $offset) { total } }`;
    await ok(kb.gql(SEARCH, { q: "来庁予約" }, { viewer: staff }));
    await ok(kb.gql(SEARCH, { q: "来庁予約 " }));
    await ok(kb.gql(SEARCH, { q: "ＫＩＮＴＯＮＥ" }));
    await ok(kb.gql(SEARCH, { q: "kintone", offset: 20 })); // a later page is not a new search
    await ok(kb.gql(SEARCH, { q: "ゾウアザラシ" }));
    await ok(kb.gql(SEARCH, { q: "03-1234-5678" })); // looks like a phone number: not kept
    await searchQueryRecorder(kb.orm.em).flush();

    const d = (await ok(kb.gql<DashboardData>(DASHBOARD, {}, { viewer: secretariat }))).dashboard;
    // Most searched first; equal counts, most recent first.
    expect(d.topQueries[0]).toEqual({ query: "来庁予約", searches: 2, zeroResults: 0 });
    expect(d.topQueries).toHaveLength(3);
    expect(d.topQueries).toEqual(
      expect.arrayContaining([
        { query: "kintone", searches: 1, zeroResults: 0 },
        { query: "ゾウアザラシ", searches: 1, zeroResults: 1 },
      ]),
    );
    expect(d.zeroResultQueries).toEqual([{ query: "ゾウアザラシ", searches: 1, zeroResults: 1 }]);
    expect(d.totals).toMatchObject({ searches: 4, zeroResultSearches: 1 });
    const columns = await sql<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'search_query_stats' order by ordinal_position");
    // No user and no session: only the words, and (issue 15) the organisation whose dashboard shows them.
    expect(columns.map((c) => c.column_name)).toEqual(["query", "day", "searches", "zero_results", "last_searched_at", "organisation_id"]);
    expect(normalizeSearchQueryForStats("someone@example.lg.jp")).toBeNull();
  });

  it("keeps at most a bounded number of pending queries in memory", async () => {
    const recorder = new SearchQueryRecorder(kb.orm.em.getConnection());
    for (let i = 0; i < MAX_PENDING_QUERIES + 5; i++) recorder.record(`語${i}`, 1);
    recorder.record("語0", 0); // an existing pair still counts
    expect(recorder.dropped).toBe(5);
    await recorder.flush();
    const [row] = await sql<{ n: string; zero: number }>("select count(*) as n, sum(zero_results)::int as zero from search_query_stats where query like '語%'");
    expect(Number(row!.n)).toBe(MAX_PENDING_QUERIES);
    expect(row!.zero).toBe(1);
  });
});

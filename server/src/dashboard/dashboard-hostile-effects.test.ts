import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Issue 12: effects of ±1.7e308 were accepted and, once published, made the whole `dashboard` query
 * fail (Infinity cannot be sent as a GraphQL Float). Validation refuses them now; these tests show the
 * dashboard and the case page still answer when such values are already in the database.
 */
let kb: TestBackend;
let staff: Viewer;
let secretariat: Viewer;

const DASHBOARD = `{ dashboard {
  totals { publishedCases }
  effects { hoursByYear { fiscalYear hoursPerYear rows cases } annualised { title hoursPerYear basis } perUnit { fiscalYear unit reduction rows } otherRows }
} }`;

type Dashboard = {
  dashboard: {
    totals: { publishedCases: number };
    effects: {
      hoursByYear: { fiscalYear: number; hoursPerYear: number; rows: number; cases: number }[];
      annualised: { title: string; hoursPerYear: number }[];
      perUnit: { unit: string; reduction: number }[];
      otherRows: number;
    };
  };
};

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ department: "子育て支援課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  await kb.importCases([
    buildCase({ externalId: "sane", title: "集計の自動化", fiscalYear: 2024, effects: [{ label: "集計", before: 4, after: 1, unit: "時間/月" }] }),
    buildCase({ externalId: "hostile", title: "巨大な効果", fiscalYear: 2024, effects: [{ label: "仮", before: 1, after: 0, unit: "時間/年" }] }),
  ]);
});
afterAll(() => kb?.close());

describe("hostile effect values", () => {
  it("are refused when saved through the API, with a Japanese field error", async () => {
    const result = await kb.gql(
      `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`,
      { input: { kind: "PRACTICE", title: "巨大な数値", fiscalYear: 2024, effects: [{ label: "時間", before: 1.7e308, after: -1.7e308, unit: "時間/年" }] } },
      { viewer: staff },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.fields).toEqual([
      { path: "effects.0.before", message: "導入前の値は−1兆から1兆までの数値で入力してください" },
      { path: "effects.0.after", message: "導入後の値は−1兆から1兆までの数値で入力してください" },
    ]);
  });

  it("already in the database leave the dashboard and the case page answering, counting them as not usable", async () => {
    // Straight into PostgreSQL, as rows saved before the check (or by hand) would be. jsonb keeps 1e400
    // exactly; JSON.parse turns it into Infinity.
    await kb.orm.em.fork().execute(
      `update cases set effects = ?::jsonb where external_id = 'hostile'`,
      [
        `[{"label":"上限","before":1.7e308,"after":-1.7e308,"unit":"時間/年"},
          {"label":"桁あふれ","before":1e400,"after":1,"unit":"分/月"},
          {"label":"日数","before":1.7e308,"after":-1.7e308,"unit":"日"}]`,
      ],
    );
    const result = await kb.gql<Dashboard>(DASHBOARD, {}, { viewer: secretariat });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const { effects, totals } = result.data!.dashboard;
    expect(totals.publishedCases).toBe(2);
    // (4 − 1) 時間/月 × 12 = 36 h, from the sane case alone.
    expect(effects.hoursByYear).toEqual([{ fiscalYear: 2024, hoursPerYear: 36, rows: 1, cases: 1 }]);
    expect(effects.annualised.map((a) => a.title)).toEqual(["集計の自動化"]);
    expect(effects.perUnit).toEqual([]);
    expect(effects.otherRows).toBe(3);

    const [row] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where external_id = 'hostile'");
    const page = await kb.gql<{ case: { effects: { label: string; before: number | null; after: number | null }[] } }>(
      `query ($id: ID!) { case(id: $id) { effects { label before after } } }`,
      { id: row!.id },
    );
    expect(page.errors, JSON.stringify(page.errors)).toBeUndefined();
    expect(page.data!.case.effects.find((e) => e.label === "桁あふれ")).toEqual({ label: "桁あふれ", before: null, after: 1 });
  });
});

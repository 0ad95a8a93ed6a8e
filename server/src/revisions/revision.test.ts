import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

/**
 * A revision is a version a person can tell apart from the one before: a save that only
 * reorders tags or adds trailing spaces records none and leaves the case as it was.
 */
let kb: TestBackend;
let staff: Viewer;

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ department: "子育て支援課" });
});
afterAll(() => kb?.close());

const input = (overrides: Record<string, unknown> = {}) => ({
  kind: "KINTONE_APP",
  title: "来庁予約アプリ",
  summary: "来庁予約を kintone で受け付ける。\n待ち時間を減らす。",
  actions: "予約フォームを作った。",
  results: "待ち時間が半分になった。",
  fiscalYear: 2024,
  tags: ["kintone", "窓口DX", "予約"],
  effects: [{ label: "待ち時間", before: 20, after: 5, unit: "分" }],
  details: { purpose: "来庁予約の受付", runsOnLgwan: true },
  ...overrides,
});

interface Saved {
  id: string;
  version: number;
  revisions: { version: number; snapshot: { tags: string[]; summary: string } }[];
}
const FIELDS = "id version revisions { version snapshot }";

async function ok<T>(promise: Promise<{ data?: T; errors?: readonly { message: string }[] }>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const create = async () =>
  (await ok(kb.gql<{ createCase: Saved }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { ${FIELDS} } }`, { input: input() }, { viewer: staff })))
    .createCase;
const update = async (c: { id: string; version: number }, overrides: Record<string, unknown>) =>
  (
    await ok(
      kb.gql<{ updateCase: Saved }>(
        `mutation ($id: ID!, $v: Int!, $input: CaseDraftInput!) { updateCase(id: $id, version: $v, input: $input) { ${FIELDS} } }`,
        { id: c.id, v: c.version, input: input(overrides) },
        { viewer: staff },
      ),
    )
  ).updateCase;

describe("revisions record what changed, not every click on 保存", () => {
  it("records no revision when a save only reorders tags or adds trailing spaces", async () => {
    const c = await create();
    expect(c.revisions).toHaveLength(1);

    const reordered = await update(c, { tags: ["予約", "窓口DX", "kintone"] });
    expect(reordered.version).toBe(c.version);
    expect(reordered.revisions).toHaveLength(1);

    const spaced = await update(reordered, { summary: "来庁予約を kintone で受け付ける。  \n待ち時間を減らす。\u3000", title: "来庁予約アプリ " });
    expect(spaced.version).toBe(c.version);
    expect(spaced.revisions).toHaveLength(1);

    const [audits] = await kb.orm.em.fork().execute<{ n: string }[]>(
      "select count(*) as n from audit_log where subject_id = ? and action = 'case.update'",
      [c.id],
    );
    expect(Number(audits!.n)).toBe(0);
  });

  it("records a revision for a real change, with the tags as the person left them", async () => {
    const c = await create();
    const changed = await update(c, { tags: ["予約", "kintone"], summary: "来庁予約を kintone で受け付ける。" });
    expect(changed.version).toBeGreaterThan(c.version);
    expect(changed.revisions.map((r) => r.version)).toEqual([changed.version, c.version]);
    expect([...changed.revisions[0]!.snapshot.tags].sort()).toEqual(["kintone", "予約"].sort());
  });
});

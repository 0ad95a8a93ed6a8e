import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { storeAttachment } from "../attachments/index.js";
import type { Viewer } from "../kernel/index.js";

/**
 * The workflow through GraphQL as the client calls it, with real PostgreSQL and Meilisearch, and
 * the authorisation matrix: every mutation × role × own/other department. A refusal is NOT_FOUND
 * when the actor may not read the case (as for an id that does not exist: no existence oracle),
 * FORBIDDEN when they can read it but may not do this, CONFLICT when they may in another state.
 */
let kb: TestBackend;
let staffA: Viewer; // author, 子育て支援課
let staffA2: Viewer; // same department
let staffB: Viewer; // another department
let secretariat: Viewer;
let admin: Viewer;

beforeAll(async () => {
  kb = await createTestBackend();
  staffA = await kb.createViewer({ department: "子育て支援課", departmentPath: ["こども未来部"] });
  staffA2 = await kb.createViewer({ department: "子育て支援課" });
  staffB = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
});
afterAll(() => kb?.close());

const FIELDS = "id status version title";
const completeInput = (title = `窓口予約の電子化 ${Math.random().toString(36).slice(2, 8)}`) => ({
  kind: "KINTONE_APP",
  title,
  summary: "来庁予約を kintone で受け付けるようにした。",
  actions: "予約フォームとプロセス管理で受付から完了までを流した。",
  results: "待ち時間が平均20分から5分になった。",
  fiscalYear: 2024,
  tags: ["kintone", "窓口DX"],
  effects: [{ label: "待ち時間", before: 20, after: 5, unit: "分" }],
  details: { purpose: "来庁予約の受付", runsOnLgwan: true },
});

type CaseRow = { id: string; status: string; version: number; title: string };

async function ok<T>(promise: Promise<{ data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

async function createDraft(viewer: Viewer = staffA, input: Record<string, unknown> = completeInput()): Promise<CaseRow> {
  const data = await ok(kb.gql<{ createCase: CaseRow }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { ${FIELDS} } }`, { input }, { viewer }));
  return data.createCase;
}

async function submit(c: CaseRow, viewer: Viewer = staffA, confirm = false) {
  return kb.gql<{ submitCase: CaseRow }>(
    `mutation ($id: ID!, $version: Int!, $confirm: Boolean!) { submitCase(id: $id, version: $version, confirmPersonalInfo: $confirm) { ${FIELDS} } }`,
    { id: c.id, version: c.version, confirm },
    { viewer },
  );
}

async function review(c: CaseRow, decision: string, viewer: Viewer = secretariat, comment = "確認しました。") {
  return kb.gql<{ reviewCase: CaseRow }>(
    `mutation ($id: ID!, $input: ReviewInput!) { reviewCase(id: $id, input: $input) { ${FIELDS} } }`,
    { id: c.id, input: { decision, comment } },
    { viewer },
  );
}

async function inState(status: "DRAFT" | "SUBMITTED" | "PUBLISHED"): Promise<CaseRow> {
  let c = await createDraft();
  if (status === "DRAFT") return c;
  c = (await ok(submit(c))).submitCase;
  if (status === "SUBMITTED") return c;
  return (await ok(review(c, "PUBLISH"))).reviewCase;
}

/** Everything a denied mutation must leave untouched. */
async function footprint(caseId: string) {
  const [row] = await kb.orm.em.fork().execute<Record<string, unknown>[]>(
    `select c.status, c.version, c.title, c.updated_at,
            (select count(*) from audit_log a where a.subject_id = c.id::text) as audits,
            (select count(*) from reviews r where r.case_id = c.id) as reviews,
            (select count(*) from case_revisions v where v.case_id = c.id) as revisions,
            (select count(*) from search_outbox o where o.case_id = c.id) as outbox,
            (select count(*) from notifications n where n.case_id = c.id) as notifications,
            (select count(*) from attachments f where f.case_id = c.id) as attachments
       from cases c where c.id = ?`,
    [caseId],
  );
  return row;
}

type Actor = "staffA" | "staffA2" | "staffB" | "secretariat" | "admin" | "anonymous";
const actors = (): Record<Actor, Viewer | null> => ({ staffA, staffA2, staffB, secretariat, admin, anonymous: null });

/** Who may read a case of 子育て支援課 in each state (case.policy canRead). */
const READERS: Record<MatrixRow["start"], Actor[]> = {
  DRAFT: ["staffA", "staffA2", "secretariat", "admin"],
  SUBMITTED: ["staffA", "staffA2", "secretariat", "admin"],
  PUBLISHED: ["staffA", "staffA2", "staffB", "secretariat", "admin"],
};

interface MatrixRow {
  mutation: string;
  start: "DRAFT" | "SUBMITTED" | "PUBLISHED";
  allowed: Actor[];
  /** Done before the footprint is taken (e.g. attaching the file a removal removes). */
  prepare?(c: CaseRow): Promise<string>;
  run(c: CaseRow, viewer: Viewer | null, prepared: string): Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>;
  expectStatus: string;
  /** Readers refused with another code than FORBIDDEN (an owner asking in the wrong state: CONFLICT). */
  refusedWith?: Partial<Record<Actor, string>>;
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const attachFile = async (c: CaseRow) =>
  (await storeAttachment(kb.orm.em.fork(), secretariat, c.id, { fileName: "資料.pdf", bytes: PDF, isKintoneTemplate: false })).id;
const removeAttachment = (id: string, viewer: Viewer | null) =>
  kb.gql(`mutation ($id: ID!) { removeAttachment(id: $id) { ${FIELDS} } }`, { id }, { viewer });

const MATRIX: MatrixRow[] = [
  {
    mutation: "updateCase",
    start: "DRAFT",
    allowed: ["staffA", "staffA2", "secretariat"],
    expectStatus: "DRAFT",
    run: (c, viewer) =>
      kb.gql(`mutation ($id: ID!, $v: Int!, $input: CaseDraftInput!) { updateCase(id: $id, version: $v, input: $input) { ${FIELDS} } }`, { id: c.id, v: c.version, input: completeInput("書き換えたタイトル") }, { viewer }),
  },
  { mutation: "submitCase", start: "DRAFT", allowed: ["staffA", "staffA2"], expectStatus: "SUBMITTED", run: (c, viewer) => submit(c, viewer as Viewer) },
  { mutation: "reviewCase PUBLISH", start: "SUBMITTED", allowed: ["secretariat"], expectStatus: "PUBLISHED", run: (c, viewer) => review(c, "PUBLISH", viewer as Viewer) },
  { mutation: "reviewCase REQUEST_CHANGES", start: "SUBMITTED", allowed: ["secretariat"], expectStatus: "CHANGES_REQUESTED", run: (c, viewer) => review(c, "REQUEST_CHANGES", viewer as Viewer, "効果の数値の根拠を書いてください。") },
  { mutation: "reviewCase REJECT", start: "SUBMITTED", allowed: ["secretariat"], expectStatus: "REJECTED", run: (c, viewer) => review(c, "REJECT", viewer as Viewer, "既存の事例と重複しています。") },
  {
    mutation: "archiveCase",
    start: "PUBLISHED",
    allowed: ["secretariat", "admin"],
    expectStatus: "ARCHIVED",
    run: (c, viewer) => kb.gql(`mutation ($id: ID!) { archiveCase(id: $id) { ${FIELDS} } }`, { id: c.id }, { viewer }),
  },
  {
    mutation: "removeAttachment",
    start: "DRAFT",
    allowed: ["staffA", "staffA2", "secretariat"],
    expectStatus: "DRAFT",
    prepare: attachFile,
    run: (_c, viewer, attachmentId) => removeAttachment(attachmentId, viewer),
  },
  {
    mutation: "removeAttachment",
    start: "PUBLISHED",
    allowed: ["secretariat"],
    expectStatus: "PUBLISHED",
    refusedWith: { staffA: "CONFLICT", staffA2: "CONFLICT" },
    prepare: attachFile,
    run: (_c, viewer, attachmentId) => removeAttachment(attachmentId, viewer),
  },
];

describe("authorisation matrix", () => {
  for (const row of MATRIX) {
    for (const actor of ["staffA", "staffA2", "staffB", "secretariat", "admin", "anonymous"] as Actor[]) {
      const allowed = row.allowed.includes(actor);
      const refusal = actor === "anonymous" ? "UNAUTHENTICATED" : !READERS[row.start].includes(actor) ? "NOT_FOUND" : (row.refusedWith?.[actor] ?? "FORBIDDEN");
      it(`${row.mutation} on a ${row.start} case of 子育て支援課 by ${actor}: ${allowed ? "allowed" : `refused (${refusal}), nothing changed`}`, async () => {
        const c = await inState(row.start);
        const prepared = (await row.prepare?.(c)) ?? "";
        const before = await footprint(c.id);
        const result = await row.run(c, actors()[actor], prepared);
        if (allowed) {
          expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
          const [after] = await kb.orm.em.fork().execute<{ status: string }[]>("select status from cases where id = ?", [c.id]);
          expect(after!.status).toBe(row.expectStatus);
        } else {
          expect(result.errors?.[0]?.extensions?.code).toBe(refusal);
          expect(await footprint(c.id)).toEqual(before);
        }
      });
    }
  }

  it("answers another 課's draft exactly as an id that does not exist (no existence oracle)", async () => {
    const draft = await inState("DRAFT");
    const missing = { ...draft, id: "0b9f3c1e-5d2a-4c7b-8e6f-1a2b3c4d5e6f" };
    const answers = async (c: CaseRow) => {
      const results = [
        await submit(c, staffB),
        await kb.gql(`mutation ($id: ID!, $v: Int!, $input: CaseDraftInput!) { updateCase(id: $id, version: $v, input: $input) { id } }`, { id: c.id, v: c.version, input: completeInput() }, { viewer: staffB }),
        await review(c, "PUBLISH", staffB),
        await kb.gql(`mutation ($id: ID!) { archiveCase(id: $id) { id } }`, { id: c.id }, { viewer: staffB }),
      ];
      return results.map((r) => [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.message]);
    };
    const forDraft = await answers(draft);
    expect(forDraft.map(([code]) => code)).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
    expect(forDraft).toEqual(await answers(missing));
  });

  it("createCase needs a login; a draft belongs to the author's department", async () => {
    const refused = await kb.gql(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`, { input: completeInput() });
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    for (const viewer of [staffA, staffB, secretariat, admin]) {
      const data = await ok(
        kb.gql<{ createCase: { status: string; department: { id: string } } }>(
          `mutation ($input: CaseDraftInput!) { createCase(input: $input) { status department { id } } }`,
          { input: completeInput() },
          { viewer },
        ),
      );
      expect(data.createCase).toEqual({ status: "DRAFT", department: { id: viewer.departmentId } });
    }
  });
});

const SEARCH = `query ($q: String!) { searchCases(query: $q, first: 20) { hits { case { id } } } }`;
async function foundBySearch(query: string, id: string): Promise<boolean> {
  await kb.syncSearch();
  const data = await ok(kb.gql<{ searchCases: { hits: { case: { id: string } }[] } }>(SEARCH, { q: query }));
  return data.searchCases.hits.some((h) => h.case.id === id);
}

describe("workflow", () => {
  it("goes DRAFT → SUBMITTED → CHANGES_REQUESTED → SUBMITTED → PUBLISHED → ARCHIVED, audited, and only PUBLISHED is searchable", async () => {
    let c = await createDraft(staffA, completeInput("ハリネズミ予約台帳の電子化"));
    expect(await foundBySearch("ハリネズミ", c.id)).toBe(false);

    c = (await ok(submit(c))).submitCase;
    expect(await foundBySearch("ハリネズミ", c.id)).toBe(false);
    c = (await ok(review(c, "REQUEST_CHANGES", secretariat, "成果の数値の出典を追記してください。"))).reviewCase;
    expect(c.status).toBe("CHANGES_REQUESTED");

    const notices = await ok(
      kb.gql<{ notifications: { unread: number; items: { type: string; message: string; caseId: string }[] } }>(
        `{ notifications { unread items { type message caseId } } }`,
        {},
        { viewer: staffA },
      ),
    );
    expect(notices.notifications.items[0]).toMatchObject({ type: "CASE_CHANGES_REQUESTED", caseId: c.id });
    expect(notices.notifications.unread).toBeGreaterThan(0);

    c = (await ok(submit(c))).submitCase;
    c = (await ok(review(c, "PUBLISH"))).reviewCase;
    expect(c.status).toBe("PUBLISHED");
    expect(await foundBySearch("ハリネズミ", c.id)).toBe(true);

    c = (await ok(kb.gql<{ archiveCase: CaseRow }>(`mutation ($id: ID!) { archiveCase(id: $id) { ${FIELDS} } }`, { id: c.id }, { viewer: secretariat }))).archiveCase;
    expect(await foundBySearch("ハリネズミ", c.id)).toBe(false);

    const audits = await kb.orm.em.fork().execute<{ actor_id: string; before: { status: string }; after: { status: string } }[]>(
      "select actor_id, before, after from audit_log where subject_id = ? and action = 'case.transition' order by id",
      [c.id],
    );
    expect(audits.map((a) => `${a.before.status}→${a.after.status}`)).toEqual([
      "DRAFT→SUBMITTED",
      "SUBMITTED→CHANGES_REQUESTED",
      "CHANGES_REQUESTED→SUBMITTED",
      "SUBMITTED→PUBLISHED",
      "PUBLISHED→ARCHIVED",
    ]);
    expect(audits[1]!.actor_id).toBe(secretariat.userId);
  });

  it("shows a draft to its department and the secretariat, and to nobody else", async () => {
    const c = await createDraft();
    const read = async (viewer: Viewer | null) =>
      (await ok(kb.gql<{ case: { id: string } | null }>(`query ($id: ID!) { case(id: $id) { id } }`, { id: c.id }, { viewer }))).case;
    expect(await read(staffA2)).toEqual({ id: c.id });
    expect(await read(secretariat)).toEqual({ id: c.id });
    expect(await read(staffB)).toBeNull();
    expect(await read(null)).toBeNull();
    const mine = await ok(kb.gql<{ myCases: { items: { id: string }[] } }>(`{ myCases(first: 100) { items { id } } }`, {}, { viewer: staffA2 }));
    expect(mine.myCases.items.map((i) => i.id)).toContain(c.id);
    const theirs = await ok(kb.gql<{ myCases: { items: { id: string }[] } }>(`{ myCases(first: 100) { items { id } } }`, {}, { viewer: staffB }));
    expect(theirs.myCases.items.map((i) => i.id)).not.toContain(c.id);
  });

  it("lists submitted cases in the secretariat's review queue only", async () => {
    const c = await inState("SUBMITTED");
    const queue = await ok(kb.gql<{ reviewQueue: { items: { id: string }[] } }>(`{ reviewQueue(first: 100) { items { id } } }`, {}, { viewer: secretariat }));
    expect(queue.reviewQueue.items.map((i) => i.id)).toContain(c.id);
    const refused = await kb.gql(`{ reviewQueue { total } }`, {}, { viewer: staffA });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses to submit an incomplete draft, with the missing fields", async () => {
    const c = await createDraft(staffA, { kind: "PRACTICE", title: "書きかけの取組", fiscalYear: 2025 });
    const result = await submit(c);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const paths = (result.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(["summary", "actions", "results"]);
  });

  it("rejects bad input field by field, in Japanese, and saves nothing", async () => {
    const [{ n: before }] = (await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases")) as [{ n: string }];
    const result = await kb.gql(
      `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`,
      { input: { kind: "WORKSHOP", title: "", fiscalYear: 1800, details: { participantCount: -3, unknownField: 1 } } },
      { viewer: staffA },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = result.errors?.[0]?.extensions?.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(["title", "fiscalYear", "details.participantCount"]));
    expect(fields.find((f) => f.path === "title")!.message).toBe("タイトルを入力してください");
    const [{ n: after }] = (await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases")) as [{ n: string }];
    expect(after).toBe(before);
  });
});

describe("saving with tags", () => {
  it("answers with the tags, existing or new, and records them in the revision", async () => {
    for (const tags of [["kintone", "窓口DX"], ["kintone", "新しいタグ"]]) {
      const data = await ok(
        kb.gql<{ createCase: { tags: string[]; revisions: { snapshot: { tags: string[] } }[] } }>(
          `mutation ($input: CaseDraftInput!) { createCase(input: $input) { tags revisions { snapshot } } }`,
          { input: { ...completeInput(), tags } },
          { viewer: staffA },
        ),
      );
      expect(data.createCase.tags).toEqual(tags);
      expect(data.createCase.revisions[0]!.snapshot.tags).toEqual(tags);
    }
  });
});

describe("revisions and concurrent edits", () => {
  it("keeps a revision per save and refuses a save based on an old version, losing nothing", async () => {
    const c = await createDraft();
    const update = (viewer: Viewer, version: number, title: string) =>
      kb.gql<{ updateCase: CaseRow }>(
        `mutation ($id: ID!, $v: Int!, $input: CaseDraftInput!) { updateCase(id: $id, version: $v, input: $input) { ${FIELDS} } }`,
        { id: c.id, v: version, input: completeInput(title) },
        { viewer },
      );
    // Both start from the same version; the first save wins, the second is told, not overwritten.
    const [first, second] = await Promise.all([update(staffA, c.version, "Aさんの版"), update(staffA2, c.version, "Bさんの版")]);
    const outcomes = [first, second].map((r) => (r.errors ? r.errors[0]!.extensions!.code : "OK")).sort();
    expect(outcomes).toEqual(["CONFLICT", "OK"]);
    const winner = (first.errors ? second : first).data!.updateCase;
    const [row] = await kb.orm.em.fork().execute<{ title: string; version: number }[]>("select title, version from cases where id = ?", [c.id]);
    expect(row).toEqual({ title: winner.title, version: winner.version });

    const history = await ok(
      kb.gql<{ case: { revisions: { version: number; snapshot: { title: string }; editor: { displayName: string } }[] } }>(
        `query ($id: ID!) { case(id: $id) { revisions { version snapshot editor { displayName } } } }`,
        { id: c.id },
        { viewer: staffA },
      ),
    );
    expect(history.case.revisions.map((r) => r.version)).toEqual([2, 1]);
    expect(history.case.revisions[0]!.snapshot.title).toBe(winner.title);
  });
});

describe("personal-information guard", () => {
  it("makes the author confirm findings before submitting, and shows them to the reviewer only", async () => {
    const c = await createDraft(staffA, { ...completeInput(), tips: "不明点は担当 山田（078-123-4567、yamada@city.example.lg.jp）まで。" });
    const unconfirmed = await submit(c);
    expect(unconfirmed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unconfirmed.errors?.[0]?.extensions?.fields).toEqual([
      { path: "confirmPersonalInfo", message: expect.stringContaining("2件") },
    ]);
    const submitted = (await ok(submit(c, staffA, true))).submitCase;
    expect(submitted.status).toBe("SUBMITTED");

    const findingsFor = async (viewer: Viewer) =>
      (await ok(kb.gql<{ case: { personalInfoFindings: { kind: string; field: string; text: string }[] | null } | null }>(
        `query ($id: ID!) { case(id: $id) { personalInfoFindings { kind field text } } }`,
        { id: c.id },
        { viewer },
      ))).case;
    expect((await findingsFor(secretariat))!.personalInfoFindings).toEqual([
      { kind: "PHONE", field: "tips", text: "078-123-4567" },
      { kind: "EMAIL", field: "tips", text: "yamada@city.example.lg.jp" },
    ]);
    await ok(review(submitted, "PUBLISH"));
    expect((await findingsFor(staffB))!.personalInfoFindings).toBeNull();
  });
});

import { randomUUID } from "node:crypto";
import { interchangeCaseSchema } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { statementsSentBy } from "../../../test/support/statements.js";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { COMMONS_EXPORT_PAGE } from "../exports/index.js";
import type { Viewer } from "../kernel/index.js";
import { setHubSecretariat } from "../users/index.js";
import { createOrganisation, updateOrganisation } from "./organisation.service.js";

/**
 * The installation's 広域事務局 (issue 16 item 8): who becomes one, COMMONS collections, the
 * vocabulary it owns and the tags organisations propose to it, its dashboard across organisations
 * and the commons export. Three organisations: X (宝塚市) and Y (熊本市) share cases, Z (札幌市)
 * reads; the hub is a member of Y. Only commons cases (published, 自治体間で共有) ever count.
 */
let kb: TestBackend;
type Person = Viewer & { email: string; password: string };
let x: { id: string; staff: Person; secretariat: Person };
let y: { id: string; staff: Person };
let z: { id: string; staff: Person; secretariat: Person };
let hub: Person;
let operator: Person;
const cases: Record<"xCommons" | "xOwn" | "xDraft" | "yCommons" | "yOwn", string> = {} as never;

const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);
type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const code = (r: Result<unknown>) => (r.errors?.[0]?.extensions?.code as string | undefined) ?? null;
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const r = await promise;
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}

beforeAll(async () => {
  kb = await createTestBackend();
  const org = (name: string, kana: string, prefecture: string, code: string) =>
    createOrganisation(kb.orm.em.fork(), { name, kana, prefecture, kind: "CITY", code }, null).then((o) => o.id);
  const xId = await org("宝塚市", "たからづかし", "兵庫県", "282146");
  const yId = await org("熊本市", "くまもとし", "熊本県", "431001");
  const zId = await org("札幌市", "さっぽろし", "北海道", "011002");
  x = {
    id: xId,
    staff: await kb.createViewer({ organisation: "282146", department: "市民課" }),
    secretariat: await kb.createViewer({ organisation: "282146", role: "SECRETARIAT", department: "業務改革課" }),
  };
  y = { id: yId, staff: await kb.createViewer({ organisation: "431001", department: "窓口サービス課" }) };
  z = {
    id: zId,
    staff: await kb.createViewer({ organisation: "011002", department: "区政課" }),
    secretariat: await kb.createViewer({ organisation: "011002", role: "SECRETARIAT", department: "改革推進課" }),
  };
  hub = await kb.createViewer({ organisation: "431001", department: "広域連携課", displayName: "広域 つなぐ" });
  operator = await kb.createViewer({ department: "運用課", installationRole: "OPERATOR" });

  await kb.importCases(
    [
      buildCase({ externalId: "x-commons", title: "宝塚の窓口予約", department: "市民課", tags: ["窓口予約", "宝塚の新語"] }),
      buildCase({ externalId: "x-own", title: "宝塚の庁内限定の事例", department: "市民課", tags: ["庁内だけの語"] }),
      buildCase({ externalId: "x-draft", title: "宝塚の下書き", department: "市民課", status: "DRAFT" }),
    ],
    { organisationId: xId },
  );
  await kb.importCases(
    [
      buildCase({ externalId: "y-commons", title: "熊本の書かない窓口", department: "窓口サービス課" }),
      buildCase({ externalId: "y-own", title: "熊本の庁内限定の事例", department: "窓口サービス課" }),
    ],
    { organisationId: yId },
  );
  const ids = await sql<{ id: string; external_id: string }[]>("select id, external_id from cases where external_id in ('x-commons','x-own','x-draft','y-commons','y-own')").then((r) => r.flat());
  const idOf = (e: string) => ids.find((r) => r.external_id === e)!.id;
  Object.assign(cases, { xCommons: idOf("x-commons"), xOwn: idOf("x-own"), xDraft: idOf("x-draft"), yCommons: idOf("y-commons"), yOwn: idOf("y-own") });
  // Until the sharing mutation is on main, the owning secretariat's choice is set directly.
  await sql("update cases set sharing = 'COMMONS' where id in (?)", [[cases.xCommons, cases.yCommons]]);
}, 120_000);

afterAll(() => kb?.close());

describe("who is the 広域事務局", () => {
  const SET = `mutation ($email: String!, $granted: Boolean!) { setHubSecretariat(email: $email, granted: $granted) }`;

  it("only an installation operator grants or takes the role (audited); an operator cannot also be the hub", async () => {
    for (const who of [z.secretariat, x.staff, null]) {
      const r = await kb.gql(SET, { email: hub.email, granted: true }, { viewer: who });
      expect(code(r)).toBe(who ? "FORBIDDEN" : "UNAUTHENTICATED");
    }
    expect(await ok(kb.gql(SET, { email: hub.email, granted: true }, { viewer: operator }))).toEqual({ setHubSecretariat: true });
    const [audit] = await sql<{ action: string; actor_id: string; organisation_id: string }>("select action, actor_id, organisation_id from audit_log where subject_id = ? order by at desc limit 1", [hub.userId]);
    expect(audit).toMatchObject({ action: "user.hub.grant", actor_id: operator.userId, organisation_id: y.id });
    const me = await ok(kb.gql<{ me: { installationRole: string } }>(`{ me { installationRole } }`, {}, { viewer: { ...hub, installationRole: "HUB_SECRETARIAT" } }));
    expect(me.me.installationRole).toBe("HUB_SECRETARIAT");
    expect(code(await kb.gql(SET, { email: operator.email, granted: true }, { viewer: operator }))).toBe("CONFLICT");
    expect(code(await kb.gql(SET, { email: "nobody@example.jp", granted: true }, { viewer: operator }))).toBe("NOT_FOUND");
    hub = { ...hub, installationRole: "HUB_SECRETARIAT" };
  });

  it("kb user-hub's function revokes and grants again, each once", async () => {
    expect((await setHubSecretariat(kb.orm.em.fork(), hub.email, false)).changed).toBe(true);
    expect((await setHubSecretariat(kb.orm.em.fork(), hub.email, false)).changed).toBe(false);
    expect((await setHubSecretariat(kb.orm.em.fork(), hub.email, true)).changed).toBe(true);
    const actions = await sql<{ action: string }>("select action from audit_log where subject_id = ? and action like 'user.hub.%' order by at", [hub.userId]);
    expect(actions.map((a) => a.action)).toEqual(["user.hub.grant", "user.hub.revoke", "user.hub.grant"]);
  });
});

describe("COMMONS collections", () => {
  let id: string;
  const READ = `query ($id: ID!) { collection(id: $id) { title scope status entryCount viewerCan { curate } entries { caseId case { title } } } }`;
  const add = (caseId: string, viewer: Viewer = hub) =>
    kb.gql(`mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { id } }`, { input: { collectionId: id, caseId, reason: "全国に広めたい" } }, { viewer });

  it("only the hub makes one; an organisation's secretariat cannot", async () => {
    const create = (viewer: Viewer) =>
      kb.gql<{ createCollection: { id: string; scope: string } }>(`mutation ($input: CollectionInput!) { createCollection(input: $input) { id scope } }`, {
        input: { title: "令和7年度 全国の好事例集", fiscalYear: 2025, scope: "COMMONS" },
      }, { viewer });
    expect(code(await create(z.secretariat))).toBe("FORBIDDEN");
    const made = await ok(create(hub));
    expect(made.createCollection.scope).toBe("COMMONS");
    id = made.createCollection.id;
  });

  it("takes commons cases of any organisation, never a 庁内限定 case or a draft", async () => {
    await ok(add(cases.xCommons));
    await ok(add(cases.yCommons));
    // Another organisation's 庁内限定 case or draft is answered as a missing one; the hub's own organisation's is refused with the reason.
    for (const c of [cases.xOwn, cases.xDraft, randomUUID()]) expect(code(await add(c))).toBe("NOT_FOUND");
    expect(code(await add(cases.yOwn))).toBe("CONFLICT");
    // X's secretariat curates X's collections, not this one.
    expect(code(await add(cases.xCommons, x.secretariat))).toBe("NOT_FOUND");
    const { collection } = await ok(kb.gql<{ collection: { version: number } }>(READ.replace("title", "version"), { id }, { viewer: hub }));
    await ok(kb.gql(`mutation ($id: ID!, $version: Int!) { publishCollection(id: $id, version: $version) { status } }`, { id, version: collection.version }, { viewer: hub }));
  });

  it("staff of a third organisation read it; anonymous visitors only cases of organisations that read publicly", async () => {
    const seen = await ok(kb.gql<{ collection: { entryCount: number; viewerCan: { curate: boolean }; entries: { case: { title: string } }[] } }>(READ, { id }, { viewer: z.staff }));
    expect(seen.collection.entries.map((e) => e.case.title)).toEqual(["宝塚の窓口予約", "熊本の書かない窓口"]);
    expect(seen.collection.viewerCan.curate).toBe(false);
    const listed = await ok(kb.gql<{ collections: { items: { id: string }[] } }>(`{ collections(scope: COMMONS) { items { id } } }`, {}, { viewer: z.staff }));
    expect(listed.collections.items.map((c) => c.id)).toEqual([id]);
    const hubView = await ok(kb.gql<{ collection: { viewerCan: { curate: boolean } } }>(READ, { id }, { viewer: hub }));
    expect(hubView.collection.viewerCan.curate).toBe(true);

    expect((await ok(kb.gql<{ collection: { entryCount: number } }>(READ, { id }, { viewer: null }))).collection.entryCount).toBe(0);
    await updateOrganisation(kb.orm.em.fork(), x.id, { publicReading: true });
    try {
      const anonymous = await ok(kb.gql<{ collection: { entries: { case: { title: string } }[] } }>(READ, { id }, { viewer: null }));
      expect(anonymous.collection.entries.map((e) => e.case.title)).toEqual(["宝塚の窓口予約"]);
    } finally {
      await updateOrganisation(kb.orm.em.fork(), x.id, { publicReading: false });
    }
  });

  it("a case its organisation makes 庁内限定 (or takes down) disappears for other organisations, the hub included", async () => {
    await sql("update cases set sharing = 'ORGANISATION' where id = ?", [cases.xCommons]);
    try {
      for (const viewer of [z.staff, y.staff, hub]) {
        const r = await ok(kb.gql<{ collection: { entries: { caseId: string }[] } }>(READ, { id }, { viewer }));
        expect(r.collection.entries.map((e) => e.caseId)).toEqual([cases.yCommons]);
      }
      // X's own staff still read their own case there.
      const own = await ok(kb.gql<{ collection: { entries: { caseId: string }[] } }>(READ, { id }, { viewer: x.staff }));
      expect(own.collection.entries.map((e) => e.caseId)).toEqual([cases.xCommons, cases.yCommons]);
    } finally {
      await sql("update cases set sharing = 'COMMONS' where id = ?", [cases.xCommons]);
    }
  });
});

describe("the vocabulary is the hub's; organisations propose", () => {
  const CREATE = `mutation ($name: String!) { createTag(input: { name: $name, category: THEME }) { tag { id } } }`;

  it("while a hub exists, the home organisation's curators no longer change it; without one they do again", async () => {
    const homeSecretariat = await kb.createViewer({ role: "SECRETARIAT", department: "事務局" });
    expect(code(await kb.gql(CREATE, { name: "ホームの語" }, { viewer: homeSecretariat }))).toBe("FORBIDDEN");
    expect(code(await kb.gql(CREATE, { name: "札幌の語" }, { viewer: z.secretariat }))).toBe("FORBIDDEN");
    await ok(kb.gql(CREATE, { name: "広域の語" }, { viewer: hub }));
    await setHubSecretariat(kb.orm.em.fork(), hub.email, false);
    try {
      await ok(kb.gql(CREATE, { name: "ホームの語" }, { viewer: homeSecretariat }));
      expect(code(await kb.gql(CREATE, { name: "札幌の語" }, { viewer: z.secretariat }))).toBe("FORBIDDEN");
    } finally {
      await setHubSecretariat(kb.orm.em.fork(), hub.email, true);
    }
  });

  it("lists the tags organisations started using on commons cases, never one only on 庁内限定 cases; taking one in clears it", async () => {
    const PROPOSED = `{ proposedTags { total items { id name version commonsCases organisations } } }`;
    expect(code(await kb.gql(PROPOSED, {}, { viewer: z.secretariat }))).toBe("FORBIDDEN");
    const { proposedTags } = await ok(kb.gql<{ proposedTags: { total: number; items: { id: string; name: string; version: number; commonsCases: number; organisations: string[] }[] } }>(PROPOSED, {}, { viewer: hub }));
    const names = proposedTags.items.map((t) => t.name);
    expect(names).toContain("宝塚の新語");
    expect(names).not.toContain("庁内だけの語");
    const proposed = proposedTags.items.find((t) => t.name === "宝塚の新語")!;
    expect(proposed).toMatchObject({ commonsCases: 1, organisations: ["宝塚市"] });
    await ok(kb.gql(`mutation ($id: ID!, $version: Int!) { updateTag(id: $id, version: $version, input: {}) { tag { id } } }`, { id: proposed.id, version: proposed.version }, { viewer: hub }));
    const after = await ok(kb.gql<{ proposedTags: { items: { name: string }[] } }>(PROPOSED, {}, { viewer: hub }));
    expect(after.proposedTags.items.map((t) => t.name)).not.toContain("宝塚の新語");
  });
});

describe("the hub's dashboard across organisations", () => {
  const DASHBOARD = `query ($first: Int, $offset: Int) { hubDashboard { totals { commonsCases sharingOrganisations crossAdoptions } organisations(first: $first, offset: $offset) { total items { code name prefecture commonsCases adoptedByOthers adoptedFromOthers } } } }`;
  type Dashboard = { hubDashboard: { totals: Record<string, number>; organisations: { total: number; items: { code: string; commonsCases: number; adoptedByOthers: number; adoptedFromOthers: number }[] } } };
  const FLOWS = `{ organisationFlows(first: 100) { total items { from { id } to { id } considering trial adopted } } }`;

  it("counts commons cases and 横展開 between organisations, and nothing of 庁内限定 cases", async () => {
    const adopt = async (caseId: string, organisationId: string, departmentName: string, status: string) => {
      const [dept] = await sql<{ id: string }>("select id from departments where organisation_id = ? and name = ?", [organisationId, departmentName]);
      await sql(
        `insert into adoptions (id, organisation_id, case_id, department_id, status, effects, created_at, updated_at) values (?, ?, ?, ?, ?, '[]', now(), now())`,
        [randomUUID(), organisationId, caseId, dept!.id, status],
      );
    };
    await adopt(cases.xCommons, y.id, "窓口サービス課", "ADOPTED"); // 横展開 X → Y
    await adopt(cases.xCommons, z.id, "区政課", "CONSIDERING"); // not counted (検討中)
    await adopt(cases.xOwn, z.id, "区政課", "ADOPTED"); // a 庁内限定 case: never counted
    await adopt(cases.yCommons, y.id, "窓口サービス課", "ADOPTED"); // within Y: not between organisations

    expect(code(await kb.gql(DASHBOARD, {}, { viewer: z.secretariat }))).toBe("FORBIDDEN");
    const { hubDashboard } = await ok(kb.gql<Dashboard>(DASHBOARD, { first: 100 }, { viewer: hub }));
    expect(hubDashboard.totals).toEqual({ commonsCases: 2, sharingOrganisations: 2, crossAdoptions: 1 });
    const row = (c: string) => hubDashboard.organisations.items.find((o) => o.code === c);
    expect(row("282146")).toMatchObject({ commonsCases: 1, adoptedByOthers: 1, adoptedFromOthers: 0 });
    expect(row("431001")).toMatchObject({ commonsCases: 1, adoptedByOthers: 0, adoptedFromOthers: 1 });
    expect(row("011002")).toMatchObject({ commonsCases: 0, adoptedByOthers: 0, adoptedFromOthers: 0 });
    // The flows between organisations are the commons' organisationFlows (検討中 shown, but not counted above).
    const { organisationFlows } = await ok(kb.gql<{ organisationFlows: { items: { from: { id: string }; to: { id: string }; considering: number; trial: number; adopted: number }[] } }>(FLOWS, {}, { viewer: hub }));
    expect(organisationFlows.items.map((f) => [f.from.id, f.to.id, f.considering, f.trial, f.adopted]).sort()).toEqual(
      [[x.id, y.id, 0, 0, 1], [x.id, z.id, 1, 0, 0]].sort(),
    );
  });

  it("pages the organisations, those sharing most first, at a fixed number of statements per page", async () => {
    const all = (await ok(kb.gql<Dashboard>(DASHBOARD, { first: 100 }, { viewer: hub }))).hubDashboard.organisations;
    expect(all.total).toBe(all.items.length);
    const counts = all.items.map((o) => o.commonsCases);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const pages: string[] = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = (await ok(kb.gql<Dashboard>(DASHBOARD, { first: 2, offset }, { viewer: hub }))).hubDashboard.organisations;
      expect(page.total).toBe(all.total);
      expect(page.items.length).toBeLessThanOrEqual(2);
      pages.push(...page.items.map((o) => o.code));
    }
    expect(pages).toEqual(all.items.map((o) => o.code));
    // A page costs the same whatever its size: totals, the page, the count.
    const statements = async (first: number) => (await statementsSentBy(kb.orm.em.getConnection(), () => ok(kb.gql(DASHBOARD, { first }, { viewer: hub })))).length;
    await statements(1); // warm the session's caches
    expect(await statements(1)).toBe(await statements(100));
    expect(await statements(100)).toBeLessThanOrEqual(3);
  });
});

describe("the commons export", () => {
  let http: Awaited<ReturnType<typeof startHttp>>;
  const session = async (who: Person) => {
    const s = new HttpSession(http.url, `10.16.8.${Math.floor(Math.random() * 200) + 1}`);
    await s.login(who.email, who.password);
    return s;
  };
  beforeAll(async () => {
    http = await startHttp(kb);
    // More commons cases than one page, so the export pages through them.
    await kb.importCases(
      Array.from({ length: COMMONS_EXPORT_PAGE + 3 }, (_, i) => buildCase({ externalId: `z-${i}`, title: `札幌の共有事例 ${i}`, department: "区政課" })),
      { organisationId: z.id },
    );
    await sql("update cases set sharing = 'COMMONS' where organisation_id = ?", [z.id]);
  }, 120_000);
  afterAll(() => http?.close());

  it("is the hub's only", async () => {
    for (const who of [z.secretariat, x.staff]) {
      const res = await (await session(who)).download("/api/exports/commons/cases.csv");
      expect(res.status).toBe(403);
    }
    expect((await new HttpSession(http.url).download("/api/exports/commons/cases.jsonl")).status).toBe(401);
  });

  it("writes every commons case with its organisation as CSV, and nothing else", async () => {
    const res = await (await session(hub)).download("/api/exports/commons/cases.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("kb-commons-");
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^"団体コード","団体名","都道府県","ID",/);
    expect(lines).toHaveLength(1 + 2 + COMMONS_EXPORT_PAGE + 3);
    expect(text).toContain(`"282146","宝塚市","兵庫県","${cases.xCommons}"`);
    expect(text).toContain("熊本の書かない窓口");
    for (const hidden of ["宝塚の庁内限定の事例", "宝塚の下書き", "熊本の庁内限定の事例"]) expect(text).not.toContain(hidden);
    const [audit] = await sql<{ after: { rows: number } }>("select after from audit_log where action = 'export.commons.csv' order by at desc limit 1");
    expect(audit!.after.rows).toBe(2 + COMMONS_EXPORT_PAGE + 3);
  });

  it("writes JSON Lines: the organisation beside each case in the interchange format", async () => {
    const res = await (await session(hub)).download("/api/exports/commons/cases.jsonl");
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { organisation: { code: string; name: string; prefecture: string }; case: unknown });
    expect(lines).toHaveLength(2 + COMMONS_EXPORT_PAGE + 3);
    for (const line of lines) expect(interchangeCaseSchema.safeParse(line.case).success).toBe(true);
    const x1 = lines.find((l) => (l.case as { title: string }).title === "宝塚の窓口予約")!;
    expect(x1.organisation).toEqual({ code: "282146", name: "宝塚市", prefecture: "兵庫県" });
    expect((x1.case as { organisation: string }).organisation).toBe("282146");
    expect(lines.some((l) => (l.case as { title: string }).title.includes("庁内限定"))).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { createOrganisation, updateOrganisation } from "./organisation.service.js";

/**
 * A public-reading organisation's commons cases (its published cases default to the commons) are
 * everyone's to read — anonymous visitors' and, so that signing in never hides anything, other
 * organisations' members' too — while nothing of it is writable from outside and its unpublished
 * things stay its own (isolation.test.ts covers a private organisation: nothing at all crosses;
 * sharing.test.ts the 庁内限定 scope).
 */
let kb: TestBackend;
const OPEN = "282146"; // 宝塚市: public reading on
const MEMBER = "011002"; // 札幌市: private; its members read 宝塚市's published cases
type Viewer = Awaited<ReturnType<TestBackend["createViewer"]>>;
let open: { secretariat: Viewer; publishedCase: string; draftCase: string; publishedCollection: string; draftCollection: string; organisationId: string };
let member: { staff: Viewer; secretariat: Viewer };

const ok = async <T,>(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<T> => {
  const r = await kb.gql<T>(query, variables, { viewer });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};
const code = async (query: string, variables: Record<string, unknown>, viewer: Viewer | null) =>
  (await kb.gql(query, variables, { viewer })).errors?.[0]?.extensions?.code;

const SEARCH = `query ($q: String!) { searchCases(query: $q) { total hits { case { id } } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { id title viewerCan { takePart edit } adoptionAccess { record } viewerCanCurate } }`;
const COLLECTIONS = `{ collections { total items { id title status viewerCan { curate } } } }`;

beforeAll(async () => {
  kb = await createTestBackend();
  const openOrg = await createOrganisation(kb.orm.em.fork(), { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: OPEN, publicReading: true }, null);
  await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: MEMBER }, null);
  const secretariat = await kb.createViewer({ organisation: OPEN, role: "SECRETARIAT", department: "業務改革推進課" });
  member = {
    staff: await kb.createViewer({ organisation: MEMBER, role: "STAFF", department: "区政課" }),
    secretariat: await kb.createViewer({ organisation: MEMBER, role: "SECRETARIAT", department: "改革推進課" }),
  };
  await kb.importCases(
    [
      buildCase({ externalId: "open-published", title: "窓口予約の公開事例", department: "市民課", status: "PUBLISHED" }),
      buildCase({ externalId: "open-draft", title: "窓口予約の下書き事例", department: "市民課", status: "DRAFT" }),
    ],
    { organisationId: openOrg.id },
  );
  const rows = await kb.orm.em.fork().execute<{ id: string; status: string }[]>("select id, status from cases where organisation_id = ?", [openOrg.id]);
  const publishedCase = rows.find((r) => r.status === "PUBLISHED")!.id;
  const draftCase = rows.find((r) => r.status === "DRAFT")!.id;
  const collection = async (title: string) =>
    (await ok<{ createCollection: { id: string; version: number } }>(`mutation ($input: CollectionInput!) { createCollection(input: $input) { id version } }`, { input: { title } }, secretariat))
      .createCollection;
  const published = await collection("公開の好事例集");
  const added = await ok<{ addCollectionEntry: { version: number } }>(
    `mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { version } }`,
    { input: { collectionId: published.id, caseId: publishedCase, reason: "窓口の待ち時間が減った" } },
    secretariat,
  );
  await ok(`mutation ($id: ID!, $version: Int!) { publishCollection(id: $id, version: $version) { id } }`, { id: published.id, version: added.addCollectionEntry.version }, secretariat);
  const draft = await collection("下書きの好事例集");
  open = { secretariat, publishedCase, draftCase, publishedCollection: published.id, draftCollection: draft.id, organisationId: openOrg.id };
});
afterAll(() => kb?.close());

describe("reading a public-reading organisation from another (issue 15)", () => {
  it("a member of another organisation finds and reads its published cases, as an anonymous visitor does, but not its drafts", async () => {
    for (const viewer of [null, member.staff]) {
      const found = await ok<{ searchCases: { hits: { case: { id: string } }[] } }>(SEARCH, { q: "窓口予約" }, viewer);
      expect(found.searchCases.hits.map((h) => h.case.id)).toEqual([open.publishedCase]);
      const read = await ok<{ case: { id: string; viewerCan: { takePart: boolean; edit: boolean }; adoptionAccess: { record: boolean } } | null }>(CASE, { id: open.publishedCase }, viewer);
      // Its published case is a commons case (the import's default for a public-reading organisation):
      // a member of another organisation takes part (adopts, asks: issue 16), a visitor does not.
      const member = viewer !== null;
      expect(read.case).toMatchObject({ id: open.publishedCase, viewerCan: { takePart: member, edit: false }, adoptionAccess: { record: member } });
      expect((await ok<{ case: unknown }>(CASE, { id: open.draftCase }, viewer)).case).toBeNull();
    }
  });

  it("writes nothing into it but adoption and questions on its commons case (issue 16): no tag proposal or feature from outside", async () => {
    const propose = `mutation ($input: TagProposalInput!) { proposeTag(input: $input) { id } }`;
    expect(await code(propose, { input: { caseId: open.publishedCase, tag: "札幌の提案" } }, member.staff)).toBe("FORBIDDEN");
    const feature = `mutation ($input: FeatureCaseInput!) { featureCase(input: $input) { reason } }`;
    expect(await code(feature, { input: { caseId: open.publishedCase, reason: "札幌でも使いたい" } }, member.secretariat)).toBeDefined();
    const rows = await kb.orm.em.fork().execute<{ n: string }[]>(
      "select (select count(*) from tag_proposals) + (select count(*) from featured_cases) as n",
    );
    expect(Number(rows[0]!.n)).toBe(0);
    // The member's own view says so: no curation controls on the other organisation's case.
    const read = await ok<{ case: { viewerCanCurate: boolean } }>(CASE, { id: open.publishedCase }, member.secretariat);
    expect(read.case.viewerCanCurate).toBe(false);
  });

  it("its published collections are readable from outside without curation controls; its drafts are its secretariat's alone", async () => {
    const outside = await ok<{ collections: { items: { id: string; viewerCan: { curate: boolean } }[] } }>(COLLECTIONS, {}, member.secretariat);
    expect(outside.collections.items.map((c) => c.id)).toEqual([open.publishedCollection]);
    expect(outside.collections.items[0]!.viewerCan.curate).toBe(false);
    expect((await ok<{ collection: unknown }>(`query ($id: ID!) { collection(id: $id) { id } }`, { id: open.draftCollection }, member.secretariat)).collection).toBeNull();
    const entries = await ok<{ collection: { entries: { case: { id: string } | null }[] } }>(
      `query ($id: ID!) { collection(id: $id) { entries { case { id } } } }`,
      { id: open.publishedCollection },
      member.staff,
    );
    expect(entries.collection.entries.map((e) => e.case?.id)).toEqual([open.publishedCase]);
    const own = await ok<{ collections: { items: { id: string; viewerCan: { curate: boolean } }[] } }>(COLLECTIONS, {}, open.secretariat);
    expect(own.collections.items.map((c) => c.id).sort()).toEqual([open.draftCollection, open.publishedCollection].sort());
    expect(own.collections.items.every((c) => c.viewerCan.curate)).toBe(true);
  });

  it("once the organisation stops public reading, anonymous visitors read nothing of it; other organisations keep its commons cases (issue 16)", async () => {
    await updateOrganisation(kb.orm.em.fork(), open.organisationId, { publicReading: false });
    try {
      expect((await ok<{ searchCases: { hits: unknown[] } }>(SEARCH, { q: "窓口予約" }, null)).searchCases.hits).toEqual([]);
      expect((await ok<{ case: unknown }>(CASE, { id: open.publishedCase }, null)).case).toBeNull();
      // Its published cases were imported while it read publicly: they went to the commons, which is
      // between the installation's organisations whatever the public may read.
      const found = await ok<{ searchCases: { hits: { case: { id: string } }[] } }>(SEARCH, { q: "窓口予約" }, member.staff);
      expect(found.searchCases.hits.map((h) => h.case.id)).toEqual([open.publishedCase]);
      // Its own pages (collections) are its own again.
      for (const viewer of [null, member.staff]) {
        expect((await ok<{ collections: { items: unknown[] } }>(COLLECTIONS, {}, viewer)).collections.items).toEqual([]);
      }
    } finally {
      await updateOrganisation(kb.orm.em.fork(), open.organisationId, { publicReading: true });
    }
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

const secretariat: Viewer = { userId: randomUUID(), organisationId: "", role: "SECRETARIAT", departmentId: randomUUID(), displayName: "事務局 太郎" };
const staff: Viewer = { userId: randomUUID(), organisationId: "", role: "STAFF", departmentId: randomUUID(), displayName: "職員 花子" };

/** Not users of the database: viewers of the installation's own organisation, filled in once it exists. */
const VIEWERS = [secretariat, staff];

const LIST = `{ synonymGroups { id mode terms note version } }`;
const CREATE = `mutation ($input: SynonymGroupInput!) { createSynonymGroup(input: $input) { affectedCases group { id mode terms version } } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: SynonymGroupInput!) {
  updateSynonymGroup(id: $id, version: $version, input: $input) { affectedCases group { id terms version } } }`;
const DELETE = `mutation ($id: ID!, $version: Int!) { deleteSynonymGroup(id: $id, version: $version) { affectedCases group { id } } }`;
const SEARCH = `query ($query: String!) { searchCases(query: $query, first: 50) { hits { case { externalId } } } }`;

interface Change {
  affectedCases: number;
  group: { id: string; mode: string; terms: string[]; version: number } | null;
}

let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  for (const v of VIEWERS) v.organisationId = kb.homeOrganisationId;
  const report = await kb.loadSeedCases();
  expect(report.errors).toEqual([]);
  await kb.syncSearch();
});
afterAll(() => kb?.close());

async function found(query: string): Promise<string[]> {
  const result = await kb.gql<{ searchCases: { hits: { case: { externalId: string } }[] } }>(SEARCH, { query });
  expect(result.errors).toBeUndefined();
  return result.data!.searchCases.hits.map((h) => h.case.externalId);
}

async function pendingOutbox(): Promise<number> {
  const [row] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
  return Number(row!.n);
}

describe("synonym administration", () => {
  it("starts with the administrative pairs from the migration", async () => {
    const result = await kb.gql<{ synonymGroups: { terms: string[]; mode: string }[] }>(LIST, {}, { viewer: secretariat });
    expect(result.errors).toBeUndefined();
    const terms = result.data!.synonymGroups.map((g) => g.terms);
    expect(terms).toEqual(
      expect.arrayContaining([
        ["キントーン", "kintone"],
        ["生成AI", "ChatGPT", "チャットGPT"],
        ["電子申請", "オンライン申請"],
        ["窓口DX", "フロントヤード改革"],
        ["1on1", "ワンオンワン"],
      ]),
    );
  });

  it("is for the secretariat and admins only", async () => {
    const anonymous = await kb.gql(LIST);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const asStaff = await kb.gql(CREATE, { input: { terms: ["はんこレス", "押印"] } }, { viewer: staff });
    expect(asStaff.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await pendingOutbox()).toBe(0);
  });

  it("rejects bad input with field paths in Japanese, writing nothing", async () => {
    const one = await kb.gql(CREATE, { input: { terms: ["押印"] } }, { viewer: secretariat });
    expect(one.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(one.errors?.[0]?.extensions?.fields).toEqual([{ path: "terms", message: "2語以上を入力してください" }]);
    const duplicate = await kb.gql(CREATE, { input: { terms: ["押印", "ＫＩＮＴＯＮＥ", "kintone"] } }, { viewer: secretariat });
    expect(duplicate.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: "terms.2" })]);
    const [row] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from audit_log where action like 'synonym.%'");
    expect(Number(row!.n)).toBe(0);
  });

  it("creates, updates and deletes a group: audited, and the affected cases are re-expanded through the outbox", async () => {
    expect(await found("はんこレス")).toEqual([]);

    const created = await kb.gql<{ createSynonymGroup: Change }>(CREATE, { input: { terms: [" はんこレス ", "押印"] } }, { viewer: secretariat });
    expect(created.errors).toBeUndefined();
    const change = created.data!.createSynonymGroup;
    expect(change.group!.terms).toEqual(["はんこレス", "押印"]);
    expect(change.affectedCases).toBeGreaterThanOrEqual(1);
    // The outbox rows were committed with the group; the index follows once they are drained.
    expect(await pendingOutbox()).toBe(change.affectedCases);
    await kb.syncSearch();
    expect(await found("はんこレス")).toContain("kobe-2021-practice-01");

    const stale = await kb.gql(UPDATE, { id: change.group!.id, version: change.group!.version - 1, input: { terms: ["はんこレス", "電子署名"] } }, { viewer: secretariat });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");

    const updated = await kb.gql<{ updateSynonymGroup: Change }>(
      UPDATE,
      { id: change.group!.id, version: change.group!.version, input: { mode: "ONE_WAY", terms: ["ペーパーレス化", "庁議"] } },
      { viewer: secretariat },
    );
    expect(updated.errors).toBeUndefined();
    await kb.syncSearch();
    expect(await found("はんこレス")).toEqual([]); // the old expansion is gone from the documents
    expect(await found("ペーパーレス化")).toContain("sample-2021-practice-01");

    const removed = await kb.gql<{ deleteSynonymGroup: Change }>(
      DELETE,
      { id: change.group!.id, version: updated.data!.updateSynonymGroup.group!.version },
      { viewer: secretariat },
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.deleteSynonymGroup.group).toBeNull();
    await kb.syncSearch();

    const audit = await kb.orm.em
      .fork()
      .execute<{ action: string; actor_id: string; before: unknown; after: unknown }[]>(
        "select action, actor_id, before, after from audit_log where subject_id = ? order by id",
        [change.group!.id],
      );
    expect(audit.map((a) => a.action)).toEqual(["synonym.create", "synonym.update", "synonym.delete"]);
    expect(audit.every((a) => a.actor_id === secretariat.userId)).toBe(true);
    expect(audit[1]!.before).toEqual({ mode: "EQUIVALENT", terms: ["はんこレス", "押印"], note: null });
    expect(audit[1]!.after).toEqual({ mode: "ONE_WAY", terms: ["ペーパーレス化", "庁議"], note: null });
  });

  it("finds cases through a kanji synonym created in the UI (ONE_WAY)", async () => {
    const created = await kb.gql<{ createSynonymGroup: Change }>(
      CREATE,
      { input: { mode: "ONE_WAY", terms: ["勤務間インターバル", "定時退庁"] } },
      { viewer: secretariat },
    );
    expect(created.errors).toBeUndefined();
    await kb.syncSearch();
    expect(await found("勤務間インターバル")).toContain("sample-2025-practice-02");
    expect(await found("定時退庁")).toContain("sample-2025-practice-02");
  });
});

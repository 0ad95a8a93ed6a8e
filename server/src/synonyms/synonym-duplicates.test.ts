import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

/**
 * A group whose terms equal or are contained in an existing group of the same kind adds nothing
 * to search and was listed twice: it is refused on the terms field, naming that group.
 * The migration's groups (残業 → 時間外勤務, 生成AI ⇔ ChatGPT ⇔ チャットGPT, キントーン ⇔ kintone) are the existing ones.
 */
const secretariat: Viewer = { userId: randomUUID(), organisationId: "", role: "SECRETARIAT", departmentId: randomUUID(), displayName: "事務局 太郎" };

/** Not users of the database: viewers of the installation's own organisation, filled in once it exists. */
const VIEWERS = [secretariat];

const LIST = `{ synonymGroups { id mode terms version } }`;
const CREATE = `mutation ($input: SynonymGroupInput!) { createSynonymGroup(input: $input) { group { id terms version } } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: SynonymGroupInput!) {
  updateSynonymGroup(id: $id, version: $version, input: $input) { group { id terms version } } }`;

interface Group {
  id: string;
  mode: string;
  terms: string[];
  version: number;
}

let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  for (const v of VIEWERS) v.organisationId = kb.homeOrganisationId;
});
afterAll(() => kb?.close());

const list = async () => (await kb.gql<{ synonymGroups: Group[] }>(LIST, {}, { viewer: secretariat })).data!.synonymGroups;
const create = (mode: string, terms: string[]) => kb.gql<{ createSynonymGroup: { group: Group } }>(CREATE, { input: { mode, terms } }, { viewer: secretariat });

function refusal(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  expect(result.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
  const fields = result.errors![0]!.extensions!["fields"] as { path: string; message: string }[];
  expect(fields.map((f) => f.path)).toEqual(["terms"]);
  return fields[0]!.message;
}

describe("synonym groups without duplicates", () => {
  it("refuses the same one-way group again, naming the existing group, and lists it once", async () => {
    const before = await list();
    const message = refusal(await create("ONE_WAY", ["残業", "時間外勤務"]));
    expect(message).toContain("「残業 → 時間外勤務」");
    expect(message).toContain("すでに登録されています");
    const after = await list();
    expect(after).toEqual(before);
    expect(after.filter((g) => g.terms.join() === "残業,時間外勤務")).toHaveLength(1);
  });

  it("compares normalised terms, in any order for an equivalent group", async () => {
    expect(refusal(await create("EQUIVALENT", ["ＫＩＮＴＯＮＥ", "キントーン"]))).toContain("「キントーン ⇔ kintone」");
  });

  it("refuses a group contained in an existing one of the same kind", async () => {
    const message = refusal(await create("EQUIVALENT", ["chatgpt", "生成AI"]));
    expect(message).toContain("「生成AI ⇔ ChatGPT ⇔ チャットGPT」に含まれています");
  });

  it("accepts what says something new: another kind, the other direction, an added term", async () => {
    for (const [mode, terms] of [
      ["EQUIVALENT", ["残業", "時間外勤務"]],
      ["ONE_WAY", ["時間外勤務", "残業"]],
      ["ONE_WAY", ["残業", "時間外勤務", "超過勤務"]],
    ] as const) {
      const result = await create(mode, [...terms]);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    }
  });

  it("lets a group be saved unchanged, but not edited into a copy of another", async () => {
    const created = (await create("EQUIVALENT", ["はんこレス", "押印廃止"])).data!.createSynonymGroup.group;
    const same = await kb.gql<{ updateSynonymGroup: { group: Group } }>(UPDATE, { id: created.id, version: created.version, input: { mode: "EQUIVALENT", terms: ["はんこレス", "押印廃止"] } }, { viewer: secretariat });
    expect(same.errors).toBeUndefined();
    const copy = await kb.gql(UPDATE, { id: created.id, version: same.data!.updateSynonymGroup.group.version, input: { mode: "EQUIVALENT", terms: ["kintone", "キントーン"] } }, { viewer: secretariat });
    expect(refusal(copy)).toContain("「キントーン ⇔ kintone」");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { MIGRATIONS } from "../db/index.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Look-alike names on real PostgreSQL: invisible characters never make a second
 * tag, department or synonym term, and a Latin word with a Cyrillic or Greek look-alike is refused
 * wherever a name is written (case form, import, vocabulary, synonyms).
 */
let kb: TestBackend;
let staff: Viewer;
let secretariat: Viewer;

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ department: "市民課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
});
afterAll(() => kb?.close());

const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);
type Result = { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const fieldErrors = (r: Result) => (r.errors?.[0]?.extensions?.fieldErrors ?? r.errors?.[0]?.extensions?.fields) as { path: string; message: string }[] | undefined;

describe("invisible characters", () => {
  it("make no second tag or department: each spelling lands on kintone and 市民課", async () => {
    await kb.importCases([
      buildCase({ externalId: "inv-1", tags: ["kintone"], department: "市民課" }),
      buildCase({ externalId: "inv-2", tags: ["kin\u200btone"], department: "市民\u200b課" }),
      buildCase({ externalId: "inv-3", tags: ["kintone\u202e", "\u2066kintone\u2069"], department: "\u202e市民課" }),
      buildCase({ externalId: "inv-4", tags: ["kintone\u00ad"], department: "市民課\u00ad" }),
    ]);
    expect(await sql<{ name: string }>("select name from tags where name like '%kin%'")).toEqual([{ name: "kintone" }]);
    expect(await sql<{ name: string }>("select name from departments where name like '%市民%'")).toEqual([{ name: "市民課" }]);
    const found = (await kb.gql<{ searchCases: { total: number } }>(`{ searchCases(query: "", filter: { tags: ["kin\u200btone"] }) { total } }`)).data!;
    expect(found.searchCases.total).toBe(4);
  });

  it("are cleaned from names stored before (the migration), unless the visible twin exists already", async () => {
    await sql("insert into tags (id, name, name_key, category, description, version, created_at, updated_at) values (gen_random_uuid(), ?, ?, 'THEME', '', 1, now(), now())", [
      "RPA\u200b",
      "rpa\u200b",
    ]);
    await sql("insert into tags (id, name, name_key, category, description, version, created_at, updated_at) values (gen_random_uuid(), ?, ?, 'THEME', '', 1, now(), now())", [
      "kin\u200btone",
      "kin\u200btone",
    ]);
    const InvisibleNameCharacters = MIGRATIONS.find((m) => m.name === "Migration20261204181500_InvisibleNameCharacters")!.class;
    const migration = new InvisibleNameCharacters(kb.orm.em.getDriver(), kb.orm.config);
    await migration.up();
    for (const query of migration.getQueries?.() ?? []) await sql(String(query));
    const names = (await sql<{ name_key: string }>("select name_key from tags where name_key like 'rpa%' or name_key like 'kin%'")).map((r) => r.name_key);
    expect(names.sort()).toEqual(["kin\u200btone", "kintone", "rpa"].sort());
  });
});

describe("Latin words with Cyrillic or Greek look-alikes", () => {
  const CYRILLIC_I = "k\u0456ntone";

  it("are refused in the case form with a field error naming the word", async () => {
    const result = await kb.gql(
      `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`,
      { input: { kind: "PRACTICE", title: "取組", summary: "概要", fiscalYear: 2024, tags: [CYRILLIC_I] } },
      { viewer: staff },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(result.errors)).toContain(`「${CYRILLIC_I}」`);
    expect(fieldErrors(result)?.[0]?.path ?? JSON.stringify(result.errors)).toContain("tags");
  });

  it("are refused in the vocabulary and in synonym groups", async () => {
    const tag = await kb.gql(`mutation ($input: TagCreateInput!) { createTag(input: $input) { tag { id } } }`, { input: { name: CYRILLIC_I, category: "TOOL", description: "" } }, { viewer: secretariat });
    expect(tag.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const group = await kb.gql(`mutation ($input: SynonymGroupInput!) { createSynonymGroup(input: $input) { group { id } } }`, { input: { mode: "EQUIVALENT", terms: [CYRILLIC_I, "キントーン"] } }, { viewer: secretariat });
    expect(group.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await sql("select 1 from tags where name = ?", [CYRILLIC_I])).toEqual([]);
  });
});

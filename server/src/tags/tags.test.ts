import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameKey } from "@kb/shared";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import path from "node:path";
import { REPO_ROOT } from "../config/index.js";
import { checkIndex, driftOf } from "../search/index.js";
import { loadTagVocabulary, readTagSeedFile } from "./tag-seed.js";
import type { Viewer } from "../kernel/index.js";

/**
 * The vocabulary on real PostgreSQL and Meilisearch: normalisation, merge (findable by both names,
 * no orphan, undo), rename, retire, suggestions from text, and who may do what.
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

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

interface TagRow {
  id: string;
  name: string;
  category: string;
  version: number;
  aliases: string[];
  usage: number;
}
const TAG_FIELDS = "id name category description retired aliases usage totalUsage version";

/** A tag as `viewer` sees it (anonymous by default: tags only on drafts are not there for them). */
async function tag(name: string, viewer: Viewer | null = null): Promise<TagRow | null> {
  return (await ok(kb.gql<{ tag: TagRow | null }>(`query ($name: String!) { tag(name: $name) { ${TAG_FIELDS} } }`, { name }, { viewer }))).tag;
}

async function search(query: string, tags?: string[]) {
  const data = await ok(
    kb.gql<{ searchCases: { total: number; hits: { case: { externalId: string; tags: string[] } }[]; tagRedirects: { from: string; to: string }[] } }>(
      `query ($query: String!, $filter: CaseSearchFilter) {
         searchCases(query: $query, first: 100, filter: $filter) { total hits { case { externalId tags } } tagRedirects { from to } } }`,
      tags ? { query, filter: { tags } } : { query },
    ),
  );
  return data.searchCases;
}

const ids = (hits: { case: { externalId: string } }[]) => hits.map((h) => h.case.externalId).sort();

describe("normalisation: one tag whatever the width or case", () => {
  it("treats ｋｉｎｔｏｎｅ, Kintone and kintone as one tag in imports, the case form, the vocabulary and proposals", async () => {
    expect(new Set(["ｋｉｎｔｏｎｅ", "Kintone", "kintone", " ＫＩＮＴＯＮＥ "].map(nameKey))).toEqual(new Set(["kintone"]));
    await kb.importCases([
      buildCase({ externalId: "norm-1", tags: ["ｋｉｎｔｏｎｅ"] }),
      buildCase({ externalId: "norm-2", tags: ["Kintone"] }),
      buildCase({ externalId: "norm-3", tags: ["kintone", "KINTONE"] }),
    ]);
    const rows = await sql<{ name: string }>("select name from tags where name_key = 'kintone'");
    expect(rows).toHaveLength(1);
    // The first spelling written is kept (NFKC turns ｋｉｎｔｏｎｅ into kintone).
    expect(rows[0]!.name).toBe("kintone");

    const created = await ok(
      kb.gql<{ createCase: { tags: string[] } }>(
        `mutation ($input: CaseDraftInput!) { createCase(input: $input) { tags } }`,
        { input: { kind: "PRACTICE", title: "全角で入力したタグ", summary: "概要", fiscalYear: 2024, tags: ["ＫＩＮＴＯＮＥ", "Ｅｘｃｅｌ", "excel"] } },
        { viewer: staff },
      ),
    );
    expect(created.createCase.tags).toEqual(["kintone", "Excel"]);
    expect(await sql("select 1 from tags where name_key = 'kintone'")).toHaveLength(1);

    const duplicate = await kb.gql(`mutation { createTag(input: { name: "ＫｉｎＴｏｎｅ", category: TOOL }) { tag { id } } }`, {}, { viewer: secretariat });
    expect(codeOf(duplicate)).toBe("BAD_USER_INPUT");
    expect(duplicate.errors?.[0]?.extensions?.fields).toEqual([{ path: "name", message: expect.stringContaining("すでにあります") }]);

    expect((await tag("ｋｉｎｔｏｎｅ"))?.name).toBe("kintone");
    expect((await tag("KINTONE"))?.usage).toBe(3);
  });
});

describe("merging tags", () => {
  const TARGET = "ノーコード開発";
  const SOURCE = "ローコード";

  beforeAll(async () => {
    await kb.importCases([
      buildCase({ externalId: "merge-t1", title: "申請受付アプリ", tags: [TARGET] }),
      buildCase({ externalId: "merge-t2", title: "備品台帳アプリ", tags: [TARGET, "台帳"] }),
      buildCase({ externalId: "merge-s1", title: "点検記録アプリ", tags: [SOURCE, "台帳"] }),
      buildCase({ externalId: "merge-s2", title: "研修申込アプリ", tags: [SOURCE] }),
      buildCase({ externalId: "merge-both", title: "相談記録アプリ", tags: [SOURCE, TARGET] }),
      buildCase({ externalId: "merge-draft", title: "下書きのアプリ", tags: [SOURCE], status: "DRAFT" }),
    ]);
  });

  it("previews, merges, keeps every case findable by both names, leaves no orphan, and undoes exactly", async () => {
    const source = (await tag(SOURCE))!;
    const target = (await tag(TARGET))!;

    const staffTry = await kb.gql(`mutation ($s: ID!, $t: ID!) { mergeTags(sourceId: $s, targetId: $t) { affectedCases } }`, { s: source.id, t: target.id }, { viewer: staff });
    expect(codeOf(staffTry)).toBe("FORBIDDEN");
    const anonymous = await kb.gql(`query ($s: ID!, $t: ID!) { tagMergePreview(sourceId: $s, targetId: $t) { casesToMove } }`, { s: source.id, t: target.id });
    expect(codeOf(anonymous)).toBe("UNAUTHENTICATED");

    const preview = await ok(
      kb.gql<{ tagMergePreview: { casesToMove: number; publishedToMove: number; alreadyTagged: number; addsSynonym: boolean } }>(
        `query ($s: ID!, $t: ID!) { tagMergePreview(sourceId: $s, targetId: $t) { casesToMove publishedToMove alreadyTagged addsSynonym } }`,
        { s: source.id, t: target.id },
        { viewer: secretariat },
      ),
    );
    expect(preview.tagMergePreview).toEqual({ casesToMove: 4, publishedToMove: 3, alreadyTagged: 1, addsSynonym: true });

    const merged = await ok(
      kb.gql<{ mergeTags: { merge: { id: string; movedCases: number; canUndo: boolean }; tag: TagRow; affectedCases: number } }>(
        `mutation ($s: ID!, $t: ID!) { mergeTags(sourceId: $s, targetId: $t) { merge { id movedCases canUndo } tag { ${TAG_FIELDS} } affectedCases } }`,
        { s: source.id, t: target.id },
        { viewer: secretariat },
      ),
    );
    expect(merged.mergeTags.merge).toMatchObject({ movedCases: 4, canUndo: true });
    expect(merged.mergeTags.tag).toMatchObject({ name: TARGET, aliases: [SOURCE], usage: 5 });
    await kb.syncSearch();

    // Findable by both names: words, the current tag filter, and an old link's filter.
    const all = ["merge-both", "merge-s1", "merge-s2", "merge-t1", "merge-t2"];
    expect(ids((await search(TARGET)).hits)).toEqual(all);
    expect(ids((await search(SOURCE)).hits)).toEqual(all);
    expect(ids((await search("", [TARGET])).hits)).toEqual(all);
    const oldLink = await search("", [SOURCE]);
    expect(ids(oldLink.hits)).toEqual(all);
    expect(oldLink.tagRedirects).toEqual([{ from: SOURCE, to: TARGET }]);
    expect(oldLink.hits.every((h) => h.case.tags.includes(TARGET) && !h.case.tags.includes(SOURCE))).toBe(true);
    // The tag page for the old name is the target's.
    expect((await tag(SOURCE))?.id).toBe(target.id);

    // No orphan: no case carries an alias, every former source case carries the target, aliases are one hop.
    expect(await sql("select 1 from case_tags ct join tags t on t.id = ct.tag_id where t.merged_into_id is not null")).toEqual([]);
    expect(await sql("select 1 from tags a join tags t on t.id = a.merged_into_id where t.merged_into_id is not null")).toEqual([]);
    const carrying = await sql<{ external_id: string }>(
      "select c.external_id from case_tags ct join cases c on c.id = ct.case_id where ct.tag_id = ? order by 1",
      [target.id],
    );
    expect(carrying.map((r) => r.external_id)).toEqual([...all, "merge-draft"].sort());
    // Each moved case got a new version and a revision that records the new tag list.
    const [revision] = await sql<{ snapshot: { tags: string[] }; version: number; cv: number }>(
      `select r.snapshot, r.version, c.version as cv from case_revisions r join cases c on c.id = r.case_id
        where c.external_id = 'merge-s1' order by r.version desc limit 1`,
    );
    expect(revision!.snapshot.tags.sort()).toEqual(["台帳", TARGET].sort());
    expect(revision!.version).toBe(revision!.cv);
    // The index agrees with the database, document by document.
    expect(driftOf(await checkIndex(kb.orm, kb.index))).toBe(0);
    // Audited, with the synonym it added.
    expect((await sql<{ action: string }>("select action from audit_log where action in ('tag.merge', 'synonym.create') order by id")).map((r) => r.action)).toEqual([
      "synonym.create",
      "tag.merge",
    ]);

    // Typing or importing the old name lands on the target: the merged tag is never re-created.
    await kb.importCases([buildCase({ externalId: "merge-later", tags: ["ﾛｰｺｰﾄﾞ"] })]);
    expect((await sql<{ name: string }>("select t.name from case_tags ct join tags t on t.id = ct.tag_id join cases c on c.id = ct.case_id where c.external_id = 'merge-later'")).map((r) => r.name)).toEqual([TARGET]);

    // Undo: the last merge, once.
    const undone = await ok(
      kb.gql<{ undoTagMerge: { tag: TagRow; keptSynonym: boolean } }>(
        `mutation ($id: ID!) { undoTagMerge(id: $id) { tag { ${TAG_FIELDS} } keptSynonym } }`,
        { id: merged.mergeTags.merge.id },
        { viewer: secretariat },
      ),
    );
    expect(undone.undoTagMerge.tag).toMatchObject({ id: source.id, name: SOURCE, usage: 3 });
    expect(undone.undoTagMerge.keptSynonym).toBe(false);
    await kb.syncSearch();
    expect(ids((await search("", [SOURCE])).hits)).toEqual(["merge-both", "merge-s1", "merge-s2"]);
    // merge-later was imported with the old name after the merge: it keeps the target.
    expect(ids((await search("", [TARGET])).hits)).toEqual(["merge-both", "merge-later", "merge-t1", "merge-t2"]);
    expect((await search("", [SOURCE])).tagRedirects).toEqual([]);
    expect(await sql("select 1 from synonym_groups where terms @> ?::jsonb", [JSON.stringify([SOURCE])])).toEqual([]);
    expect(driftOf(await checkIndex(kb.orm, kb.index))).toBe(0);

    const again = await kb.gql(`mutation ($id: ID!) { undoTagMerge(id: $id) { affectedCases } }`, { id: merged.mergeTags.merge.id }, { viewer: secretariat });
    expect(codeOf(again)).toBe("CONFLICT");
    const last = await ok(kb.gql<{ lastTagMerge: { canUndo: boolean; undoneAt: string | null } }>(`{ lastTagMerge { canUndo undoneAt } }`, {}, { viewer: secretariat }));
    expect(last.lastTagMerge.canUndo).toBe(false);
    expect(last.lastTagMerge.undoneAt).not.toBeNull();
  });

  it("refuses to merge a tag into itself", async () => {
    const target = (await tag(TARGET))!;
    const self = await kb.gql(`mutation ($s: ID!, $t: ID!) { mergeTags(sourceId: $s, targetId: $t) { affectedCases } }`, { s: target.id, t: target.id }, { viewer: secretariat });
    expect(self.errors?.[0]?.extensions?.fields).toEqual([{ path: "targetId", message: "同じタグには統合できません" }]);
  });
});

describe("renaming, recategorising and retiring", () => {
  it("renames: the old name stays an alias and a synonym, documents carry the new name; a stale edit is refused", async () => {
    await kb.importCases([buildCase({ externalId: "rename-1", tags: ["地図"] }), buildCase({ externalId: "rename-2", tags: ["地図"] })]);
    const before = (await tag("地図"))!;
    const renamed = await ok(
      kb.gql<{ updateTag: { tag: TagRow; affectedCases: number } }>(
        `mutation ($id: ID!, $v: Int!) { updateTag(id: $id, version: $v, input: { name: "ＧＩＳ地図", category: TOOL, description: "地理情報システム" }) { tag { ${TAG_FIELDS} } affectedCases } }`,
        { id: before.id, v: before.version },
        { viewer: secretariat },
      ),
    );
    expect(renamed.updateTag.tag).toMatchObject({ name: "GIS地図", category: "TOOL", aliases: ["地図"] });
    expect(renamed.updateTag.affectedCases).toBeGreaterThanOrEqual(2);
    await kb.syncSearch();
    expect(ids((await search("", ["GIS地図"])).hits)).toEqual(["rename-1", "rename-2"]);
    expect(ids((await search("", ["地図"])).hits)).toEqual(["rename-1", "rename-2"]);
    expect((await search("地図")).hits.every((h) => h.case.tags.includes("GIS地図"))).toBe(true);

    const stale = await kb.gql(`mutation ($id: ID!, $v: Int!) { updateTag(id: $id, version: $v, input: { description: "古い版から" }) { affectedCases } }`, {
      id: before.id,
      v: before.version,
    }, { viewer: secretariat });
    expect(codeOf(stale)).toBe("CONFLICT");

    // Taking the old name back is allowed (it was this tag's own name).
    const current = (await tag("GIS地図"))!;
    const back = await ok(
      kb.gql<{ updateTag: { tag: TagRow } }>(`mutation ($id: ID!, $v: Int!) { updateTag(id: $id, version: $v, input: { name: "地図" }) { tag { ${TAG_FIELDS} } } }`, {
        id: current.id,
        v: current.version,
      }, { viewer: secretariat }),
    );
    expect(back.updateTag.tag).toMatchObject({ name: "地図", aliases: ["GIS地図"] });
    const audit = await sql<{ action: string }>("select action from audit_log where subject_id = ? order by id", [before.id]);
    expect(audit.map((a) => a.action)).toEqual(["tag.rename", "tag.rename"]);
  });

  it("retires: not offered any more, not added anew, kept where it is; restore brings it back", async () => {
    await kb.importCases([buildCase({ externalId: "retire-1", tags: ["旧システム"] })]);
    const t = (await tag("旧システム"))!;
    await ok(kb.gql(`mutation ($id: ID!, $v: Int!) { retireTag(id: $id, version: $v) { tag { retired } } }`, { id: t.id, v: t.version }, { viewer: secretariat }));

    const suggestions = await ok(kb.gql<{ tagSuggestions: { name: string }[] }>(`{ tagSuggestions(text: "旧システム") { name } }`));
    expect(suggestions.tagSuggestions).toEqual([]);
    const refused = await kb.gql(
      `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`,
      { input: { kind: "PRACTICE", title: "廃止タグを付けようとする", summary: "概要", fiscalYear: 2024, tags: ["旧システム"] } },
      { viewer: staff },
    );
    expect(refused.errors?.[0]?.extensions?.fields).toEqual([{ path: "tags", message: "「旧システム」は廃止されたタグです。別のタグを選んでください" }]);
    // The case that has it keeps it, and search still finds it.
    await kb.syncSearch();
    expect(ids((await search("", ["旧システム"])).hits)).toEqual(["retire-1"]);
    const list = await ok(kb.gql<{ tags: { items: { name: string; retired: boolean }[] } }>(`{ tags(search: "旧システム", includeRetired: true) { items { name retired } } }`));
    expect(list.tags.items).toEqual([{ name: "旧システム", retired: true }]);

    const retired = (await tag("旧システム"))!;
    await ok(kb.gql(`mutation ($id: ID!, $v: Int!) { restoreTag(id: $id, version: $v) { tag { retired } } }`, { id: retired.id, v: retired.version }, { viewer: secretariat }));
    expect((await ok(kb.gql<{ tagSuggestions: { name: string }[] }>(`{ tagSuggestions(text: "旧シス") { name } }`))).tagSuggestions).toEqual([
      { name: "旧システム" },
    ]);
  });
});

describe("autocomplete, suggestions from text and tag pages", () => {
  it("autocompletes by category and usage, matching aliases too", async () => {
    const t = (await tag("kintone"))!;
    await ok(kb.gql(`mutation ($id: ID!, $v: Int!) { updateTag(id: $id, version: $v, input: { category: TOOL }) { affectedCases } }`, { id: t.id, v: t.version }, { viewer: secretariat }));
    const tools = await ok(
      kb.gql<{ tagSuggestions: { name: string; category: string; count: number }[] }>(`{ tagSuggestions(text: "kin", category: TOOL) { name category count } }`),
    );
    expect(tools.tagSuggestions[0]).toEqual({ name: "kintone", category: "TOOL", count: 3 });
    const themes = await ok(kb.gql<{ tagSuggestions: { name: string }[] }>(`{ tagSuggestions(text: "kin", category: THEME) { name } }`));
    expect(themes.tagSuggestions.map((s) => s.name)).not.toContain("kintone");
  });

  it("suggests vocabulary tags the text mentions, by name, alias or search synonym", async () => {
    const found = await ok(
      kb.gql<{ tagsInText: { name: string; terms: string[] }[] }>(
        `query ($text: String!) { tagsInText(text: $text, exclude: ["Excel"]) { name terms } }`,
        { text: "キントーンで台帳を作り、ＥＸＣＥＬの転記をやめました。GISは使っていません。" },
      ),
    );
    // キントーン ⇔ kintone is a seeded synonym group; Excel is excluded (already chosen).
    expect(found.tagsInText).toEqual(expect.arrayContaining([{ name: "kintone", terms: ["キントーン"] }, { name: "台帳", terms: ["台帳"] }]));
    expect(found.tagsInText.map((t) => t.name)).not.toContain("Excel");
  });

  it("serves a tag page: description, related tags and the departments that use it most", async () => {
    await kb.importCases([
      buildCase({ externalId: "page-1", department: "子育て支援課", tags: ["来庁予約", "kintone"] }),
      buildCase({ externalId: "page-2", department: "子育て支援課", tags: ["来庁予約", "kintone"] }),
      buildCase({ externalId: "page-3", department: "市民課", tags: ["来庁予約"] }),
    ]);
    const page = await ok(
      kb.gql<{ tag: { name: string; relatedTags: { name: string; count: number }[]; topDepartments: { department: { name: string }; count: number }[] } }>(
        `{ tag(name: "来庁予約") { name relatedTags { name count } topDepartments { department { name } count } } }`,
      ),
    );
    expect(page.tag.relatedTags).toEqual([{ name: "kintone", count: 2 }]);
    expect(page.tag.topDepartments).toEqual([
      { department: { name: "子育て支援課" }, count: 2 },
      { department: { name: "市民課" }, count: 1 },
    ]);
    expect(await tag("存在しないタグ")).toBeNull();
  });
});

describe("the seed vocabulary", () => {
  it("gives every tag of the seed cases a category and a description, and the skills, pillars and targets", async () => {
    const entries = await readTagSeedFile(path.join(REPO_ROOT, "seeds/tags.json"));
    const names = new Set(entries.map((e) => e.name));
    for (const skill of ["変革マインド", "デジタルリテラシー", "業務知識"]) expect(names).toContain(skill);
    expect(entries.filter((e) => e.category === "PILLAR")).toHaveLength(6);
    expect(entries.filter((e) => e.category === "TARGET").map((e) => e.name)).toEqual(["市民サービス", "行政事務", "地域"]);
    expect(entries.every((e) => e.description.length > 0)).toBe(true);

    // Loading fills in blanks only: what the secretariat wrote is kept (unless --overwrite).
    // excel so far sits only on a staff draft: the secretariat sees it, anonymous readers do not.
    expect(await tag("excel")).toBeNull();
    const excel = (await tag("excel", secretariat))!;
    await ok(kb.gql(`mutation ($id: ID!, $v: Int!) { updateTag(id: $id, version: $v, input: { description: "事務局の説明" }) { affectedCases } }`, { id: excel.id, v: excel.version }, { viewer: secretariat }));
    const report = await loadTagVocabulary(kb.orm.em.fork(), entries);
    expect(report.created).toBeGreaterThan(40);
    expect(await sql<{ category: string; description: string }>("select category, description from tags where name_key = 'excel'")).toEqual([
      { category: "THEME", description: "事務局の説明" },
    ]);
    expect((await tag("業務知識"))).toMatchObject({ category: "SKILL" });
    await loadTagVocabulary(kb.orm.em.fork(), entries, { overwrite: true });
    expect((await tag("excel"))).toMatchObject({ category: "TOOL" });
  });

  it("shows counts that include drafts to the secretariat only", async () => {
    const anonymous = await ok(kb.gql<{ tag: { totalUsage: number | null } }>(`{ tag(name: "kintone") { totalUsage } }`));
    expect(anonymous.tag.totalUsage).toBeNull();
    const curator = await ok(kb.gql<{ tag: { totalUsage: number | null; usage: number } }>(`{ tag(name: "kintone") { usage totalUsage } }`, {}, { viewer: secretariat }));
    expect(curator.tag.totalUsage).toBeGreaterThan(curator.tag.usage); // the draft made through the case form
  });
});

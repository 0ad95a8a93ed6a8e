import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

/**
 * A tag typed on a draft is as private as the draft: a tag exists for a reader
 * only through cases that reader may read, or once the secretariat has taken it into the vocabulary.
 * Every read of tag names is asked as anonymous, as staff of another 課, as the owning 課 and as the
 * secretariat.
 */
let kb: TestBackend;
let owner: Viewer;
let otherStaff: Viewer;
let secretariat: Viewer;

const SECRET = "下書きだけの新施策";

beforeAll(async () => {
  kb = await createTestBackend();
  owner = await kb.createViewer({ department: "秘匿課" });
  otherStaff = await kb.createViewer({ department: "隣の課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  await kb.importCases([
    buildCase({ externalId: "draft-only", status: "DRAFT", department: "秘匿課", tags: [SECRET, "共通タグ"], title: "まだ下書きの好事例" }),
    buildCase({ externalId: "published", status: "PUBLISHED", department: "秘匿課", tags: ["共通タグ"] }),
  ]);
});
afterAll(() => kb?.close());

type Result<T> = { data?: T; errors?: readonly { message: string }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

/** Every tag-name read the schema offers, as `viewer`: which of them mention `name`. */
async function namesSeenBy(viewer: Viewer | null, name: string) {
  const data = await ok(
    kb.gql<{
      tags: { total: number; items: { name: string }[] };
      tag: { name: string } | null;
      tagSuggestions: { name: string; count: number }[];
      tagsInText: { name: string }[];
    }>(
      `query ($name: String!, $text: String!) {
         tags(search: $name) { total items { name } }
         tag(name: $name) { name }
         tagSuggestions(text: $name) { name count }
         tagsInText(text: $text) { name }
       }`,
      { name, text: `今年は${name}に取り組みました。` },
      { viewer: viewer ?? null },
    ),
  );
  return {
    tags: data.tags.items.map((t) => t.name).filter((n) => n === name),
    tagsTotal: data.tags.total,
    tag: data.tag?.name ?? null,
    tagSuggestions: data.tagSuggestions.map((t) => t.name).filter((n) => n === name),
    tagsInText: data.tagsInText.map((t) => t.name).filter((n) => n === name),
  };
}

const hidden = { tags: [], tagsTotal: 0, tag: null, tagSuggestions: [], tagsInText: [] };
const seen = (name: string) => ({ tags: [name], tagsTotal: 1, tag: name, tagSuggestions: [name], tagsInText: [name] });

describe("tags typed on a draft stay as private as the draft", () => {
  it("hides a draft-only tag from anonymous visitors and from staff of other 課", async () => {
    expect(await namesSeenBy(null, SECRET)).toEqual(hidden);
    expect(await namesSeenBy(otherStaff, SECRET)).toEqual(hidden);
  });

  it("shows it to the owning 課 and to the secretariat, who may read the draft", async () => {
    expect(await namesSeenBy(owner, SECRET)).toEqual(seen(SECRET));
    expect(await namesSeenBy(secretariat, SECRET)).toEqual(seen(SECRET));
  });

  it("counts only published cases in what everyone sees", async () => {
    const data = await ok(kb.gql<{ tagSuggestions: { name: string; count: number }[] }>(`{ tagSuggestions(text: "共通タグ") { name count } }`));
    expect(data.tagSuggestions).toEqual([{ name: "共通タグ", count: 1 }]);
  });

  it("shows the tag to everyone once a case carrying it is published", async () => {
    await kb.importCases([buildCase({ externalId: "draft-only", status: "PUBLISHED", department: "秘匿課", tags: [SECRET, "共通タグ"], title: "公開した好事例" })], { updateStatus: true });
    expect(await namesSeenBy(null, SECRET)).toEqual(seen(SECRET));
    expect(await namesSeenBy(otherStaff, SECRET)).toEqual(seen(SECRET));
  });

  it("shows a term the secretariat took into the vocabulary, even before any case carries it", async () => {
    const term = "語彙だけの用語";
    await ok(
      kb.gql(`mutation ($input: TagCreateInput!) { createTag(input: $input) { tag { id } } }`, { input: { name: term, category: "THEME", description: "" } }, { viewer: secretariat }),
    );
    expect(await namesSeenBy(null, term)).toEqual(seen(term));
    expect(await namesSeenBy(otherStaff, term)).toEqual(seen(term));
  });
});

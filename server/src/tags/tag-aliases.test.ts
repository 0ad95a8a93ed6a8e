import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { statementsSentBy } from "../../../test/support/statements.js";
import { canonicalTagFilter, TagAliasCache } from "./tag-aliases.js";

/** The tag names of a search filter, resolved once per index version (and at most maxAgeMs) instead of once per search. */
let kb: TestBackend;

beforeAll(async () => {
  kb = await createTestBackend();
  await kb.importCases([buildCase({ externalId: "alias-1", tags: ["kintone"] })]);
});
afterAll(() => kb?.close());

async function countingStatements<T>(run: () => Promise<T>): Promise<{ value: T; statements: number }> {
  let value: T | undefined;
  const statements = await statementsSentBy(kb.orm.em.getConnection(), async () => {
    value = await run();
  });
  return { value: value as T, statements: statements.length };
}

describe("TagAliasCache", () => {
  it("answers as the uncached lookup, with no SQL for names it knows while the version holds", async () => {
    let version = "v1";
    const aliases = new TagAliasCache(async () => version);
    const filter = { tags: ["ＫＩＮＴＯＮＥ", "未知のタグ"] };
    const plain = await canonicalTagFilter(kb.orm.em.fork(), filter);
    expect(plain.filter?.tags).toEqual(["kintone", "未知のタグ"]);

    const first = await countingStatements(() => canonicalTagFilter(kb.orm.em.fork(), filter, aliases));
    expect(first.value).toEqual(plain);
    expect(first.statements).toBe(1);
    const again = await countingStatements(() => canonicalTagFilter(kb.orm.em.fork(), filter, aliases));
    expect(again.value).toEqual(plain);
    expect(again.statements).toBe(0);

    // A tag renamed in the database: the cache keeps the old answer until the version moves on.
    await kb.orm.em.fork().execute("update tags set name = 'kintone2' where name = 'kintone'");
    try {
      expect((await canonicalTagFilter(kb.orm.em.fork(), filter, aliases)).filter?.tags).toEqual(["kintone", "未知のタグ"]);
      version = "v2";
      const moved = await countingStatements(() => canonicalTagFilter(kb.orm.em.fork(), filter, aliases));
      expect(moved.statements).toBe(1);
      expect(moved.value.filter?.tags).toEqual(["kintone2", "未知のタグ"]);
    } finally {
      await kb.orm.em.fork().execute("update tags set name = 'kintone' where name = 'kintone2'");
    }
  });

  it("reads again once its answers are older than maxAgeMs, even on the same version", async () => {
    const aliases = new TagAliasCache(async () => "same", 0);
    const filter = { tags: ["kintone"] };
    await canonicalTagFilter(kb.orm.em.fork(), filter, aliases);
    await new Promise((r) => setTimeout(r, 5));
    expect((await countingStatements(() => canonicalTagFilter(kb.orm.em.fork(), filter, aliases))).statements).toBe(1);
  });

  it("costs nothing for a filter without tags", async () => {
    const aliases = new TagAliasCache(async () => "v");
    const none = await countingStatements(() => canonicalTagFilter(kb.orm.em.fork(), { kinds: ["KINTONE_APP"] }, aliases));
    expect(none.statements).toBe(0);
  });
});

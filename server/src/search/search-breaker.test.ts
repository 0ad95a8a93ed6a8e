import { MeilisearchApiError, type Meilisearch } from "meilisearch";
import { describe, expect, it } from "vitest";
import { CaseSearchIndex, SearchUnavailableError } from "./case-search-index.js";

/**
 * The reader-side circuit breaker's rules, against a stand-in search client (no engine needed): one
 * engine failure opens it for breakerCooldownMs, a 4xx never does, after the cooldown calls try the
 * engine again. search-sync.test.ts and test/fault check the same with real processes.
 */
function standIn(answer: () => Promise<unknown>): { client: Meilisearch; calls: () => number } {
  let calls = 0;
  const client = {
    index: () => ({}),
    multiSearch: async () => {
      calls++;
      return { results: [await answer()] };
    },
  } as unknown as Meilisearch;
  return { client, calls: () => calls };
}

const apiError = (status: number) =>
  new MeilisearchApiError(new Response(null, { status }), { message: "refused", code: "invalid_search_q", type: "invalid_request", link: "" });

describe("search circuit breaker", () => {
  it("opens on one engine failure, fails fast while open, and closes once the engine answers again", async () => {
    let down = true;
    const { client, calls } = standIn(async () => {
      if (down) throw new Error("connect ECONNREFUSED");
      return { hits: [] };
    });
    const index = new CaseSearchIndex(client, "cases", client, { breakerCooldownMs: 200, resultCacheEntries: 0 });
    // Many successes before do not keep it closed: one failure is enough.
    down = false;
    for (let i = 0; i < 5; i++) await index.multiSearch([]);
    down = true;
    await expect(index.multiSearch([])).rejects.toBeInstanceOf(SearchUnavailableError);
    const before = calls();
    const fast = await index.multiSearch([]).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(SearchUnavailableError);
    expect((fast as Error).message).toContain("recently failed");
    expect(calls()).toBe(before); // the engine was not asked
    await new Promise((r) => setTimeout(r, 250));
    // After the cooldown every call asks the engine again (not one trial while the others are refused).
    const n = calls();
    await Promise.all([index.multiSearch([]).catch(() => {}), index.multiSearch([]).catch(() => {})]);
    expect(calls()).toBe(n + 2);
    await new Promise((r) => setTimeout(r, 250));
    down = false;
    await expect(index.multiSearch([])).resolves.toEqual([{ hits: [] }]);
    await expect(index.multiSearch([])).resolves.toEqual([{ hits: [] }]);
  });

  it("passes a 4xx through as it is, without opening", async () => {
    let status = 400;
    const { client, calls } = standIn(async () => {
      if (status >= 400) throw apiError(status);
      return { hits: [] };
    });
    const index = new CaseSearchIndex(client, "cases", client, { breakerCooldownMs: 60_000, resultCacheEntries: 0 });
    await expect(index.multiSearch([])).rejects.toBeInstanceOf(MeilisearchApiError);
    status = 0;
    await expect(index.multiSearch([])).resolves.toEqual([{ hits: [] }]);
    status = 503;
    await expect(index.multiSearch([])).rejects.toBeInstanceOf(SearchUnavailableError);
    status = 0;
    const n = calls();
    await expect(index.multiSearch([])).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(calls()).toBe(n);
  });
});

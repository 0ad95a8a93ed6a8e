import { describe, expect, it } from "vitest";
import { searchArgsSchema } from "@kb/shared";
import { planSearch, visibilityFilter } from "./search-request.js";

/** Issue 15: the server's visibility clause is on every query a search page sends, first, whatever the reader chose. */
describe("the visibility clause of a search request", () => {
  const A = "7b0b5a52-57d1-4a43-9a53-6a1e3f8b1c01";
  const B = "0d7c2a1e-3b4f-4c5d-8e6f-7a8b9c0d1e2f";

  it("names the readable organisations, quoted, in a stable order", () => {
    expect(visibilityFilter([A, B])).toBe(visibilityFilter([B, A]));
    expect(visibilityFilter([A])).toBe(`organisationId IN ["${A}"]`);
  });

  it("matches nothing when no organisation is readable", () => {
    expect(visibilityFilter([])).toBe(`organisationId = "-"`);
  });

  it("leads the filter of the main query and of every facet query", () => {
    const args = searchArgsSchema.parse({ query: "予約", filter: { tags: ["kintone"], kinds: ["PRACTICE"] } });
    const { queries } = planSearch("cases", args, "all", visibilityFilter([A]));
    expect(queries.length).toBeGreaterThan(1);
    for (const q of queries) expect((q.filter as string[])[0]).toBe(`organisationId IN ["${A}"]`);
    // Without any filter of the reader's own, the clause is still there.
    const bare = planSearch("cases", searchArgsSchema.parse({ query: "" }), "all", visibilityFilter([B]));
    expect(bare.queries[0]!.filter).toEqual([`organisationId IN ["${B}"]`]);
  });
});

import { describe, expect, it } from "vitest";
import { searchArgsSchema } from "@kb/shared";
import { planSearch, visibilityFilter } from "./search-request.js";

/**
 * Issues 15 and 16: the server's visibility clause (organisations/readership.ts) is on every query a
 * search page sends, first, whatever the reader chose.
 */
describe("the visibility clause of a search request", () => {
  const A = "7b0b5a52-57d1-4a43-9a53-6a1e3f8b1c01";
  const B = "0d7c2a1e-3b4f-4c5d-8e6f-7a8b9c0d1e2f";

  it("a member reads their own organisation and the commons", () => {
    expect(visibilityFilter({ organisationId: A, publicOrganisationIds: [B] })).toBe(`(organisationId = "${A}" OR sharing = "COMMONS")`);
  });

  it("an anonymous visitor reads the commons of public-reading organisations, named quoted in a stable order", () => {
    expect(visibilityFilter({ organisationId: null, publicOrganisationIds: [A, B] })).toBe(visibilityFilter({ organisationId: null, publicOrganisationIds: [B, A] }));
    expect(visibilityFilter({ organisationId: null, publicOrganisationIds: [A] })).toBe(`(sharing = "COMMONS" AND organisationId IN ["${A}"])`);
  });

  it("leads the filter of the main query and of every facet query", () => {
    const clause = visibilityFilter({ organisationId: A, publicOrganisationIds: [] });
    const args = searchArgsSchema.parse({ query: "予約", filter: { tags: ["kintone"], kinds: ["PRACTICE"] } });
    const { queries } = planSearch("cases", args, "all", clause);
    expect(queries.length).toBeGreaterThan(1);
    for (const q of queries) expect((q.filter as string[])[0]).toBe(clause);
    // Without any filter of the reader's own, the clause is still there.
    const bare = planSearch("cases", searchArgsSchema.parse({ query: "" }), "all", clause);
    expect(bare.queries[0]!.filter).toEqual([clause]);
  });
});

import { EMPTY_SEARCH, parseSearchUrl, SEARCH_MAX_PAGE, toSearchParams } from "@kb/shared";
import { describe, expect, it } from "vitest";
import { toggleFacetValue, toSearchVariables, withMinAdoptions, withSort } from "./searchParams";

const parse = (query: string) => parseSearchUrl(new URLSearchParams(query));

describe("search URL state", () => {
  it("reads repeatable params and drops invalid values", () => {
    const state = parse("q=%E4%BA%88%E7%B4%84&kind=WORKSHOP&kind=NOPE&kind=KINTONE_APP&fy=2024&fy=%E4%BB%A4%E5%92%8C5%E5%B9%B4%E5%BA%A6&fy=x&fy=R6&tag=kintone&tag=kintone&page=2");
    expect(state).toEqual({
      q: "予約",
      kinds: ["KINTONE_APP", "WORKSHOP"],
      departments: [],
      fiscalYears: [2024, 2023],
      tags: ["kintone"],
      sort: "RELEVANCE",
      page: 2,
    });
  });

  it("normalises full-width text and clamps the page", () => {
    expect(parse("q=%EF%BD%8B%EF%BD%89%EF%BD%8E%EF%BD%94%EF%BD%8F%EF%BD%8E%EF%BD%85&page=-3").q).toBe("kintone");
    expect(parse("page=99999").page).toBe(SEARCH_MAX_PAGE);
    expect(parse("page=abc").page).toBe(1);
  });

  it("round-trips through the URL in a canonical order", () => {
    const state = { ...EMPTY_SEARCH, q: "窓口 DX", tags: ["生成AI", "kintone"], departments: ["子育て支援課"], page: 3 };
    const params = toSearchParams(state);
    expect(params.getAll("tag")).toEqual(["kintone", "生成AI"]);
    expect(parseSearchUrl(params)).toEqual({ ...state, tags: ["kintone", "生成AI"] });
    expect(toSearchParams(EMPTY_SEARCH).toString()).toBe("");
  });

  it("builds searchCases variables with 20 per page and no empty filter", () => {
    expect(toSearchVariables({ ...EMPTY_SEARCH, page: 3 })).toEqual({ query: "", first: 20, offset: 40, sort: "RELEVANCE" });
    expect(toSearchVariables({ ...EMPTY_SEARCH, kinds: ["PRACTICE"], fiscalYears: [2024] })).toEqual({
      query: "",
      first: 20,
      offset: 0,
      sort: "RELEVANCE",
      filter: { kinds: ["PRACTICE"], fiscalYears: [2024] },
    });
  });

  it("keeps a non-default sort in the URL and drops an unknown one; a new sort starts at page 1", () => {
    expect(parse("q=a&sort=NEWEST").sort).toBe("NEWEST");
    expect(parse("q=a&sort=MOST_LIKED").sort).toBe("RELEVANCE");
    expect(toSearchParams({ ...EMPTY_SEARCH, sort: "NEWEST" }).toString()).toBe("sort=NEWEST");
    expect(toSearchParams({ ...EMPTY_SEARCH, sort: "RELEVANCE" }).toString()).toBe("");
    expect(withSort({ ...EMPTY_SEARCH, page: 5 }, "NEWEST")).toEqual({ ...EMPTY_SEARCH, sort: "NEWEST", page: 1 });
    expect(toSearchVariables({ ...EMPTY_SEARCH, sort: "NEWEST" }).sort).toBe("NEWEST");
  });

  it("toggling a facet value resets the page", () => {
    const state = toggleFacetValue({ ...EMPTY_SEARCH, page: 4, kinds: ["WORKSHOP"] }, "kinds", "KINTONE_APP", true);
    expect(state.kinds).toEqual(["KINTONE_APP", "WORKSHOP"]);
    expect(state.page).toBe(1);
    expect(toggleFacetValue(state, "kinds", "WORKSHOP", false).kinds).toEqual(["KINTONE_APP"]);
  });
});

describe("the adoption filter (横展開, issue 5)", () => {
  it("reads 1 or 3 from ?adopted=, drops anything else and sends minAdoptionCount", () => {
    expect(parse("adopted=1").minAdoptions).toBe(1);
    expect(parse("adopted=3").minAdoptions).toBe(3);
    expect(parse("adopted=2").minAdoptions).toBeUndefined();
    expect(parse("adopted=x").minAdoptions).toBeUndefined();
    expect(toSearchVariables(parse("adopted=3&sort=MOST_ADOPTED"))).toEqual({
      query: "",
      first: 20,
      offset: 0,
      sort: "MOST_ADOPTED",
      filter: { minAdoptionCount: 3 },
    });
    expect(toSearchParams(withMinAdoptions({ ...EMPTY_SEARCH, page: 4 }, 1)).toString()).toBe("adopted=1");
    expect(toSearchParams(withMinAdoptions(parse("adopted=1&tag=kintone"), 0)).toString()).toBe("tag=kintone");
  });
});

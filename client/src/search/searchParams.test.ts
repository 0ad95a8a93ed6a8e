import { EMPTY_SEARCH, parseSearchUrl, SEARCH_MAX_PAGE, toSearchParams } from "@kb/shared";
import { describe, expect, it } from "vitest";
import { clearFilters, toggleFacetValue, toSearchVariables, withMinAdoptions, withPreferSimilar, withSort } from "./searchParams";

const parse = (query: string) => parseSearchUrl(new URLSearchParams(query));

describe("search URL state", () => {
  it("reads repeatable params and drops invalid values", () => {
    const state = parse("q=%E4%BA%88%E7%B4%84&kind=WORKSHOP&kind=NOPE&kind=KINTONE_APP&fy=2024&fy=%E4%BB%A4%E5%92%8C5%E5%B9%B4%E5%BA%A6&fy=x&fy=R6&tag=kintone&tag=kintone&page=2");
    expect(state).toEqual({
      ...EMPTY_SEARCH,
      q: "予約",
      kinds: ["KINTONE_APP", "WORKSHOP"],
      fiscalYears: [2024, 2023],
      tags: ["kintone"],
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
    expect(toSearchVariables({ ...EMPTY_SEARCH, page: 3 })).toEqual({ query: "", first: 20, offset: 40, sort: "RELEVANCE", preferSimilar: true });
    expect(toSearchVariables({ ...EMPTY_SEARCH, kinds: ["PRACTICE"], fiscalYears: [2024] })).toEqual({
      query: "",
      first: 20,
      offset: 0,
      sort: "RELEVANCE",
      preferSimilar: true,
      filter: { kinds: ["PRACTICE"], fiscalYears: [2024] },
    });
  });

  it("carries the commons facets and 似た自治体を優先 (issue 16)", () => {
    const organisation = "0b7c1a2e-3f4d-4e5a-8b6c-7d8e9f0a1b2c";
    const state = parse(`pref=兵庫県&pref=北海道&pref=ムー県&okind=CORE_CITY&okind=NOPE&pop=FROM_50K&org=${organisation}&org=x&similar=0`);
    expect(state).toMatchObject({
      prefectures: ["北海道", "兵庫県"],
      organisationKinds: ["CORE_CITY"],
      populationBands: ["FROM_50K"],
      organisations: [organisation],
      preferSimilar: false,
    });
    expect(toSearchVariables(state)).toMatchObject({
      preferSimilar: false,
      filter: { prefectures: ["北海道", "兵庫県"], organisationKinds: ["CORE_CITY"], populationBands: ["FROM_50K"], organisations: [organisation] },
    });
    expect(toSearchParams(withPreferSimilar(state, true)).get("similar")).toBeNull();
    expect(toSearchParams(clearFilters(state)).toString()).toBe("similar=0");
    const ticked = toggleFacetValue({ ...EMPTY_SEARCH, page: 3 }, "populationBands", "UNKNOWN", true);
    expect(ticked).toMatchObject({ populationBands: ["UNKNOWN"], page: 1 });
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
      preferSimilar: true,
      filter: { minAdoptionCount: 3 },
    });
    expect(toSearchParams(withMinAdoptions({ ...EMPTY_SEARCH, page: 4 }, 1)).toString()).toBe("adopted=1");
    expect(toSearchParams(withMinAdoptions(parse("adopted=1&tag=kintone"), 0)).toString()).toBe("tag=kintone");
  });
});

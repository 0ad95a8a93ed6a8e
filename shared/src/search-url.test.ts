import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CASE_KINDS } from "./enums.js";
import { ORGANISATION_KINDS, POPULATION_BANDS, PREFECTURES } from "./organisation-terms.js";
import { SEARCH_SORTS } from "./search-terms.js";
import { searchArgsFromUrl, searchFilterSchema } from "./search.js";
import { EMPTY_SEARCH, isValidSearchFilter, parseSearchUrl, SEARCH_FILTER_VALUE_CHECKS, SEARCH_MAX_PAGE, toSearchParams, toSearchString, type SearchState } from "./search-url.js";

const parse = (query: string) => parseSearchUrl(new URLSearchParams(query));
const strict = (query: string) => searchArgsFromUrl(new URLSearchParams(query), { first: 100 });

describe("the search page's reading of its URL", () => {
  it("reads every parameter, 年度 in any spelling, in canonical order", () => {
    expect(parse("q=予約&kind=WORKSHOP&kind=KINTONE_APP&dept=子育て支援課&fy=R5&fy=令和6年度&tag=生成AI&tag=kintone&adopted=3&sort=NEWEST&page=2")).toEqual({
      ...EMPTY_SEARCH,
      q: "予約",
      kinds: ["KINTONE_APP", "WORKSHOP"],
      departments: ["子育て支援課"],
      fiscalYears: [2024, 2023],
      tags: ["kintone", "生成AI"],
      minAdoptions: 3,
      sort: "NEWEST",
      page: 2,
    });
  });

  it("drops junk instead of failing the page", () => {
    expect(parse("kind=NOPE&fy=x&fy=1800&adopted=2&sort=MOST_LIKED&page=abc&tag=&dept=%20")).toEqual(EMPTY_SEARCH);
    expect(parse("page=-3").page).toBe(1);
    expect(parse("page=99999").page).toBe(SEARCH_MAX_PAGE);
    expect(parse("q=" + "あ".repeat(600)).q).toHaveLength(500);
    expect(parse(Array.from({ length: 40 }, (_, i) => `tag=t${i}`).join("&")).tags).toHaveLength(30);
  });

  it("normalises full-width text, and one value typed two ways is one value", () => {
    expect(parse("q=ｋｉｎｔｏｎｅ　アプリ&tag=ｋｉｎｔｏｎｅ&tag=kintone&dept=子育て支援課　&fy=２０２４")).toEqual({
      ...EMPTY_SEARCH,
      q: "kintone アプリ",
      tags: ["kintone"],
      departments: ["子育て支援課"],
      fiscalYears: [2024],
    });
  });

  it("writes the defaults as nothing", () => {
    expect(toSearchString(EMPTY_SEARCH)).toBe("");
    expect(toSearchString({ ...EMPTY_SEARCH, sort: "NEWEST" })).toBe("?sort=NEWEST");
  });

  it("round-trips any state the page can be in", () => {
    const word = fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.normalize("NFKC").replace(/\s+/gu, " ").trim()).filter((s) => s !== "" && !s.includes("\u0000"));
    const state: fc.Arbitrary<SearchState> = fc.record({
      q: fc.oneof(fc.constant(""), word),
      kinds: fc.uniqueArray(fc.constantFrom(...CASE_KINDS)),
      departments: fc.uniqueArray(word, { maxLength: 5 }),
      fiscalYears: fc.uniqueArray(fc.integer({ min: 1990, max: 2100 }), { maxLength: 5 }),
      tags: fc.uniqueArray(word, { maxLength: 5 }),
      organisations: fc.uniqueArray(fc.uuid().map((u) => u.toLowerCase()), { maxLength: 3 }),
      prefectures: fc.uniqueArray(fc.constantFrom(...PREFECTURES), { maxLength: 5 }),
      organisationKinds: fc.uniqueArray(fc.constantFrom(...ORGANISATION_KINDS)),
      populationBands: fc.uniqueArray(fc.constantFrom(...POPULATION_BANDS)),
      sort: fc.constantFrom(...SEARCH_SORTS),
      page: fc.integer({ min: 1, max: SEARCH_MAX_PAGE }),
      preferSimilar: fc.boolean(),
    });
    fc.assert(
      fc.property(state, fc.constantFrom(undefined, 1, 3), (s, minAdoptions) => {
        const withAdoptions = minAdoptions ? { ...s, minAdoptions } : s;
        const read = parseSearchUrl(new URLSearchParams(toSearchString(withAdoptions)));
        expect(toSearchString(read)).toBe(toSearchString(withAdoptions));
        expect(read).toEqual(parseSearchUrl(toSearchParams(read)));
      }),
    );
  });
});

describe("the page's checks without zod", () => {
  it("take each filter value exactly when searchFilterSchema takes it", () => {
    const shape = searchFilterSchema.shape;
    const takes = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;
    const text = fc.oneof(
      fc.string({ maxLength: 120, unit: "binary" }),
      fc.string({ minLength: 45, maxLength: 105 }),
      fc.constantFrom("\u0000", "a\uD800", "\uDC00b", "😀".repeat(26), "あ".repeat(50), "あ".repeat(51), "x".repeat(100), "x".repeat(101)),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect(SEARCH_FILTER_VALUE_CHECKS.departments(value)).toBe(takes(shape.departments.unwrap().element, value));
        expect(SEARCH_FILTER_VALUE_CHECKS.tags(value)).toBe(takes(shape.tags.unwrap().element, value));
        expect(SEARCH_FILTER_VALUE_CHECKS.kinds(value)).toBe(takes(shape.kinds.unwrap().element, value));
        expect(SEARCH_FILTER_VALUE_CHECKS.prefectures(value)).toBe(takes(shape.prefectures.unwrap().element, value));
        expect(SEARCH_FILTER_VALUE_CHECKS.organisationKinds(value)).toBe(takes(shape.organisationKinds.unwrap().element, value));
        expect(SEARCH_FILTER_VALUE_CHECKS.populationBands(value)).toBe(takes(shape.populationBands.unwrap().element, value));
        expect(SEARCH_FILTER_VALUE_CHECKS.organisations(value)).toBe(takes(shape.organisations.unwrap().element, value));
      }),
    );
    for (const kind of CASE_KINDS) expect(SEARCH_FILTER_VALUE_CHECKS.kinds(kind)).toBe(true);
    for (const value of ["兵庫県", "CORE_CITY", "FROM_50K", "UNKNOWN"]) {
      for (const key of ["prefectures", "organisationKinds", "populationBands"] as const) {
        expect(SEARCH_FILTER_VALUE_CHECKS[key](value), `${key} ${value}`).toBe(takes(shape[key].unwrap().element, value));
      }
    }
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.uuid({ version: [1, 4, 7] }).map((u) => u.toUpperCase()), fc.string({ maxLength: 40 })), (value) => {
        expect(SEARCH_FILTER_VALUE_CHECKS.organisations(value)).toBe(takes(shape.organisations.unwrap().element, value));
      }),
    );
    const year = fc.oneof(fc.integer({ min: 1800, max: 2300 }), fc.double(), fc.constantFrom(Number.NaN, Infinity, 1899.5, 2200.0001, 1900, 2200));
    fc.assert(
      fc.property(year, (value) => {
        expect(SEARCH_FILTER_VALUE_CHECKS.fiscalYears(value)).toBe(takes(shape.fiscalYears.unwrap().element, value));
      }),
    );
  });

  it("take a whole filter exactly when searchFilterSchema takes it", () => {
    const some = <T>(value: fc.Arbitrary<T>, max: number) => fc.option(fc.array(value, { maxLength: max }), { nil: undefined });
    const word = fc.oneof({ arbitrary: fc.string({ maxLength: 6 }), weight: 30 }, fc.constantFrom("x".repeat(51), "x".repeat(101), "\u0000"));
    const filter = fc.record(
      {
        kinds: some(fc.oneof(fc.constantFrom(...CASE_KINDS), fc.constant("NOPE")), 6),
        departments: some(word, 52),
        fiscalYears: some(fc.oneof(fc.integer({ min: 1890, max: 2210 }), fc.constant(Number.NaN)), 52),
        tags: some(word, 32),
        prefectures: some(fc.oneof(fc.constantFrom(...PREFECTURES), fc.constant("ムー県")), 48),
        organisationKinds: some(fc.oneof(fc.constantFrom(...ORGANISATION_KINDS), fc.constant("NOPE")), 9),
        populationBands: some(fc.oneof(fc.constantFrom(...POPULATION_BANDS), fc.constant("HUGE")), 6),
        organisations: some(fc.oneof(fc.uuid(), fc.constant("x")), 51),
        minAdoptionCount: fc.option(fc.oneof(fc.integer({ min: -2, max: 10_002 }), fc.constant(1.5)), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filter, (f) => {
        const defined = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
        expect(isValidSearchFilter(defined)).toBe(searchFilterSchema.safeParse(defined).success);
      }),
    );
    expect(isValidSearchFilter({ kinds: [], extra: 1 } as { kinds: string[] })).toBe(false);
  });
});

describe("an export's reading of the same URL", () => {
  it("gives the search arguments the page searched with", () => {
    const url = toSearchString({ ...EMPTY_SEARCH, q: "予約", kinds: ["KINTONE_APP"], fiscalYears: [2024], tags: ["kintone"], minAdoptions: 1, sort: "MOST_ADOPTED", page: 3 });
    const parsed = strict(url.slice(1));
    expect(parsed.success && parsed.data).toEqual({
      query: "予約",
      first: 100,
      offset: 0,
      sort: "MOST_ADOPTED",
      preferSimilar: true,
      filter: { kinds: ["KINTONE_APP"], fiscalYears: [2024], tags: ["kintone"], minAdoptionCount: 1 },
    });
    const commons = strict("pref=兵庫県&okind=CORE_CITY&pop=FROM_200K&similar=0");
    expect(commons.data).toMatchObject({ preferSimilar: false, filter: { prefectures: ["兵庫県"], organisationKinds: ["CORE_CITY"], populationBands: ["FROM_200K"] } });
    expect(strict("fy=R6").data?.filter).toEqual({ fiscalYears: [2024] });
    expect(strict("").data).toEqual({ query: "", first: 100, offset: 0, sort: "RELEVANCE", preferSimilar: true });
  });

  it("refuses what the page would drop, naming where", () => {
    for (const junk of ["kind=NOPE", "fy=x", "sort=MOST_LIKED", "adopted=x", "q=%00", `q=${"あ".repeat(501)}`]) {
      const parsed = strict(junk);
      expect(parsed.success, junk).toBe(false);
    }
    expect(strict("kind=NOPE").error?.issues[0]?.path).toEqual(["filter", "kinds", 0]);
  });
});

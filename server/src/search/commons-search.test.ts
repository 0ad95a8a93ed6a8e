import { localGovernmentCheckDigit } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { AuthService } from "../auth/index.js";
import type { Viewer } from "../kernel/index.js";
import { createOrganisation, updateOrganisation } from "../organisations/index.js";

/**
 * Issue 16 items 2 and 3 against the real engine: the organisation facets (自治体, 都道府県, 団体区分,
 * 人口規模) are disjunctive like the others, an organisation's change re-indexes its cases, and
 * 似た自治体を優先 orders equally relevant cases by how alike their organisation is to the reader's.
 */

let kb: TestBackend;
let reader: Viewer & { email: string; password: string };
const ids: Record<string, string> = {};

const code = (firstFive: string) => `${firstFive}${localGovernmentCheckDigit(firstFive)}`;

/** Four organisations besides the reader's, each with one case saying exactly the same thing. */
const ORGANISATIONS = {
  // The reader: a 中核市 of 兵庫県, 20万〜50万人.
  reader: { name: "読者市", kana: "どくしゃし", prefecture: "兵庫県", kind: "CORE_CITY", code: code("28901"), population: 400_000, populationAsOf: "2025-01-01" },
  // 中核市, same band, another prefecture: two of three alike.
  strong: { name: "同規模市", kana: "どうきぼし", prefecture: "愛知県", kind: "CORE_CITY", code: code("23901"), population: 350_000, populationAsOf: "2025-01-01" },
  // Same prefecture only.
  weak: { name: "県内町", kana: "けんないちょう", prefecture: "兵庫県", kind: "TOWN", code: code("28902"), population: 12_000, populationAsOf: "2025-01-01" },
  // Nothing alike.
  far: { name: "遠方村", kana: "えんぽうむら", prefecture: "北海道", kind: "VILLAGE", code: code("01901"), population: 3_000, populationAsOf: "2025-01-01" },
} as const;

const SEARCH = `query ($query: String!, $filter: CaseSearchFilter, $first: Int, $offset: Int, $preferSimilar: Boolean) {
  searchCases(query: $query, filter: $filter, first: $first, offset: $offset, preferSimilar: $preferSimilar) {
    total
    hits { case { id } organisation { id name prefecture kind populationBand } likeness { samePrefecture sameKind samePopulationBand } }
    facets { organisation { value count label } prefecture { value count } organisationKind { value count } populationBand { value count } kind { value count } }
  }
}`;

type Result = {
  total: number;
  hits: { case: { id: string }; organisation: { id: string; name: string; prefecture: string; kind: string; populationBand: string } | null; likeness: Record<string, boolean> | null }[];
  facets: Record<string, { value: string; count: number; label?: string | null }[]>;
};

async function search(variables: Record<string, unknown>, viewer: Viewer | null = reader): Promise<Result> {
  const r = await kb.gql<{ searchCases: Result }>(SEARCH, { query: "雪囲い 共同作業", ...variables }, { viewer });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.searchCases;
}

const counts = (list: { value: string; count: number }[]) => Object.fromEntries(list.map((c) => [c.value, c.count]));

beforeAll(async () => {
  kb = await createTestBackend();
  for (const [key, input] of Object.entries(ORGANISATIONS)) {
    // publicReading: anonymous visitors read the commons cases too (the 似た自治体 test below reads as one).
    const organisation = await createOrganisation(kb.orm.em.fork(), { ...input, publicReading: true }, null);
    ids[key] = organisation.id;
    await kb.importCases(
      [buildCase({ title: "雪囲いの共同作業を地域で進めた", summary: "高齢者世帯の雪囲いを地域の共同作業で行った。", tags: ["雪囲い"], department: `${input.name}地域課`, sharing: "COMMONS" })],
      { organisationId: organisation.id },
    );
  }
  reader = await kb.createViewer({ organisation: ORGANISATIONS.reader.code, department: "読者課" });
});

afterAll(async () => {
  await kb?.close();
});

const organisationOfHit = (hit: Result["hits"][number]) => Object.entries(ids).find(([, id]) => id === hit.organisation?.id)?.[0];

describe("organisation facets", () => {
  it("count every visible case by 自治体 (named), 都道府県, 団体区分 and 人口規模", async () => {
    const r = await search({});
    expect(r.total).toBe(4);
    expect(counts(r.facets.prefecture!)).toEqual({ 兵庫県: 2, 愛知県: 1, 北海道: 1 });
    expect(counts(r.facets.organisationKind!)).toEqual({ CORE_CITY: 2, TOWN: 1, VILLAGE: 1 });
    expect(counts(r.facets.populationBand!)).toEqual({ FROM_200K: 2, UNDER_50K: 2 });
    expect(r.facets.organisation!.find((c) => c.value === ids.weak)).toEqual({ value: ids.weak, count: 1, label: "県内町" });
    expect(r.hits.every((h) => h.organisation !== null)).toBe(true);
  });

  it("are disjunctive: a facet's own selection leaves its counts, the others' selections narrow them", async () => {
    const r = await search({ filter: { prefectures: ["兵庫県"] } });
    expect(r.total).toBe(2);
    // 都道府県 still offers the others with their counts …
    expect(counts(r.facets.prefecture!)).toEqual({ 兵庫県: 2, 愛知県: 1, 北海道: 1 });
    // … while the other facets count only 兵庫県's cases.
    expect(counts(r.facets.populationBand!)).toEqual({ FROM_200K: 1, UNDER_50K: 1 });
    expect(counts(r.facets.organisationKind!)).toEqual({ CORE_CITY: 1, TOWN: 1 });
    const both = await search({ filter: { prefectures: ["兵庫県"], populationBands: ["UNDER_50K"] } });
    expect(both.total).toBe(1);
    expect(both.hits[0]!.organisation!.name).toBe("県内町");
    expect(counts(both.facets.populationBand!)).toEqual({ FROM_200K: 1, UNDER_50K: 1 });
    const byOrganisation = await search({ filter: { organisations: [ids.far] } });
    expect(byOrganisation.hits.map((h) => h.organisation!.name)).toEqual(["遠方村"]);
    expect(counts(byOrganisation.facets.organisation!)[ids.strong!]).toBe(1);
  });

  it("finds 自治体 by any part of their name, reading or 都道府県, counting only cases the reader may read", async () => {
    const FIND = `query ($facetQuery: String!, $filter: CaseSearchFilter) {
      searchFacetValues(facet: ORGANISATION, facetQuery: $facetQuery, query: "雪囲い 共同作業", filter: $filter) { value count label } }`;
    const find = async (facetQuery: string, filter?: Record<string, unknown>, viewer: Viewer = reader) => {
      const r = await kb.gql<{ searchFacetValues: { value: string; count: number; label: string | null }[] }>(FIND, { facetQuery, filter }, { viewer });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data!.searchFacetValues;
    };
    const weak = [{ value: ids.weak, count: 1, label: "県内町" }];
    expect(await find("県内")).toEqual(weak);
    expect(await find("けんない")).toEqual(weak);
    expect(await find("ＫＥＮ")).toEqual([]);
    expect(await find("愛知")).toEqual([{ value: ids.strong, count: 1, label: "同規模市" }]);
    expect((await find("兵庫")).map((c) => c.label).sort()).toEqual(["県内町", "読者市"].sort());
    expect(await find("存在しない町")).toEqual([]);
    // A nullable argument given as null is no filter, here and in searchCases (it was refused as bad input).
    expect(await find("県内", null as unknown as undefined)).toEqual(weak);
    expect((await kb.gql(SEARCH, { query: "雪囲い", filter: null }, { viewer: reader })).errors).toBeUndefined();
    // A 庁内限定 case of 県内町: not counted for the reader of another organisation, counted for its own.
    await kb.importCases(
      [buildCase({ title: "雪囲いの共同作業の庁内手順", summary: "雪囲いの共同作業の段取り。", department: "県内町地域課", sharing: "ORGANISATION" })],
      { organisationId: ids.weak! },
    );
    expect(await find("県内")).toEqual(weak);
    const member = await kb.createViewer({ organisation: ORGANISATIONS.weak.code, department: "県内町地域課" });
    expect(await find("県内", undefined, member)).toEqual([{ value: ids.weak, count: 2, label: "県内町" }]);
    // Disjunctive like the facet: the 自治体 selection leaves the counts, another facet's narrows them.
    expect(await find("県内", { organisations: [ids.far] })).toEqual(weak);
    expect(await find("県内", { prefectures: ["北海道"] })).toEqual([]);
  });

  it("refuses values that are not 都道府県, 団体区分 or bands", async () => {
    const r = await kb.gql(SEARCH, { query: "", filter: { prefectures: ["兵庫"] } }, { viewer: reader });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("似た自治体を優先", () => {
  it("puts equally relevant cases of like organisations first, says why, and leaves total, pages and facets as they were", async () => {
    const boosted = await search({});
    expect(boosted.hits.slice(0, 2).map(organisationOfHit)).toEqual(["strong", "weak"]);
    expect(boosted.hits[0]!.likeness).toEqual({ samePrefecture: false, sameKind: true, samePopulationBand: true });
    expect(boosted.hits[1]!.likeness).toEqual({ samePrefecture: true, sameKind: false, samePopulationBand: false });
    // The reader's own case and 遠方村's: no reason.
    for (const hit of boosted.hits.slice(2)) expect(hit.likeness).toBeNull();
    const plain = await search({ preferSimilar: false });
    expect(plain.total).toBe(boosted.total);
    expect(plain.facets).toEqual(boosted.facets);
    expect(plain.hits.every((h) => h.likeness === null)).toBe(true);
    expect(new Set(plain.hits.map((h) => h.case.id))).toEqual(new Set(boosted.hits.map((h) => h.case.id)));
    // Page by page, the boosted order, each case once.
    const pages = [];
    for (let offset = 0; offset < 4; offset++) pages.push(...(await search({ first: 1, offset })).hits.map((h) => h.case.id));
    expect(pages).toEqual(boosted.hits.map((h) => h.case.id));
  });

  it("relaxes as the plain search does, and asks for a term as for a phrase: same total, facets and cases, the like ones first", async () => {
    // No case says 除雪機: all words find nothing, so the page is the relaxed one (its hits from the
    // federated request of the relaxed query, its counts from the plan).
    const RELAXED = SEARCH.replace("total", "total relaxed");
    const run = async (preferSimilar: boolean) => {
      const r = await kb.gql<{ searchCases: Result & { relaxed: boolean } }>(RELAXED, { query: "雪囲い 共同作業 除雪機", preferSimilar }, { viewer: reader });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data!.searchCases;
    };
    const [boosted, plain] = [await run(true), await run(false)];
    expect(plain.relaxed).toBe(true);
    expect(boosted.relaxed).toBe(true);
    expect(boosted.total).toBe(plain.total);
    expect(boosted.facets).toEqual(plain.facets);
    expect(new Set(boosted.hits.map((h) => h.case.id))).toEqual(new Set(plain.hits.map((h) => h.case.id)));
    expect(boosted.hits.slice(0, 2).map(organisationOfHit)).toEqual(["strong", "weak"]);
    // One word (a term: its page is asked for beside the plan), the same.
    const term = await search({ query: "雪囲い" });
    const termPlain = await search({ query: "雪囲い", preferSimilar: false });
    expect(term.total).toBe(termPlain.total);
    expect(term.facets).toEqual(termPlain.facets);
    expect(new Set(term.hits.map((h) => h.case.id))).toEqual(new Set(termPlain.hits.map((h) => h.case.id)));
    expect(term.hits.slice(0, 2).map(organisationOfHit)).toEqual(["strong", "weak"]);
  });

  it("takes the reader's organisation from the session's own statement, as the organisation is", async () => {
    const signedIn = await new AuthService(kb.orm.em.fork()).login({ email: reader.email, password: reader.password }, { ip: "10.0.0.1", userAgent: "test" });
    const viewer = await new AuthService(kb.orm.em.fork()).viewerForToken(signedIn.token);
    expect(viewer?.organisationFacts).toEqual({ prefecture: "兵庫県", kind: "CORE_CITY", population: 400_000 });
    const fromSession = await search({}, viewer);
    expect(fromSession.hits.map((h) => [h.case.id, h.likeness])).toEqual((await search({})).hits.map((h) => [h.case.id, h.likeness]));
  });

  it("does nothing for an anonymous visitor", async () => {
    const r = await search({}, null);
    expect(r.total).toBe(4);
    expect(r.hits.every((h) => h.likeness === null)).toBe(true);
  });
});

describe("an organisation's change re-indexes its cases", () => {
  it("follows a rename and a population that moves to another band", async () => {
    await updateOrganisation(kb.orm.em.fork(), ids.far!, { name: "遠方町", population: 60_000 });
    await kb.syncSearch();
    const r = await search({ filter: { organisations: [ids.far] } });
    expect(r.hits[0]!.organisation).toMatchObject({ name: "遠方町", populationBand: "FROM_50K" });
    expect(r.facets.organisation!.find((c) => c.value === ids.far)?.label).toBe("遠方町");
    expect(counts((await search({})).facets.populationBand!)).toEqual({ FROM_200K: 2, UNDER_50K: 1, FROM_50K: 1 });
  });
});

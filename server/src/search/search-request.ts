import type { FederatedMultiSearchParams, MatchingStrategies, MultiSearchQuery } from "meilisearch";
import { normalizeText, type SearchArgs, type SearchFilter, type SearchSort } from "@kb/shared";
import { anyOf, FACET_ATTRIBUTES, filterValue, SEARCH_LOCALES, type FacetAttribute } from "./case-search-index.js";
import { COMPOUND_TERMS } from "../synonyms/index.js";
import type { Readership } from "../organisations/index.js";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from "./search-document.js";

/**
 * The Meilisearch requests behind one search page, as plain data: the service sends them, and the
 * benchmark sends exactly the same ones to raw Meilisearch as its baseline.
 *
 * Facets are disjunctive: the main query carries every filter; each facet that has a selection
 * gets one more query (limit 0) with every filter except its own, so its counts show what picking
 * another value of it would give (selecting 子育て支援課 still shows the other 所属 with counts).
 * All of them travel in one multi-search request.
 */

export const SNIPPET_FIELDS = ["summary", "actions", "results", "background", "tips"] as const;
export type SnippetField = (typeof SNIPPET_FIELDS)[number];
export const CROP_LENGTH = 48;

/** Fewer complete matches than this and the query is relaxed (some words may be missing). */
export const RELAX_BELOW = 5;

export type Strategy = Extract<MatchingStrategies, "all" | "last">;

const COMPOUND_SPLITTER = new RegExp(
  [...COMPOUND_TERMS].sort((a, b) => b.term.length - a.term.length).map((c) => c.term).join("|"),
  "g",
);
const PARTS_OF = new Map(COMPOUND_TERMS.map((c) => [c.term, c.parts.join(" ")]));

/**
 * The relaxed form of a query: dictionary compounds split into their parts (家屋調査 → 家屋 調査),
 * so a case that says 現地調査 about a 家屋 can be found once the exact compound found too little.
 */
/**
 * How far a query that found too little may be relaxed. Words may be dropped from its end
 * ("last": 窓口の待ち時間を減らしたい, Excel研修), except when the query is one dictionary compound:
 * matching one part of 児童扶養手当 is noise, so it keeps every part ("all").
 */
export function relaxedStrategy(query: string): Strategy {
  return PARTS_OF.has(normalizeText(query)) ? "all" : "last";
}

export function relaxQuery(q: string): string {
  return q.replace(COMPOUND_SPLITTER, (term) => ` ${PARTS_OF.get(term) ?? term} `).replace(/\s+/g, " ").trim();
}

/** A relaxed query is asked in at most this many word orders (one query each, in one federated request). */
export const MAX_RELAXED_ORDERS = 4;

/**
 * Where a query breaks into phrases: after a particle that a kanji, katakana or latin word follows
 * (道路の|穴を|市民から|通報してもらいたい). Crude on purpose: it only decides which words a relaxed
 * query may start with; the engine still tokenizes each phrase, so the words sent are the same.
 */
const PHRASE_BREAK = /(?<=の|を|に|は|が|で|と|へ|や|から|まで|より)(?=[^\s\u3041-\u309f])/u;
const HIRAGANA_ONLY = /^[\u3041-\u309f]+$/u;

/**
 * The relaxed query in several word orders, each phrase leading once: the relaxed search merges
 * their answers (federatedRelaxed). "last" drops words from the end, so on its own it requires the
 * first word and ranks every case that has only that word alike: 保育所の問い合わせを記録したい ranked
 * any case of 保育課 as high as one about recording enquiries there. With each phrase leading once,
 * a case having more of the words ranks higher, whichever they are. One order for a single phrase.
 */
export function relaxedOrders(q: string): string[] {
  const relaxed = relaxQuery(q);
  const phrases: string[] = [];
  for (const part of relaxed.split(" ").flatMap((p) => p.split(PHRASE_BREAK))) {
    // A particle on its own (の of 児童 扶養 手当 の現況報告) leads nothing: it stays with the phrase before it.
    if (phrases.length && HIRAGANA_ONLY.test(part)) phrases[phrases.length - 1] += part;
    else if (part) phrases.push(part);
  }
  if (phrases.length < 2) return [relaxed];
  const rotations = Array.from({ length: Math.min(phrases.length, MAX_RELAXED_ORDERS) }, (_, i) => [...phrases.slice(i), ...phrases.slice(0, i)].join(" "));
  // The 「XのY」 leads (weight 1 or 0.6 ranked alike in the relevance suite), from the query as
  // written: 窓口の待ち時間, not the relaxed 窓口の 待ち 時間. Not when the reader quoted words already.
  const phrase = q.includes('"') ? undefined : nounPhrase(q);
  return phrase ? [`"${phrase}"`, ...rotations] : rotations;
}

/** A particle ending a phrase (を of 待ち時間を), and what it leaves: the phrase's word. */
const TRAILING_PARTICLE = /^(.+?)(?:の|を|に|は|が|で|と|へ|や|から|まで|より).*$/u;

/**
 * The first 「XのY」 of a query (紙の契約 of 紙の契約をやめたい, 窓口の待ち時間, 道路の穴): what it is
 * about, as the words a case would write. Asked as a phrase beside the word orders, a case saying
 * 紙の契約 ranks above one that has 紙 (広報紙) and 契約 (契約課) apart, even in its title.
 */
function nounPhrase(q: string): string | undefined {
  const phrases = q.split(" ").flatMap((p) => p.split(PHRASE_BREAK));
  for (let i = 0; i + 1 < phrases.length; i++) {
    const head = phrases[i]!;
    // この, その: no topic of their own (このアプリの使い方 is about アプリの使い方).
    if (!head.endsWith("の") || HIRAGANA_ONLY.test(head)) continue;
    const word = phrases[i + 1]!.replace(TRAILING_PARTICLE, "$1");
    const phrase = `${head}${word}`;
    // The whole query as one phrase adds nothing to the strict search that found too little.
    if (word && !HIRAGANA_ONLY.test(word) && phrase !== q.replace(/\s+/g, "")) return phrase;
  }
  return undefined;
}

/**
 * Later orders weigh slightly less: between cases that have one word each, the query's first
 * (usually its topic: 道路 of 道路の穴を…) still comes first, as with "last" alone.
 */
const ORDER_WEIGHT_STEP = 0.02;
export const relaxedOrderWeight = (order: number): number => 1 - order * ORDER_WEIGHT_STEP;

/**
 * One query of a relaxed plan (its page, or one facet's counts) as a federated search over the
 * relaxed word orders: hits merged by weighted ranking score, each case once, facet counts merged.
 */
export function federatedRelaxed(query: MultiSearchQuery, orders: readonly string[]): FederatedMultiSearchParams {
  const { offset, limit, facets, page: _page, hitsPerPage: _hitsPerPage, ...rest } = query;
  return {
    federation: {
      offset: offset ?? 0,
      limit: limit ?? 20,
      ...(facets?.length ? { facetsByIndex: { [query.indexUid]: facets }, mergeFacets: {} } : {}),
    },
    queries: orders.map((q, i) => ({ ...rest, q, federationOptions: { weight: relaxedOrderWeight(i) } })),
  };
}

type FilterKey = keyof SearchFilter;
const FILTER_OF: Record<FacetAttribute, FilterKey> = {
  kind: "kinds",
  department: "departments",
  fiscalYear: "fiscalYears",
  tags: "tags",
  organisationId: "organisations",
  prefecture: "prefectures",
  organisationKind: "organisationKinds",
  populationBand: "populationBands",
};

/**
 * Values within a facet are ORed, facets are ANDed; every user value is quoted and escaped. The
 * adoption threshold is not a facet: it applies to every query (an integer, checked by zod).
 */
export function buildFilter(filter: SearchFilter | undefined, except?: FacetAttribute): string[] | undefined {
  if (!filter) return undefined;
  const groups: string[] = [];
  for (const attribute of FACET_ATTRIBUTES) {
    if (attribute === except) continue;
    const values = selectedValues(filter, attribute);
    if (!values.length) continue;
    // 組織改正: a 課 named by a former name (renamed, or merged into another) finds the cases it now has.
    if (attribute === "department") groups.push(`${anyOf(attribute, values)} OR ${values.map((v) => `departmentAliases = ${filterValue(v)}`).join(" OR ")}`);
    else groups.push(anyOf(attribute, values));
  }
  const minAdoptions = filter.minAdoptionCount;
  if (minAdoptions !== undefined && Number.isInteger(minAdoptions) && minAdoptions > 0) groups.push(`adoptionCount >= ${minAdoptions}`);
  return groups.length ? groups : undefined;
}

export function selectedValues(filter: SearchFilter | undefined, attribute: FacetAttribute): (string | number)[] {
  const values = (filter?.[FILTER_OF[attribute]] ?? []) as (string | number)[];
  return values.map((v) => (typeof v === "string" ? normalizeText(v) : v));
}

export function sortOf(sort: SearchSort): string[] | undefined {
  switch (sort) {
    case "RELEVANCE":
      return undefined;
    case "NEWEST":
      return ["fiscalYear:desc", "publishedAt:desc"];
    case "MOST_ADOPTED":
      return ["adoptionCount:desc", "publishedAt:desc"];
    default: {
      const unreachable: never = sort;
      return unreachable;
    }
  }
}

/** What a hit says of its case's organisation (search-document.ts organisationFacts). */
export const ORGANISATION_ATTRIBUTES = ["organisationId", "organisationName", "prefecture", "organisationKind", "populationBand"] as const;

export interface SearchPlan {
  queries: MultiSearchQuery[];
  /** A relaxed plan whose queries were answered in these word orders (relaxedOrders, federatedRelaxed). */
  orders?: string[];
  /** For each facet with a selection, the position of its own query in `queries`. */
  facetQueryAt: Partial<Record<FacetAttribute, number>>;
}

/**
 * The visibility clause of every search request (issues 15, 16): what the reader may read by
 * organisations/readership.ts — their own organisation's published cases and the commons, or for an
 * anonymous visitor the commons of public-reading organisations — built by the server, never from
 * client input. It is part of each query's filter, so the search-result cache (keyed by the queries)
 * never serves one reader's answer to a reader who may see less.
 */
export function visibilityFilter(r: Readership): string {
  if (r.organisationId !== null) return `(organisationId = ${filterValue(r.organisationId)} OR sharing = "COMMONS")`;
  return `(sharing = "COMMONS" AND organisationId IN [${[...r.publicOrganisationIds].sort().map(filterValue).join(", ")}])`;
}

/** The filter sent: the visibility clause first, ANDed with the reader's own choices. */
export function withVisibility(visibility: string, filter: string[] | undefined): string[] {
  return [visibility, ...(filter ?? [])];
}

export function planSearch(indexUid: string, args: SearchArgs, strategy: Strategy, visibility: string): SearchPlan {
  const normalized = normalizeText(args.query);
  const q = strategy === "all" ? normalized : relaxQuery(normalized);
  const common = { indexUid, q, locales: [...SEARCH_LOCALES], matchingStrategy: strategy } satisfies Partial<MultiSearchQuery>;
  const selected = FACET_ATTRIBUTES.filter((a) => selectedValues(args.filter, a).length > 0);
  const queries: MultiSearchQuery[] = [
    {
      ...common,
      offset: args.offset,
      limit: args.first,
      filter: withVisibility(visibility, buildFilter(args.filter)),
      sort: sortOf(args.sort),
      facets: FACET_ATTRIBUTES.filter((a) => !selected.includes(a)),
      // adoptionCount: cards show the count the page is sorted by, without another SQL statement.
      // The organisation's attributes: the card names it, and 似た自治体 says how it is like the reader's.
      attributesToRetrieve: ["id", "adoptionCount", ...ORGANISATION_ATTRIBUTES],
      attributesToHighlight: ["title", ...SNIPPET_FIELDS],
      attributesToCrop: [...SNIPPET_FIELDS],
      cropLength: CROP_LENGTH,
      cropMarker: "…",
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      // Which attributes matched: a hit found only in the hidden synonym fields says so on its card.
      showMatchesPosition: true,
    },
  ];
  const facetQueryAt: SearchPlan["facetQueryAt"] = {};
  for (const attribute of selected) {
    facetQueryAt[attribute] = queries.length;
    queries.push({ ...common, limit: 0, filter: withVisibility(visibility, buildFilter(args.filter, attribute)), facets: [attribute] });
  }
  return { queries, facetQueryAt };
}

/**
 * A plan's queries with the main query asking for counts and facets only (no hits, highlights or
 * crops): for a page whose hits come from another request (似た自治体, similar-organisations.ts).
 * Totals and facet counts do not depend on the page, so they are the same; Meilisearch skips
 * ranking, fetching and highlighting the page it would have thrown away.
 */
export function countsOnly(plan: SearchPlan): MultiSearchQuery[] {
  const [main, ...facetQueries] = plan.queries;
  const {
    offset: _offset,
    limit: _limit,
    sort: _sort,
    attributesToRetrieve: _retrieve,
    attributesToHighlight: _highlight,
    attributesToCrop: _crop,
    cropLength: _cropLength,
    cropMarker: _cropMarker,
    highlightPreTag: _pre,
    highlightPostTag: _post,
    showMatchesPosition: _positions,
    ...counts
  } = main!;
  return [{ ...counts, limit: 0 }, ...facetQueries];
}

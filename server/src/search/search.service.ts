import type { MultiSearchQuery, MultiSearchResult, RecordAny } from "meilisearch";
import { normalizeText, type FacetSearchArgs, type SearchArgs } from "@kb/shared";
import type { EntityManager } from "@mikro-orm/postgresql";
import { withIndexedAdoptionCount } from "../adoptions/index.js";
import { type CaseService, loadPublishedCaseViews } from "../cases/index.js";
import { AppError, searchUnavailable } from "../kernel/index.js";
import {
  anyOf,
  FACET_ATTRIBUTES,
  filterValue,
  SEARCH_LOCALES,
  SearchUnavailableError,
  type CaseSearchIndex,
  type FacetAttribute,
} from "./case-search-index.js";
import { hasMatch, markersToHtml, type CaseSearchDocument } from "./search-document.js";
import { loadSynonymExpander } from "../synonyms/index.js";
import { mayReadPublished, type Readership } from "../organisations/index.js";
import { canonicalTagFilter, TagAliasCache, type TagRedirect } from "../tags/index.js";
import { matchedOnlyHidden, matchReasonsOf, type MatchContext } from "./match-reasons.js";
import { federatedPage, likenessOf, type ReaderOrganisation } from "./similar-organisations.js";
import {
  buildFilter,
  countsOnly,
  federatedRelaxed,
  planSearch,
  RELAX_BELOW,
  relaxedOrders,
  relaxedStrategy,
  relaxQuery,
  selectedValues,
  SNIPPET_FIELDS,
  type SearchPlan,
  type SnippetField,
  visibilityFilter,
  withVisibility,
} from "./search-request.js";
import type {
  CaseFacetsView,
  CaseHighlightsView,
  CaseSearchResultView,
  FacetCountView,
  FacetField,
  FilterRelaxationView,
  SearchHitOrganisationView,
  SearchSuggestionsView,
  SimilarCaseView,
} from "./search.types.js";

const FIELD_OF: Record<FacetAttribute, FacetField> = {
  kind: "KIND",
  department: "DEPARTMENT",
  fiscalYear: "FISCAL_YEAR",
  tags: "TAGS",
  organisationId: "ORGANISATION",
  prefecture: "PREFECTURE",
  organisationKind: "ORGANISATION_KIND",
  populationBand: "POPULATION_BAND",
};

/** How many 自治体 whose name matches a facet search are counted (the search returns at most 50). */
const MAX_ORGANISATION_CANDIDATES = 300;

/** One per index (so per process): what tag names in filters stand for, following the index's version. */
const tagAliasCaches = new WeakMap<CaseSearchIndex, TagAliasCache>();

/**
 * Case search: Meilisearch finds ids, highlights and facet counts; PostgreSQL supplies the cases
 * (one batch per page: one SQL statement whatever the page size, cases/published-case-views.ts).
 *
 * When Meilisearch cannot be reached the search fails fast with the typed SEARCH_UNAVAILABLE
 * error rather than hanging (short request timeout, then a circuit breaker): writes are unaffected
 * (they go to the outbox) and the client says search is temporarily unavailable.
 */
export class SearchService {
  constructor(
    private readonly index: CaseSearchIndex,
    /** Kept for the request context's shape; pages are hydrated by cases/published-case-views.ts. */
    readonly cases: CaseService,
    /**
     * Who is reading (organisations/readership.ts, from the request's viewer): every request to the
     * engine is filtered by it and every page hydrated with it.
     */
    private readonly readershipOfRequest: () => Promise<Readership>,
    /** The signed-in reader's organisation (似た自治体); null for anonymous visitors. */
    private readonly readerOrganisation: () => Promise<ReaderOrganisation | null> = async () => null,
  ) {}

  /** Who is reading (read once per request). */
  readership(): Promise<Readership> {
    return this.readershipOfRequest();
  }

  private async visibility(): Promise<string> {
    return visibilityFilter(await this.readership());
  }

  /**
   * A filter's tag names as the index knows them (an old name → the tag it became), with the
   * redirects to show: tags/tag-aliases.ts, answered from a cache that follows the index version.
   */
  async canonicalTagFilter(em: EntityManager, filter: SearchArgs["filter"]): Promise<{ filter: SearchArgs["filter"]; redirects: TagRedirect[] }> {
    let aliases = tagAliasCaches.get(this.index);
    if (!aliases) {
      const index = this.index;
      // The version of whichever node answers readers (one node may be down: case-search-index.ts).
      aliases = new TagAliasCache(() => index.readerVersion());
      tagAliasCaches.set(this.index, aliases);
    }
    // Both nodes down: the coded SEARCH_UNAVAILABLE, not an unexpected error.
    const cache = aliases;
    return this.guard(() => canonicalTagFilter(em, filter, cache));
  }

  /**
   * Runs the Meilisearch side of a search page: all words first, relaxed when too little is found.
   * `countsOnly`: the main query asks for totals and facets alone (the page's hits come from
   * elsewhere, see runPage); the plan returned is the full one either way.
   */
  async runPlan(
    args: SearchArgs,
    options: { countsOnly?: boolean } = {},
  ): Promise<{ plan: SearchPlan; results: MultiSearchResult<RecordAny>[]; relaxed: boolean; strictTotal: number }> {
    const visibility = await this.visibility();
    const strict = planSearch(this.index.uid, args, "all", visibility);
    const query = normalizeText(args.query);
    const sent = (plan: SearchPlan) => (options.countsOnly ? countsOnly(plan) : plan.queries);
    // A phrase such as 窓口の待ち時間を減らしたい often needs relaxing: ask for both forms in the
    // same request instead of paying a second round trip. A term asks for the relaxed form only
    // when the strict one found too little (rare).
    const phrase = isPhrase(query);
    const loose = query ? planSearch(this.index.uid, args, relaxedStrategy(query), visibility) : undefined;
    const both = phrase && loose ? await this.send([...sent(strict), ...sent(loose)]) : undefined;
    const results = both ? both.slice(0, strict.queries.length) : await this.send(sent(strict));
    const total = results[0]?.estimatedTotalHits ?? 0;
    if (total >= RELAX_BELOW || !loose) return { plan: strict, results, relaxed: false, strictTotal: total };
    const relaxedResults = both ? both.slice(strict.queries.length) : await this.send(sent(loose));
    if ((relaxedResults[0]?.estimatedTotalHits ?? 0) <= total) return { plan: strict, results, relaxed: false, strictTotal: total };
    // Words dropped from the end only ("last"): then in every word order, so a case with more of the
    // words ranks higher whichever they are (search-request.ts relaxedOrders). Pages, totals and facet
    // counts all come from the same federated searches, so they describe the same cases. 新しい順 and
    // 横展開の多い順 keep "last": a federation merges by score, not by a sort.
    const orders = args.sort === "RELEVANCE" && loose.queries[0]!.matchingStrategy === "last" ? relaxedOrders(query) : [];
    if (orders.length < 2) return { plan: loose, results: relaxedResults, relaxed: true, strictTotal: total };
    // countsOnly: the main query's federation asks for no page either (limit 0).
    const relaxedSent = sent(loose);
    const federated = await Promise.all(relaxedSent.map((q) => this.guard(() => this.index.federatedSearch(federatedRelaxed(q, orders)))));
    const merged = federated.map((r, i) => ({ ...r, indexUid: relaxedSent[i]!.indexUid }) as unknown as MultiSearchResult<RecordAny>);
    return { plan: { ...loose, orders }, results: merged, relaxed: true, strictTotal: total };
  }

  /**
   * Every Meilisearch request of a search page, and the page's hits. Without a reader to favour
   * (anonymous, another sort, 似た自治体を優先 off), the plan alone: its main query's hits. With one,
   * the hits come from the federated form of the main query (similar-organisations.ts), so the plan
   * asks for counts and facets only. For a term, which rarely relaxes, the strict query's federated
   * page is sent beside the plan rather than after it (one round trip instead of two; thrown away
   * when the plan relaxes after all). A phrase often relaxes: its page follows the plan's answer,
   * so Meilisearch never builds a page nobody reads.
   */
  async runPage(
    args: SearchArgs,
    reader: ReaderOrganisation | null,
  ): Promise<{ plan: SearchPlan; results: MultiSearchResult<RecordAny>[]; relaxed: boolean; strictTotal: number; pageHits: RecordAny[] }> {
    if (!reader) {
      const run = await this.runPlan(args);
      return { ...run, pageHits: run.results[0]!.hits };
    }
    const pageOf = async (plan: SearchPlan) =>
      (await this.guard(() => this.index.federatedSearch(federatedPage(plan.queries[0]!, reader, args.offset, args.first, plan.orders)))).hits;
    const strictPage = isPhrase(normalizeText(args.query)) ? undefined : pageOf(planSearch(this.index.uid, args, "all", await this.visibility()));
    // Awaited below, or not needed when the plan fails or relaxes: never an unhandled rejection.
    strictPage?.catch(() => {});
    const run = await this.runPlan(args, { countsOnly: true });
    return { ...run, pageHits: await (run.relaxed || !strictPage ? pageOf(run.plan) : strictPage) };
  }

  /** `em`: the request's EntityManager, which the page's cases are read with. */
  async search(args: SearchArgs, em: EntityManager): Promise<CaseSearchResultView> {
    // 似た自治体を優先: the same page, ordered by the federated search (similar-organisations.ts); totals and facets stay the plan's.
    // The reader's organisation comes with the session (no statement) when the viewer was read from one.
    const reader = args.preferSimilar && args.sort === "RELEVANCE" ? await this.readerOrganisation() : null;
    const { plan, results, relaxed, strictTotal, pageHits } = await this.runPage(args, reader);
    const main = results[0]!;

    const ids = pageHits.map((hit) => String(hit.id));
    const [found, vocabulary, organisations] = await Promise.all([
      loadPublishedCaseViews(em, ids, await this.readership()),
      // The rules the index's documents were expanded with: read once per index version.
      pageHits.some(matchedOnlyHidden) ? this.guard(() => this.index.perVersion("vocabulary", () => loadSynonymExpander(em.fork()))) : null,
      this.guard(() => this.organisationLabels(em)),
    ]);
    const reasons: MatchContext = { query: normalizeText(args.query), relaxed, strictTotal, vocabulary };
    const hits = pageHits.flatMap((hit, i) => {
      const view = found.get(String(hit.id));
      // A hit PostgreSQL no longer publishes is an index that has not caught up yet: leave it out.
      if (!view) return [];
      return [
        {
          case: withIndexedAdoptionCount(view, hit.adoptionCount),
          highlights: highlightsOf(hit._formatted as Partial<CaseSearchDocument> | undefined, view),
          matchReasons: matchReasonsOf(hit, args.offset + i, view, reasons),
          organisation: hitOrganisationOf(hit, organisations),
          likeness: reader ? likenessOf(reader, hit as Partial<CaseSearchDocument>) : null,
        },
      ];
    });

    const facets = {} as CaseFacetsView;
    for (const attribute of FACET_ATTRIBUTES) {
      const at = plan.facetQueryAt[attribute];
      const source = at === undefined ? main : results[at]!;
      facets[attribute] = toFacetCounts(source.facetDistribution?.[attribute]);
    }
    // 自治体: the values are ids; say their names.
    facets.organisationId = facets.organisationId.map((c) => ({ ...c, label: organisations.get(c.value) ?? null }));

    const total = main.estimatedTotalHits ?? hits.length;
    return {
      total,
      processingTimeMs: Math.max(...results.map((r) => r.processingTimeMs)),
      relaxed,
      sort: args.sort,
      hits,
      facets,
      suggestions: total === 0 ? await this.suggest(args, plan, results) : null,
      tagRedirects: [],
    };
  }

  /**
   * Organisation id → the name the 自治体 facet and the cards show (with the 都道府県 when two share a
   * name, 府中市（東京都） and 府中市（広島県）), and the text the 自治体 value search matches (name, reading,
   * 都道府県, normalised). Read once per index version: a rename re-indexes the organisation's cases
   * (OrganisationOfCasesChanged), which moves the version on.
   */
  private organisationDirectory(em: EntityManager): Promise<{ labels: Map<string, string>; searchKeys: Map<string, string> }> {
    return this.index.perVersion("organisationDirectory", async () => {
      const rows = await em.fork().execute<{ id: string; name: string; kana: string | null; prefecture: string }[]>("select id, name, kana, prefecture from organisations");
      const named = new Map<string, number>();
      for (const r of rows) named.set(r.name, (named.get(r.name) ?? 0) + 1);
      return {
        labels: new Map(rows.map((r) => [r.id, named.get(r.name)! > 1 ? `${r.name}（${r.prefecture}）` : r.name])),
        searchKeys: new Map(rows.map((r) => [r.id, normalizeText(`${r.name} ${r.kana ?? ""} ${r.prefecture}`).toLowerCase()])),
      };
    });
  }

  private async organisationLabels(em: EntityManager): Promise<Map<string, string>> {
    return (await this.organisationDirectory(em)).labels;
  }

  /**
   * The ids of every result of a search, as the search page finds them (relaxed when the page is),
   * up to `limit` (at most the index's maxTotalHits): the selection of "all results" for bulk tagging.
   */
  async matchingCaseIds(args: Pick<SearchArgs, "query" | "filter">, limit: number): Promise<string[]> {
    const full: SearchArgs = { query: args.query, filter: args.filter, first: 0, offset: 0, sort: "RELEVANCE", preferSimilar: false };
    const { plan } = await this.runPlan(full);
    const main = plan.queries[0]!;
    const ids: MultiSearchQuery = {
      indexUid: this.index.uid,
      q: main.q ?? "",
      locales: [...SEARCH_LOCALES],
      matchingStrategy: main.matchingStrategy,
      filter: main.filter,
      limit,
      attributesToRetrieve: ["id"],
    };
    // A relaxed page in several word orders: the same cases, from the same federated search.
    const hits = plan.orders
      ? (await this.guard(() => this.index.federatedSearch(federatedRelaxed(ids, plan.orders!)))).hits
      : ((await this.send([ids]))[0]?.hits ?? []);
    return hits.map((hit) => String(hit.id));
  }

  /** Zero results: which selections to drop (their counts come free from the facet queries) and related tags. */
  private async suggest(args: SearchArgs, plan: SearchPlan, results: MultiSearchResult<RecordAny>[]): Promise<SearchSuggestionsView> {
    const withoutFilter: FilterRelaxationView[] = [];
    for (const attribute of FACET_ATTRIBUTES) {
      const at = plan.facetQueryAt[attribute];
      if (at === undefined) continue;
      const total = results[at]!.estimatedTotalHits ?? 0;
      if (total > 0) {
        withoutFilter.push({ field: FIELD_OF[attribute], values: selectedValues(args.filter, attribute).map(String), total });
      }
    }
    withoutFilter.sort((a, b) => b.total - a.total);

    const q = normalizeText(args.query);
    const hasFilter = buildFilter(args.filter) !== undefined;
    const common = { indexUid: this.index.uid, locales: [...SEARCH_LOCALES], limit: 0, facets: ["tags"], filter: [await this.visibility()] };
    const [words, everything] = await this.send([
      { ...common, q: relaxQuery(q), matchingStrategy: "last" },
      { ...common, q: "" },
    ]);
    let relatedTags = toFacetCounts(words!.facetDistribution?.tags);
    if (!relatedTags.length && q) {
      // The words find nothing at all: tags that share a pair of characters with them.
      const pairs = bigrams(q.toLowerCase());
      relatedTags = toFacetCounts(everything!.facetDistribution?.tags).filter((t) =>
        [...bigrams(t.value.toLowerCase())].some((p) => pairs.has(p)),
      );
    }
    if (!relatedTags.length) relatedTags = toFacetCounts(everything!.facetDistribution?.tags);
    const selectedTags = new Set(selectedValues(args.filter, "tags").map(String));
    return {
      withoutFilter,
      withoutAnyFilter: hasFilter && q ? (words!.estimatedTotalHits ?? 0) : 0,
      relatedTags: relatedTags.filter((t) => !selectedTags.has(t.value)).slice(0, 8),
    };
  }

  /**
   * Values of a facet that contain `facetQuery` (anywhere, width and case folded: 支援 finds
   * 子育て支援課), with counts for the current words and the other facets' selections. Meilisearch's
   * own facet search matches only word prefixes, so we also filter its full distribution.
   */
  async searchFacetValues(args: FacetSearchArgs, em: EntityManager): Promise<FacetCountView[]> {
    if (args.facet === "ORGANISATION") return this.searchOrganisationValues(args, em);
    const attribute: FacetAttribute = args.facet === "TAGS" ? "tags" : "department";
    const needle = normalizeText(args.facetQuery).toLowerCase();
    const q = normalizeText(args.query);
    const filter = withVisibility(await this.visibility(), buildFilter(args.filter, attribute));
    const [distribution, prefixHits] = await Promise.all([
      this.send([{ indexUid: this.index.uid, q, locales: [...SEARCH_LOCALES], limit: 0, filter, facets: [attribute] }]),
      needle
        ? this.guard(() =>
            this.index.searchFacetValues({ facetName: attribute, facetQuery: needle, q, filter, locales: [...SEARCH_LOCALES] }),
          )
        : Promise.resolve([]),
    ]);
    const counts = new Map<string, number>();
    for (const { value, count } of [...toFacetCounts(distribution[0]!.facetDistribution?.[attribute]), ...prefixHits]) {
      if (!value.toLowerCase().includes(needle)) continue;
      counts.set(value, Math.max(count, counts.get(value) ?? 0));
    }
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "ja"))
      .slice(0, args.first);
  }

  /**
   * 自治体 by any part of their name or reading (宝塚, たからづか), with counts for the current search.
   * The facet's values are ids, which Meilisearch's facet search cannot match by name: the names are
   * matched here (organisationDirectory, once per index version), and one search counts the cases of
   * the matching organisations (at most MAX_ORGANISATION_CANDIDATES of them: 「市」 alone names hundreds).
   */
  private async searchOrganisationValues(args: FacetSearchArgs, em: EntityManager): Promise<FacetCountView[]> {
    const needle = normalizeText(args.facetQuery).toLowerCase();
    if (!needle) return [];
    const { labels, searchKeys } = await this.guard(() => this.organisationDirectory(em));
    // Names that start with the words first, then names holding them, then readings and 都道府県:
    // when 「市」 names hundreds, the ones counted are the likeliest.
    const rank = (id: string) => {
      const label = normalizeText(labels.get(id) ?? "").toLowerCase();
      return label.startsWith(needle) ? 0 : label.includes(needle) ? 1 : 2;
    };
    const candidates = [...searchKeys]
      .filter(([, key]) => key.includes(needle))
      .map(([id]) => ({ id, rank: rank(id) }))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, MAX_ORGANISATION_CANDIDATES)
      .map((c) => c.id);
    if (!candidates.length) return [];
    const filter = [...withVisibility(await this.visibility(), buildFilter(args.filter, "organisationId")), `organisationId IN [${candidates.map(filterValue).join(", ")}]`];
    const [result] = await this.send([
      { indexUid: this.index.uid, q: normalizeText(args.query), locales: [...SEARCH_LOCALES], limit: 0, filter, facets: ["organisationId"] },
    ]);
    return toFacetCounts(result!.facetDistribution?.organisationId)
      .map((c) => ({ ...c, label: labels.get(c.value) ?? null }))
      .sort((a, b) => b.count - a.count || (a.label ?? "").localeCompare(b.label ?? "", "ja"))
      .slice(0, args.first);
  }

  /**
   * Cases like this one, without an external model: candidates from Meilisearch (cases sharing
   * its tags, its department, and its title's rarer words), scored by shared tags (a rare tag
   * weighs more than 業務改善), text similarity, same department and same kind.
   */
  async similarCases(caseId: string, first: number, em: EntityManager): Promise<SimilarCaseView[]> {
    const source = await this.guard(() => this.index.getDocument(caseId));
    const readership = await this.readership();
    // A case the reader may not read has no similar cases for them (as an unknown id). Documents
    // written before the sharing scope existed carry none: they are read as 庁内限定 until re-indexed.
    if (!source || !mayReadPublished(readership, { organisationId: source.organisationId, sharing: source.sharing ?? "ORGANISATION" })) return [];
    const visibility = visibilityFilter(readership);
    const retrieve = ["id", "tags", "department", "departmentPath", "kind"];
    const base = { indexUid: this.index.uid, locales: [...SEARCH_LOCALES], attributesToRetrieve: retrieve, filter: [visibility] };
    const queries: MultiSearchQuery[] = [
      { ...base, q: `${source.title} ${source.summary}`.slice(0, 400), matchingStrategy: "last", limit: 40, showRankingScore: true },
      { ...base, q: "", limit: 0, facets: ["tags"] },
      { ...base, q: source.title, matchingStrategy: "last", filter: [visibility, `department = ${filterValue(source.department)}`], limit: 10 },
    ];
    if (source.tags.length) {
      queries.push({
        ...base,
        q: source.tags.join(" "),
        matchingStrategy: "last",
        filter: [visibility, anyOf("tags", source.tags)],
        limit: 40,
      });
    }
    const [text, tagStats, sameDepartment, sharingTags] = await this.send(queries);
    const totalDocs = Math.max(tagStats!.estimatedTotalHits ?? 1, 1);
    const tagDf = tagStats!.facetDistribution?.tags ?? {};
    // Tags beyond the top values of the distribution are rare: count them as rare.
    const idf = (tag: string) => Math.log(1 + totalDocs / Math.max(tagDf[tag] ?? 1, 1));
    const sourceTagWeight = source.tags.reduce((sum, t) => sum + idf(t), 0) || 1;
    const textScore = new Map<string, number>(text!.hits.map((h) => [String(h.id), h._rankingScore ?? 0]));

    const candidates = new Map<string, Pick<CaseSearchDocument, "id" | "tags" | "department" | "departmentPath" | "kind">>();
    for (const hit of [...text!.hits, ...sameDepartment!.hits, ...(sharingTags?.hits ?? [])]) {
      const id = String(hit.id);
      if (id !== source.id && !candidates.has(id)) candidates.set(id, hit as never);
    }
    const sourceTags = new Set(source.tags);
    const parent = source.departmentPath.at(-2);
    const scored = [...candidates.values()].map((c) => {
      const shared = c.tags.filter((t) => sourceTags.has(t));
      const tagScore = shared.reduce((sum, t) => sum + idf(t), 0) / sourceTagWeight;
      const sameDept = c.department === source.department;
      const sameParent = !sameDept && parent !== undefined && c.departmentPath.at(-2) === parent;
      const sameKind = c.kind === source.kind;
      const score =
        0.45 * tagScore + 0.3 * (textScore.get(c.id) ?? 0) + 0.15 * (sameDept ? 1 : sameParent ? 0.4 : 0) + 0.1 * (sameKind ? 1 : 0);
      return { id: c.id, score, sharedTags: shared, sameDepartment: sameDept, sameKind };
    });
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const top = scored.slice(0, first);
    const found = await loadPublishedCaseViews(em, top.map((s) => s.id), readership);
    return top.flatMap((s) => {
      const view = found.get(s.id);
      return view ? [{ ...s, score: Math.round(s.score * 1000) / 1000, case: view }] : [];
    });
  }

  private async send(queries: MultiSearchQuery[]): Promise<MultiSearchResult<RecordAny>[]> {
    return this.guard(() => this.index.multiSearch(queries));
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof SearchUnavailableError) throw Object.assign(searchUnavailable(), { cause: error });
      throw error;
    }
  }
}

/** Several words, or a sentence (hiragana): likely to need relaxing (runPlan, runPage). */
function isPhrase(normalizedQuery: string): boolean {
  return /\s|[\u3041-\u309f]/u.test(normalizedQuery);
}

function hitOrganisationOf(hit: Record<string, unknown>, labels: Map<string, string>): SearchHitOrganisationView | null {
  const doc = hit as Partial<CaseSearchDocument>;
  // A document indexed before organisations were part of it (until the next reindex) says nothing more.
  if (!doc.organisationId || !doc.prefecture || !doc.organisationKind || !doc.populationBand) return null;
  return {
    id: doc.organisationId,
    name: labels.get(doc.organisationId) ?? doc.organisationName ?? "",
    prefecture: doc.prefecture,
    kind: doc.organisationKind,
    populationBand: doc.populationBand,
  };
}

function toFacetCounts(distribution: Record<string, number> | undefined): FacetCountView[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "ja"));
}

function highlightsOf(formatted: Partial<CaseSearchDocument> | undefined, view: { title: string; summary: string }): CaseHighlightsView {
  const f = formatted ?? {};
  const summary = markersToHtml(f.summary ?? view.summary);
  const field: SnippetField = SNIPPET_FIELDS.find((name) => hasMatch(f[name])) ?? "summary";
  return {
    title: markersToHtml(f.title ?? view.title),
    summary,
    snippet: field === "summary" ? summary : markersToHtml(f[field] ?? ""),
    snippetField: field,
  };
}

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/\s+/g, "")];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

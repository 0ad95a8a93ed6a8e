import { graphql } from "../gql";
import { CombinedGraphQLErrors, type ApolloClient } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { parseSearchUrl, toSearchString, type SearchState } from "@kb/shared/plain";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useMe } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { HomeSections } from "../home/HomeSections";
import { searchPageMessages as m } from "../messages/searchPage";
import { CaseCard } from "../search/CaseCard";
import { Facets } from "../search/Facets";
import { Pagination, type PageNavState } from "../search/Pagination";
import { SearchForm, type SearchTrigger } from "../search/SearchForm";
import {
  activeFilterCount,
  clearFilters,
  toggleFacetValue,
  toSearchVariables,
  type SearchVariables,
  withMinAdoptions,
  withPreferSimilar,
  withSort,
} from "../search/searchParams";
import { SimilarTownsToggle } from "../search/SimilarTownsToggle";
import { SortSelect } from "../search/SortSelect";
import { AdoptionFilter } from "../adoptions/AdoptionFilter";
import { serverRendering } from "../serverRendering";


export const SEARCH_CASES = graphql(`
  query SearchCases($query: String!, $first: Int!, $offset: Int!, $filter: CaseSearchFilter, $sort: CaseSearchSort!, $preferSimilar: Boolean!) {
    searchCases(query: $query, first: $first, offset: $offset, filter: $filter, sort: $sort, preferSimilar: $preferSimilar) {
      total
      processingTimeMs
      relaxed
      hits {
        ...CaseCard_hit
      }
      facets {
        ...Facets_facets
      }
      suggestions {
        ...ZeroResults_suggestions
      }
      tagRedirects { from to }
    }
  }
`);

/** The search page's own reading of where it is: "/" with nothing chosen is the home page, without results. */
function isHome(pathname: string, search: string): boolean {
  return pathname === "/" && search === "";
}

/** Whether the page's HTML brought the answer (prefetchSearchPage): true until the page's first query has used it. */
let answerInHtml = false;
function takeAnswerInHtml(): boolean {
  const taken = answerInHtml;
  answerInHtml = false;
  return taken;
}

/** The variables of the search at this address, or undefined where the page shows no results (home, other pages). */
export function searchPageVariables(pathname: string, search: string): SearchVariables | undefined {
  if (pathname !== "/" && pathname !== "/search") return undefined;
  const state = parseSearchUrl(new URLSearchParams(search));
  return isHome(pathname, toSearchString(state)) ? undefined : toSearchVariables(state);
}

/**
 * Starts the search page's query as soon as the app's code has loaded, before React's first render
 * (main.tsx): on a slow CPU that render takes a good half second, and the query no longer waits
 * for it. The page's own `useQuery` (same document, same variables) joins the request in flight
 * (Apollo deduplicates identical queries) or finds its answer in the cache. Errors are the page's
 * to show, so they are dropped here.
 *
 * When the server already rendered the first results (`#kb-search`: its answer, as JSON; see
 * ssr.tsx), that answer goes into the cache instead: the page's first query reads it from there, so
 * React's first render shows the same results as the HTML and nobody searches twice.
 */
export function prefetchSearchPage(client: ApolloClient, { pathname, search }: { pathname: string; search: string }): void {
  const block = document.getElementById("kb-search");
  const seed = block?.textContent;
  // One use only: the block leaves the page once read, so no later navigation can take this
  // answer for another search, and no copy of the reader's text stays in the DOM beside React's.
  block?.remove();
  const variables = searchPageVariables(pathname, search);
  if (!variables) return;
  if (seed) {
    client.writeQuery({ query: SEARCH_CASES, variables, data: JSON.parse(seed) });
    answerInHtml = true;
    return;
  }
  client.query({ query: SEARCH_CASES, variables, fetchPolicy: "network-only" }).catch(() => {});
}

/** Help for a search that found nothing: its own chunk (rare, and shown only once a result is in). */
const ZeroResults = lazy(() => import("../search/ZeroResults").then((module) => ({ default: module.ZeroResults })));
/** The secretariat's bulk tagging: its own chunk (with the tag input), loaded when opened. */
const BulkTagging = lazy(() => import("../search/BulkTagging").then((module) => ({ default: module.BulkTagging })));
/** The secretariat's 選んだN件を好事例集に追加: its own chunk too. */
const BulkAddToCollection = lazy(() => import("../collections/BulkAddToCollection").then((module) => ({ default: module.BulkAddToCollection })));

/** History entries made by search-as-you-type carry this, so the next keystrokes replace them. */
interface TypingNavState {
  typing: true;
}

type Trigger = SearchTrigger | "filter";

export function SearchPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const state = useMemo(() => parseSearchUrl(new URLSearchParams(location.search)), [location.search]);
  const variables = useMemo(() => toSearchVariables(state), [state]);
  const currentSearch = toSearchString(state);
  // Home and search share this page (issue 5): "/" without a query or filter is the home page (search
  // box, then featured collections, new and most-adopted cases); with one it is the search as before,
  // so every "/?q=…" link keeps working. "/search" always lists results (the empty query lists all).
  // Typing on the home page stays on "/": the search box is never remounted, so focus and IME survive.
  const home = isHome(location.pathname, currentSearch);

  // The answer the HTML brought is fresh: the first query takes it from the cache; later ones ask as always.
  const [fromHtml] = useState(takeAnswerInHtml);
  const { data, previousData, loading, error, refetch } = useQuery(SEARCH_CASES, {
    variables,
    fetchPolicy: fromHtml ? "cache-first" : "cache-and-network",
    nextFetchPolicy: () => "cache-and-network",
    skip: home,
  });
  const result = (data ?? previousData)?.searchCases;

  const navState = location.state as Partial<TypingNavState & PageNavState> | null;
  const go = (next: SearchState, trigger: Trigger) => {
    const search = toSearchString(next);
    if (search === currentSearch) {
      // 検索 pressed again on the same words: ask the server again (a case published meanwhile shows).
      if (trigger === "submit") void refetch();
      return;
    }
    const onTypingEntry = navState?.typing === true;
    navigate(
      { pathname: location.pathname, search },
      {
        // A burst of typing is one history entry; Enter or a filter change starts a new one.
        replace: onTypingEntry && trigger !== "filter",
        state: trigger === "typing" ? ({ typing: true } satisfies TypingNavState) : null,
        preventScrollReset: true,
        // A ticked checkbox must show its new state at once, not after a transition.
        flushSync: trigger === "filter",
      },
    );
  };

  const onSearch = (q: string, trigger: SearchTrigger) => go({ ...state, q, page: 1 }, trigger);

  // An old link names a merged or renamed tag: the server searched its current name; show that in the URL.
  const redirects = result?.tagRedirects;
  useEffect(() => {
    if (!redirects?.length) return;
    const to = new Map(redirects.map((r) => [r.from, r.to]));
    const tags = [...new Set(state.tags.map((t) => to.get(t) ?? t))];
    const search = toSearchString({ ...state, tags });
    if (search !== toSearchString(state)) navigate({ pathname: location.pathname, search }, { replace: true, preventScrollReset: true });
  }, [redirects, state, navigate, location.pathname]);

  // 一括タグ付け (secretariat, admins): a panel, and a checkbox on each result while it is open. The
  // secretariat has the checkboxes always, to add the ticked results to a 好事例集 (issue 13).
  const { me } = useMe();
  const curator = me?.role === "SECRETARIAT" || me?.role === "ADMIN";
  const collector = me?.role === "SECRETARIAT";
  const [bulkOpen, setBulkOpen] = useState(false);
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const toggleSelected = (id: string, title: string, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(id, title);
      else next.delete(id);
      return next;
    });
  const clearSelected = useCallback(() => setSelected(new Map()), []);
  const refetchResults = useCallback(() => void refetch(), [refetch]);

  // After 前へ / 次へ, move focus to the results heading so keyboard and screen-reader users start there.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navState?.focusResults) resultsHeading.current?.focus();
  }, [location.key, navState?.focusResults]);

  const showResults = () => {
    resultsHeading.current?.scrollIntoView({ block: "start" });
    resultsHeading.current?.focus({ preventScroll: true });
  };

  const filtered = activeFilterCount(state) > 0;
  const pageTitle = state.q ? m.search.pageTitleFor(state.q) : m.search.pageTitle;

  return (
    <div className="space-y-6">
      <title>{home ? m.app.name : `${pageTitle}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{m.search.heading}</h1>
        <p className="text-solid-gray-700">{m.search.lead}</p>
      </div>

      <SearchForm q={state.q} onSearch={onSearch} />

      {home ? (
        <HomeSections />
      ) : (
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[18rem_minmax(0,1fr)] lg:gap-10">
        <Facets
          state={state}
          facets={result?.facets}
          onToggle={(key, value, selected) => go(toggleFacetValue(state, key, value, selected), "filter")}
          onClear={() => go(clearFilters(state), "filter")}
          results={result && !error ? { total: result.total, show: showResults } : undefined}
        />

        <section aria-labelledby="results-heading" aria-busy={loading} className="min-w-0">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1} className="scroll-mt-4 text-std-20B-150 text-solid-gray-900">
            {state.q ? m.search.pageTitleFor(state.q) : m.search.resultsHeading}
          </h2>

          <div role="status" className="mt-1 flex flex-wrap items-baseline gap-x-2 text-solid-gray-800">
            {result && !error && (
              <p>
                <strong className="text-std-18B-160">{m.search.resultCount(result.total)}</strong>
                <span className="text-dns-14N-130 text-solid-gray-700">{m.search.processingTime(result.processingTimeMs)}</span>
              </p>
            )}
            {loading && <p className="text-dns-14N-130 text-solid-gray-700">{m.search.searching}</p>}
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-4" inert={serverRendering.active || undefined}>
            <SortSelect value={state.sort} onChange={(sort) => go(withSort(state, sort), "filter")} />
            <AdoptionFilter value={state.minAdoptions ?? 0} onChange={(n) => go(withMinAdoptions(state, n), "filter")} />
            {/* 似た自治体 (issue 16): for signed-in staff, with 関連度順 (the other orders are explicit). */}
            {me && state.sort === "RELEVANCE" && (
              <SimilarTownsToggle checked={state.preferSimilar} onChange={(on) => go(withPreferSimilar(state, on), "filter")} />
            )}
            {curator && (
              <button type="button" className="btn-outline" aria-expanded={bulkOpen} onClick={() => setBulkOpen((v) => !v)}>
                {m.tags.bulk.open}
              </button>
            )}
            {/* Issue 5: every result of this search as CSV for Excel (a download; logged-in users). */}
            {me && result && result.total > 0 && (
              <a className="btn-outline" href={`/api/exports/search.csv${toSearchString({ ...state, page: 1 })}`} download title={m.curation.exports.searchCsvHint}>
                {m.curation.exports.searchCsv}
              </a>
            )}
          </div>
          {curator && bulkOpen && result && (
            <Suspense fallback={<p role="status">{m.app.pageLoading}</p>}>
              <BulkTagging
                query={state.q}
                filter={variables.filter}
                total={result.total}
                selectedIds={[...selected.keys()]}
                onFinished={refetchResults}
              />
            </Suspense>
          )}
          {result?.relaxed && !error && result.hits.length > 0 && (
            <p className="mt-3 rounded-8 border border-solid-gray-200 bg-solid-gray-50 px-4 py-2 text-dns-16N-130">{m.searchTools.relaxed}</p>
          )}

          <div className="mt-4">
            {error ? (
              <ErrorNotice error={error} fallback={searchUnavailable(error) ? m.searchTools.unavailable : m.errors.search} onRetry={() => void refetch()} />
            ) : result && result.total === 0 ? (
              <Suspense fallback={null}>
                <ZeroResults state={state} suggestions={result.suggestions} filtered={filtered} go={(next) => go(next, "filter")} />
              </Suspense>
            ) : result && result.hits.length === 0 ? (
              <div className="rounded-8 border border-solid-gray-200 bg-solid-gray-50 p-6">
                <p>{m.search.pageOutOfRange}</p>
                <button type="button" className="btn-outline mt-4" onClick={() => go({ ...state, page: 1 }, "filter")}>
                  {m.search.firstPage}
                </button>
              </div>
            ) : result ? (
              <>
                <ol className={`space-y-4 ${loading ? "opacity-60" : ""}`}>
                  {result.hits.map((hit) => (
                    <li key={hit.case.id}>
                      <CaseCard
                        case={hit.case}
                        highlights={hit.highlights}
                        matchReasons={hit.matchReasons}
                        organisation={hit.organisation}
                        ownOrganisationId={me?.organisation.id}
                        likeness={hit.likeness}
                        from={currentSearch}
                        selection={
                          collector || (curator && bulkOpen)
                            ? { checked: selected.has(hit.case.id), onChange: (on) => toggleSelected(hit.case.id, hit.case.title, on) }
                            : undefined
                        }
                      />
                    </li>
                  ))}
                </ol>
                {collector && (
                  <Suspense fallback={null}>
                    <BulkAddToCollection selected={selected} onClearSelection={clearSelected} />
                  </Suspense>
                )}
                <Pagination state={state} total={result.total} pathname={location.pathname} />
              </>
            ) : null}
          </div>
        </section>
      </div>
      )}
    </div>
  );
}

function searchUnavailable(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.["code"] === "SEARCH_UNAVAILABLE");
}

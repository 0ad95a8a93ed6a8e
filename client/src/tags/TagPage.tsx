import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { EMPTY_SEARCH, nameKey, parseSearchUrl, TAG_CATEGORY_LABELS, toSearchString, type SearchState } from "@kb/shared";
import { useEffect, useMemo, useRef } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ErrorNotice } from "../components/ErrorNotice";
import { messages as m } from "../messages";
import { SEARCH_CASES } from "../routes/SearchPage";
import { CaseCard } from "../search/CaseCard";
import { Facets } from "../search/Facets";
import { Pagination } from "../search/Pagination";
import { clearFilters, toggleFacetValue, toSearchVariables } from "../search/searchParams";
import { TagFollow } from "./TagFollow";

const TAG_PAGE = graphql(`
  query TagPage($name: String!) {
    tag(name: $name) {
      id
      name
      category
      description
      retired
      aliases
      usage
      relatedTags(first: 12) {
        name
        count
        category
      }
      topDepartments(first: 5) {
        department {
          id
          name
          path
        }
        count
      }
    }
  }
`);

interface RedirectState {
  redirectedFrom: string;
}

/**
 * /tags/<name>: the tag's description, its cases (the search with the tag as a fixed filter, so the
 * other facets still work), related tags (co-occurrence) and the departments that use it most. An
 * old name (merged or renamed) lands on the tag it became, with a note.
 */
export default function TagPage() {
  const { name = "" } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  // The page's own tag is fixed: the URL's other facets narrow within it.
  const state: SearchState = useMemo(() => ({ ...parseSearchUrl(new URLSearchParams(location.search)), tags: [] }), [location.search]);

  const { data, loading, error, refetch } = useQuery(TAG_PAGE, { variables: { name }, fetchPolicy: "cache-and-network" });
  const tag = data?.tag;

  useEffect(() => {
    if (tag && nameKey(tag.name) !== nameKey(name)) {
      navigate({ pathname: m.tags.pageOf(tag.name), search: location.search }, { replace: true, state: { redirectedFrom: name } satisfies RedirectState });
    }
  }, [tag, name, navigate, location.search]);
  const redirectedFrom = (location.state as Partial<RedirectState> | null)?.redirectedFrom;

  const base = toSearchVariables(state);
  const variables = tag ? { ...base, filter: { ...base.filter, tags: [tag.name] } } : base;
  const cases = useQuery(SEARCH_CASES, { variables, skip: !tag, fetchPolicy: "cache-and-network" });
  const result = (cases.data ?? cases.previousData)?.searchCases;

  const found = tag?.id;
  useEffect(() => {
    if (found && location.key !== "default") heading.current?.focus();
  }, [found, location.key]);

  const pathname = tag ? m.tags.pageOf(tag.name) : location.pathname;
  const go = (next: SearchState) => navigate({ pathname, search: toSearchString(next) }, { preventScrollReset: true, flushSync: true });

  if (!tag) {
    if (loading && !data) return <p role="status">{m.tags.page.loading}</p>;
    if (error && !data) return <ErrorNotice error={error} fallback={m.tags.page.failed} onRetry={() => void refetch()} />;
    return (
      <div className="space-y-4">
        <title>{`${m.tags.page.notFound(name)}${m.app.titleSuffix}`}</title>
        <h1 className="text-std-28B-150 text-solid-gray-900">{m.tags.page.notFound(name)}</h1>
        <p>{m.tags.page.notFoundHint}</p>
        <p>
          <Link to={{ pathname: "/", search: toSearchString({ ...EMPTY_SEARCH, q: name }) }}>{m.tags.page.searchWord(name)}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-8">
      <title>{`${tag.name}${m.app.titleSuffix}`}</title>
      {redirectedFrom && nameKey(redirectedFrom) !== nameKey(tag.name) && (
        <p role="status" className="rounded-8 border border-solid-gray-200 bg-solid-gray-50 px-4 py-2">
          {m.tags.page.redirected(redirectedFrom, tag.name)}
        </p>
      )}
      <header className="space-y-3">
        <p className="text-dns-16N-130 text-solid-gray-700">
          <span className="sr-only">{m.tags.category}：</span>
          <span>{TAG_CATEGORY_LABELS[tag.category]}</span>
        </p>
        <h1 ref={heading} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">
          {tag.name}
        </h1>
        {tag.retired && <p className="rounded-8 border-2 border-error-1 bg-red-50 px-4 py-2 text-std-16B-170">{m.tags.page.retired}</p>}
        <p className="max-w-3xl text-std-16N-170">{tag.description || m.tags.page.noDescription}</p>
        <p className="text-dns-16N-130 text-solid-gray-800">{m.tags.page.usage(tag.usage)}</p>
        {tag.aliases.length > 0 && (
          <p className="text-dns-14N-130 text-solid-gray-700">
            {m.tags.page.aliases}：{tag.aliases.join("、")}
          </p>
        )}
        <p>
          <Link to={{ pathname: "/", search: toSearchString({ ...EMPTY_SEARCH, tags: [tag.name] }) }}>{m.tags.page.openInSearch}</Link>
        </p>
        <TagFollow tagId={tag.id} />
      </header>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[18rem_minmax(0,1fr)] lg:gap-10">
        <div className="space-y-8">
          <Facets
            state={state}
            facets={result?.facets}
            pinnedTags={[tag.name]}
            onToggle={(key, value, selected) => go(toggleFacetValue(state, key, value, selected))}
            onClear={() => go(clearFilters(state))}
          />
          <section aria-labelledby="tag-related" className="space-y-2">
            <h2 id="tag-related" className="text-std-20B-150 text-solid-gray-900">
              {m.tags.page.relatedHeading}
            </h2>
            {tag.relatedTags.length === 0 ? (
              <p className="text-dns-14N-130">{m.tags.page.relatedEmpty}</p>
            ) : (
              <ul className="space-y-1">
                {tag.relatedTags.map((r) => (
                  <li key={r.name} className="text-dns-16N-130">
                    <Link to={m.tags.pageOf(r.name)}>{r.name}</Link>
                    <span className="ml-2 text-dns-14N-130 text-solid-gray-700">
                      {TAG_CATEGORY_LABELS[r.category]}・{m.tags.page.departmentItem(r.count)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="tag-departments" className="space-y-2">
            <h2 id="tag-departments" className="text-std-20B-150 text-solid-gray-900">
              {m.tags.page.departmentsHeading}
            </h2>
            {tag.topDepartments.length === 0 ? (
              <p className="text-dns-14N-130">{m.tags.page.departmentsEmpty}</p>
            ) : (
              <ol className="space-y-1">
                {tag.topDepartments.map((d) => (
                  <li key={d.department.id} className="text-dns-16N-130">
                    <span>{d.department.path.length > 1 ? d.department.path.join(" › ") : d.department.name}</span>
                    <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{m.tags.page.departmentItem(d.count)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>

        <section aria-labelledby="tag-cases" aria-busy={cases.loading} className="min-w-0">
          <h2 id="tag-cases" className="text-std-20B-150 text-solid-gray-900">
            {m.tags.page.casesHeading}
          </h2>
          <div role="status" className="mt-1 text-solid-gray-800">
            {result && <p className="text-std-18B-160">{m.search.resultCount(result.total)}</p>}
          </div>
          <div className="mt-4">
            {cases.error ? (
              <ErrorNotice error={cases.error} fallback={m.errors.search} onRetry={() => void cases.refetch()} />
            ) : result ? (
              <>
                <ol className="space-y-4">
                  {result.hits.map((hit) => (
                    <li key={hit.case.id}>
                      <CaseCard case={hit.case} highlights={hit.highlights} from="" />
                    </li>
                  ))}
                </ol>
                <Pagination state={state} total={result.total} pathname={pathname} />
              </>
            ) : null}
          </div>
        </section>
      </div>
    </div>
  );
}

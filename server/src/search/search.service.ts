import { normalizeText, type SearchArgs, type SearchFilter } from "@kb/shared";
import type { CaseService } from "../cases/case.service.js";
import { AppError, searchUnavailable } from "../graphql/app-error.js";
import {
  anyOf,
  FACET_ATTRIBUTES,
  SEARCH_LOCALES,
  type CaseSearchIndex,
  type FacetAttribute,
} from "./case-search-index.js";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, markersToHtml } from "./search-document.js";
import type { CaseSearchResultView, FacetCountView } from "./search.types.js";

/**
 * Case search: Meilisearch finds ids, highlights and facet counts; PostgreSQL supplies the cases
 * (one batch per page). When Meilisearch cannot be reached the search fails fast with the typed
 * SEARCH_UNAVAILABLE error rather than hanging; writes are unaffected (they go to the outbox).
 */
export class SearchService {
  constructor(
    private readonly index: CaseSearchIndex,
    private readonly cases: CaseService,
  ) {}

  async search(args: SearchArgs): Promise<CaseSearchResultView> {
    const query = normalizeText(args.query);
    let response;
    try {
      response = await this.index.index.search(query, {
        offset: args.offset,
        limit: args.first,
        filter: buildFilter(args.filter),
        facets: [...FACET_ATTRIBUTES],
        attributesToRetrieve: ["id"],
        attributesToHighlight: ["title", "summary"],
        attributesToCrop: ["summary"],
        cropLength: 48,
        cropMarker: "…",
        highlightPreTag: HIGHLIGHT_PRE,
        highlightPostTag: HIGHLIGHT_POST,
        locales: [...SEARCH_LOCALES],
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw Object.assign(searchUnavailable(), { cause: error });
    }

    const ids = response.hits.map((hit) => String(hit.id));
    const found = await this.cases.findPublishedByIds(ids);
    const hits = response.hits.flatMap((hit) => {
      const view = found.get(String(hit.id));
      // A hit PostgreSQL no longer publishes is an index that has not caught up yet: leave it out.
      if (!view) return [];
      const formatted = (hit._formatted ?? {}) as { title?: string; summary?: string };
      return [
        {
          case: view,
          highlights: {
            title: markersToHtml(formatted.title ?? view.title),
            summary: markersToHtml(formatted.summary ?? view.summary),
          },
        },
      ];
    });

    const distribution = response.facetDistribution ?? {};
    const facet = (attribute: FacetAttribute): FacetCountView[] =>
      Object.entries(distribution[attribute] ?? {})
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "ja"));

    return {
      total: response.estimatedTotalHits ?? hits.length,
      processingTimeMs: response.processingTimeMs,
      hits,
      facets: {
        kind: facet("kind"),
        department: facet("department"),
        fiscalYear: facet("fiscalYear"),
        tags: facet("tags"),
      },
    };
  }
}

/** Values within a facet are ORed, facets are ANDed; every user value is quoted and escaped. */
export function buildFilter(filter: SearchFilter | undefined): string[] | undefined {
  if (!filter) return undefined;
  const groups: string[] = [];
  if (filter.kinds?.length) groups.push(anyOf("kind", filter.kinds));
  if (filter.departments?.length) groups.push(anyOf("department", filter.departments.map(normalizeText)));
  if (filter.fiscalYears?.length) groups.push(anyOf("fiscalYear", filter.fiscalYears));
  if (filter.tags?.length) groups.push(anyOf("tags", filter.tags.map(normalizeText)));
  return groups.length ? groups : undefined;
}

import { graphql } from "../gql";
import type { ZeroResults_SuggestionsFragment } from "../gql/graphql";
import {
  CASE_KIND_LABELS,
  formatWarekiFiscalYear,
  type CaseKind,
  type SearchState,
} from "@kb/shared/plain";
import { searchPageMessages as m } from "../messages/searchPage";
import { jaZeroResults as z } from "../messages/ja-zero-results";
import { clearFilters } from "./searchParams";

graphql(`
  fragment ZeroResults_suggestions on SearchSuggestions {
    withoutFilter { field values total }
    withoutAnyFilter
    relatedTags { value count }
  }
`);

type SearchSuggestions = ZeroResults_SuggestionsFragment;

const FIELD_LABEL = {
  KIND: m.facets.kind,
  DEPARTMENT: m.facets.department,
  FISCAL_YEAR: m.facets.fiscalYear,
  TAGS: m.facets.tags,
  ORGANISATION: m.facets.organisation,
  PREFECTURE: m.facets.prefecture,
  ORGANISATION_KIND: m.facets.organisationKind,
  POPULATION_BAND: m.facets.populationBand,
} as const;

const COMMONS_FIELDS = { ORGANISATION: 1, PREFECTURE: 1, ORGANISATION_KIND: 1, POPULATION_BAND: 1 };

const KEY = {
  KIND: "kinds",
  DEPARTMENT: "departments",
  FISCAL_YEAR: "fiscalYears",
  TAGS: "tags",
  ORGANISATION: "organisations",
  PREFECTURE: "prefectures",
  ORGANISATION_KIND: "organisationKinds",
  POPULATION_BAND: "populationBands",
} as const;

function valueLabel(field: keyof typeof FIELD_LABEL, value: string): string {
  if (field === "KIND") return CASE_KIND_LABELS[value as CaseKind] ?? value;
  if (field === "FISCAL_YEAR") return formatWarekiFiscalYear(Number(value));
  return value;
}

/**
 * Nothing found: say so, then offer what would find something — dropping one facet's selection
 * (with the count it would give), dropping every filter, or a related tag.
 */
export function ZeroResults({
  state,
  suggestions,
  filtered,
  go,
}: {
  state: SearchState;
  suggestions: SearchSuggestions | null;
  filtered: boolean;
  go: (next: SearchState) => void;
}) {
  const relax = suggestions?.withoutFilter ?? [];
  const tags = suggestions?.relatedTags ?? [];
  const wordsFindSomething = (suggestions?.withoutAnyFilter ?? 0) > 0;
  // With one facet selected, dropping it is dropping everything: offer it once.
  const facetsSelected = [
    state.kinds,
    state.departments,
    state.fiscalYears,
    state.tags,
    state.organisations,
    state.prefectures,
    state.organisationKinds,
    state.populationBands,
  ].filter((v) => v.length > 0).length;
  const offerDropAll = filtered && wordsFindSomething && facetsSelected > 1;
  return (
    <div className="space-y-4 rounded-8 border border-solid-gray-200 bg-solid-gray-50 p-6">
      <div>
        <p className="text-std-16B-170">{m.search.noResults}</p>
        <p className="mt-2">{m.search.noResultsHint}</p>
      </div>
      {(relax.length > 0 || offerDropAll) && (
        <section aria-labelledby="zero-relax" className="space-y-2">
          <h3 id="zero-relax" className="text-std-17B-170">
            {z.suggestionsHeading}
          </h3>
          <ul className="flex flex-wrap gap-2">
            {relax.map((r) => (
              <li key={r.field}>
                <button type="button" className="btn-outline" onClick={() => go({ ...state, [KEY[r.field]]: [], page: 1 })}>
                  {/* The commons' facets (自治体 values are ids): the facet only, not its values. */}
                  {r.field in COMMONS_FIELDS
                    ? z.dropFacetSelection(FIELD_LABEL[r.field])
                    : z.dropFilter(FIELD_LABEL[r.field], r.values.map((v) => valueLabel(r.field, v)).join("・"))}
                  {z.suggestionCount(r.total)}
                </button>
              </li>
            ))}
            {offerDropAll && (
              <li>
                <button type="button" className="btn-outline" onClick={() => go(clearFilters(state))}>
                  {z.dropAllFilters}
                  {z.suggestionCount(suggestions!.withoutAnyFilter)}
                </button>
              </li>
            )}
          </ul>
        </section>
      )}
      {filtered && !relax.length && !wordsFindSomething && (
        <button type="button" className="btn-outline" onClick={() => go(clearFilters(state))}>
          {m.facets.clearAll}
        </button>
      )}
      {tags.length > 0 && (
        <section aria-labelledby="zero-tags" className="space-y-2">
          <h3 id="zero-tags" className="text-std-17B-170">
            {z.relatedTagsHeading}
          </h3>
          <ul className="flex flex-wrap gap-2">
            {tags.map((t) => (
              <li key={t.value}>
                <button
                  type="button"
                  className="btn-text"
                  onClick={() => go({ ...clearFilters(state), q: wordsFindSomething ? state.q : "", tags: [t.value] })}
                >
                  {t.value}
                  {z.suggestionCount(t.count)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

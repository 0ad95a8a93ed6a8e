/**
 * When a search finds nothing: the ways on (drop a filter, all filters, a related tag). Its own file,
 * read only by the zero-result help's chunk (search/ZeroResults.tsx), so the search page's first load
 * does not carry it (client/src/lean-client.test.ts).
 */
export const jaZeroResults = {
    suggestionsHeading: "条件を変えると見つかります",
    dropFilter: (facet: string, values: string) => `${facet}「${values}」を外す`,
    dropAllFilters: "絞り込みをすべて外す",
    /** A facet whose values the button does not list (自治体: ids). */
    dropFacetSelection: (facet: string) => `${facet}の絞り込みを外す`,
    suggestionCount: (n: number) => `（${n.toLocaleString("ja-JP")}件）`,
    relatedTagsHeading: "関連するタグで探す",
};

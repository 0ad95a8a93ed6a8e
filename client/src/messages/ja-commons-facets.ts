/**
 * The copy only the commons' facets use (search/CommonsFacets.tsx, a lazy chunk): kept out of the
 * search page's first load, which is at its 170 KiB budget.
 */
export const jaCommonsFacets = {
  organisationSearchHint: "名前やよみがなの一部でも探せます（例：たからづか）",
};

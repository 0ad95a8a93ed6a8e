/**
 * Set by ssr.tsx, which renders the search page on the server (never in the browser). Controls that
 * only work with the app's code (facet checkboxes, the order and 横展開 selects) are `inert` in that
 * HTML until React replaces it: clicked before then they would seem to change and then snap back.
 * Links and the search form work without the code and stay live.
 */
export const serverRendering = { active: false };

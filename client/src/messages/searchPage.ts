import { jaSearchPage } from "./ja-search-page";

/**
 * The copy of the search page and the app's frame: a part of `messages` (index.ts), the same
 * strings, for the modules that the search page loads up front. Everything else uses `messages`.
 */
export const searchPageMessages = jaSearchPage;
export type SearchPageMessages = typeof searchPageMessages;

// The front door of search-stats/: what other folders may use. Everything else in search-stats/ is private
// (enforced by .config/eslint.config.js). Files inside search-stats/ import each other directly, never through here.
export * from "./search-query-recorder.js";
export { ANONYMOUS_SEARCHES } from "./search-query-stat.entity.js";

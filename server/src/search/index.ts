// The front door of search/: what other folders may use. Everything else in search/ is private
// (enforced by .config/eslint.config.js). Files inside search/ import each other directly, never through here.
export * from "./search.types.js";
export * from "./case-search-index.js";
export * from "./index-check.js";
export * from "./reindex.js";
export * from "./search-outbox.worker.js";
export { PRIMARY_NODE, REPLICA_NODE, registerSearchNodes } from "./search-nodes.js";
export * from "./search.service.js";
export * from "./search.resolver.js";
export * from "./search-projector.js";
export { readerOrganisation, likenessOf, likenessTiers, type ReaderOrganisation } from "./similar-organisations.js";

// The front door of collections/: what other folders may use. Everything else in collections/ is private
// (enforced by .config/eslint.config.js). Files inside collections/ import each other directly, never through here.
export * from "./collection.entity.js";
export * from "./collection-entry.service.js";
export * from "./collection.service.js";
export * from "./featured-case.service.js";
export * from "./home-feed.service.js";
export * from "./collection.loaders.js";
export * from "./collection.resolver.js";

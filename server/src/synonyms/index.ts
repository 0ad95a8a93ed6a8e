// The front door of synonyms/: what other folders may use. Everything else in synonyms/ is private
// (enforced by .config/eslint.config.js). Files inside synonyms/ import each other directly, never through here.
export * from "./synonym.entity.js";
export * from "./synonym-expander.js";
export * from "./synonym.service.js";
export * from "./synonym.resolver.js";
export * from "./japanese-dictionary.js";
export * from "./synonym.events.js";

// The front door of tags/: what other folders may use. Everything else in tags/ is private
// (enforced by .config/eslint.config.js). Files inside tags/ import each other directly, never through here.
export * from "./tag.entity.js";
export * from "./tag.errors.js";
export * from "./tag.types.js";
export * from "./case-tagging.js";
export * from "./tag-seed.js";
export * from "./tag-vocabulary.service.js";
export * from "./tag.service.js";
export * from "./tag-aliases.js";
export * from "./tag.resolver.js";
export * from "./tag.events.js";

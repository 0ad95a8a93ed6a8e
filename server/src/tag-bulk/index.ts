// The front door of tag-bulk/: what other folders may use. Everything else in tag-bulk/ is private
// (enforced by .config/eslint.config.js). Files inside tag-bulk/ import each other directly, never through here.
export * from "./tag-bulk-job.entity.js";
export * from "./tag-bulk.types.js";
export * from "./tag-bulk.service.js";
export * from "./tag-bulk.resolver.js";

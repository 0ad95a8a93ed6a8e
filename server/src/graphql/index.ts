// The front door of graphql/: what other folders may use. Everything else in graphql/ is private
// (enforced by .config/eslint.config.js). Files inside graphql/ import each other directly, never through here.
export * from "./format-error.js";
export * from "./graphql-limits.js";
export * from "./schema.js";

// The front door of department-pages/: what other folders may use. Everything else in department-pages/ is private
// (enforced by .config/eslint.config.js). Files inside department-pages/ import each other directly, never through here.
export * from "./department-page.resolver.js";

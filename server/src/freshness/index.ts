// The front door of freshness/: what other folders may use. Everything else in freshness/ is private
// (enforced by .config/eslint.config.js). Files inside freshness/ import each other directly, never through here.
export * from "./case-freshness.entity.js";
export * from "./freshness.errors.js";
export * from "./freshness.types.js";
export * from "./freshness.policy.js";
export * from "./freshness.service.js";
export * from "./freshness.resolver.js";

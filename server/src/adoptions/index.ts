// The front door of adoptions/: what other folders may use. Everything else in adoptions/ is private
// (enforced by .config/eslint.config.js). Files inside adoptions/ import each other directly, never through here.
export * from "./adoption.types.js";
export * from "./adoption.policy.js";
export * from "./adoption.presenter.js";
export * from "./adoption.service.js";
export * from "./adoption.loaders.js";
export * from "./adoption.resolver.js";
export * from "./adoption.events.js";
export * from "./lineage.service.js";
export * from "./lineage.types.js";
export * from "./lineage.resolver.js";

// The front door of exports/: what other folders may use. Everything else in exports/ is private
// (enforced by .config/eslint.config.js). Files inside exports/ import each other directly, never through here.
export * from "./export.policy.js";
export * from "./export.service.js";
export * from "./commons-export.js";

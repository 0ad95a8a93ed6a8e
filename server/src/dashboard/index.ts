// The front door of dashboard/: what other folders may use. Everything else in dashboard/ is private
// (enforced by .config/eslint.config.js). Files inside dashboard/ import each other directly, never through here.
export * from "./dashboard.service.js";
export * from "./dashboard.resolver.js";
export * from "./hub-dashboard.service.js";
export * from "./hub-dashboard.resolver.js";

// The front door of auth/: what other folders may use. Everything else in auth/ is private
// (enforced by .config/eslint.config.js). Files inside auth/ import each other directly, never through here.
export * from "./password.js";
export * from "./account.service.js";
export * from "./auth.service.js";
export * from "./auth.resolver.js";

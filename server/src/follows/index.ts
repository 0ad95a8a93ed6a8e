// The front door of follows/: what other folders may use. Everything else in follows/ is private
// (enforced by .config/eslint.config.js). Files inside follows/ import each other directly, never through here.
export * from "./case-readers.js";
export * from "./follow-notifier.js";
export * from "./follow.service.js";
export * from "./follow.resolver.js";

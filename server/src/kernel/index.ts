// The front door of kernel/: what other folders may use. Everything else in kernel/ is private
// (enforced by .config/eslint.config.js). Files inside kernel/ import each other directly, never through here.
export * from "./app-error.js";
export * from "./request-context.js";
export * from "./viewer.js";
export * from "./without-nulls.js";
export * from "./domain-events.js";
export * from "./yield-every.js";

// The front door of http/: what other folders may use. Everything else in http/ is private
// (enforced by .config/eslint.config.js). Files inside http/ import each other directly, never through here.
export * from "./error-status.js";
export * from "./http-app.js";
export * from "./request-context-of.js";

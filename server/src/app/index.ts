// The front door of app/: what other folders may use. Everything else in app/ is private
// (enforced by .config/eslint.config.js). Files inside app/ import each other directly, never through here.
export * from "./request-context.js";

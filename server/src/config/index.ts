// The front door of config/: what other folders may use. Everything else in config/ is private
// (enforced by .config/eslint.config.js). Files inside config/ import each other directly, never through here.
export * from "./config.js";

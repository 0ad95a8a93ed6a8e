// The front door of audit/: what other folders may use. Everything else in audit/ is private
// (enforced by .config/eslint.config.js). Files inside audit/ import each other directly, never through here.
export * from "./audit.entity.js";

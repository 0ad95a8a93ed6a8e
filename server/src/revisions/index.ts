// The front door of revisions/: what other folders may use. Everything else in revisions/ is private
// (enforced by .config/eslint.config.js). Files inside revisions/ import each other directly, never through here.
export * from "./case-revision.entity.js";
export * from "./revision.service.js";

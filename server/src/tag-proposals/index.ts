// The front door of tag-proposals/: what other folders may use. Everything else in tag-proposals/ is private
// (enforced by .config/eslint.config.js). Files inside tag-proposals/ import each other directly, never through here.
export * from "./tag-proposal.service.js";
export * from "./tag-proposal.resolver.js";

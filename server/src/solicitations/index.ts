// The front door of solicitations/: what other folders may use. Everything else in solicitations/ is private
// (enforced by .config/eslint.config.js). Files inside solicitations/ import each other directly, never through here.
export * from "./solicitation.service.js";
export * from "./demand-board.service.js";
export * from "./solicitation.resolver.js";

// The front door of questions/: what other folders may use. Everything else in questions/ is private
// (enforced by .config/eslint.config.js). Files inside questions/ import each other directly, never through here.
export * from "./question.types.js";
export * from "./question.service.js";
export * from "./question.resolver.js";
export * from "./question.policy.js";

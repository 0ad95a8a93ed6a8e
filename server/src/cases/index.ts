// The front door of cases/: what other folders may use. Everything else in cases/ is private
// (enforced by .config/eslint.config.js). Files inside cases/ import each other directly, never through here.
export * from "./case.entity.js";
export * from "./case.inputs.js";
export * from "./case.types.js";
export * from "./case.policy.js";
export * from "./case-content.js";
export * from "./case-lock.js";
export * from "./case.presenter.js";
export * from "./summaries.js";
export * from "./published-case-views.js";
export * from "./case-workflow.service.js";
export * from "./case.service.js";
export * from "./case.loaders.js";
export * from "./case.resolver.js";
export * from "./case.events.js";

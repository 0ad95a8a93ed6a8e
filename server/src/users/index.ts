// The front door of users/: what other folders may use. Everything else in users/ is private
// (enforced by .config/eslint.config.js). Files inside users/ import each other directly, never through here.
export * from "./user.entity.js";
export * from "./user-summary.types.js";
export * from "./me.types.js";
export * from "./demo-accounts.js";
export * from "./user.service.js";
export * from "./people.service.js";
export * from "./people.resolver.js";

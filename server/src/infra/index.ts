// The front door of infra/: what other folders may use. Everything else in infra/ is private
// (enforced by .config/eslint.config.js). Files inside infra/ import each other directly, never through here.
export * from "./backing-services.js";
export * from "./embedded-postgres.js";
export * from "./embedded-postgres-replica.js";
export * from "./process-utils.js";

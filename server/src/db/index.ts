// The front door of db/: what other folders may use. Everything else in db/ is private
// (enforced by .config/eslint.config.js). Files inside db/ import each other directly, never through here.
export * from "./connection-errors.js";
export * from "./migrations/index.js";
export * from "./orm.js";
export * from "./replicas.js";
export * from "./startup-lock.js";

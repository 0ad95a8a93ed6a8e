// The front door of backup/: what other folders may use. Everything else in backup/ is private
// (enforced by .config/eslint.config.js). Files inside backup/ import each other directly, never through here.
export * from "./pg-tools.js";
export * from "./backup.service.js";
export * from "./restore.service.js";

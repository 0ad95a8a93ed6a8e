// The front door of mail/: what other folders may use. Everything else in mail/ is private
// (enforced by .config/eslint.config.js). Files inside mail/ import each other directly, never through here.
export * from "./mail-outbox.js";
export * from "./mail-outbox.worker.js";

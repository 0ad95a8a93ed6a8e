// The front door of notifications/: what other folders may use. Everything else in notifications/ is private
// (enforced by .config/eslint.config.js). Files inside notifications/ import each other directly, never through here.
export * from "./notification.service.js";
export * from "./notification.resolver.js";

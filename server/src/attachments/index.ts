// The front door of attachments/: what other folders may use. Everything else in attachments/ is private
// (enforced by .config/eslint.config.js). Files inside attachments/ import each other directly, never through here.
export * from "./attachment.entity.js";
export * from "./attachment.service.js";
export * from "./attachment.resolver.js";
export * from "./attachment.events.js";

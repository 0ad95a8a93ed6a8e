// The front door of directory-sign-in/: what other folders may use. Everything else in directory-sign-in/ is private
// (enforced by .config/eslint.config.js). Files inside directory-sign-in/ import each other directly, never through here.
export * from "./directory-sign-in.entity.js";
export * from "./directory-sign-in.service.js";
export * from "./directory-sign-in.flow.js";
export * from "./directory-sign-in.resolver.js";

// The front door of departments/: what other folders may use. Everything else in departments/ is private
// (enforced by .config/eslint.config.js). Files inside departments/ import each other directly, never through here.
export * from "./department.entity.js";
export * from "./department.view.js";
export * from "./department.service.js";
export * from "./department.events.js";
export * from "./department-admin.service.js";
export * from "./department-reorganisation.service.js";
export * from "./department-admin.resolver.js";
export * from "./department-admin.types.js";

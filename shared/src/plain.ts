/**
 * `@kb/shared/plain`: the parts of @kb/shared that load no zod. The client's search page (its first
 * load) imports only these, so zod and the schemas arrive with the forms that need them; the size
 * budget in client/src/lean-client.test.ts fails if zod creeps back. Everything here is also
 * exported by the main entry (index.ts), as the same modules.
 */
export * from "./enums.js";
export * from "./fiscal-year.js";
export * from "./normalize.js";
export * from "./organisation-terms.js";
export * from "./search-terms.js";
export * from "./search-url.js";

// The front door of organisations/: what other folders may use. Everything else in organisations/ is private
// (enforced by .config/eslint.config.js). Files inside organisations/ import each other directly, never through here.
export * from "./organisation.entity.js";
export * from "./organisation.service.js";
export * from "./organisation.types.js";
export { OrganisationResolver, presentOrganisation } from "./organisation.resolver.js";
export { ensureSeedOrganisations, readOrganisationSeedFile, type OrganisationSeedFile, type OrganisationSeedReport } from "./organisation.seeds.js";
export * from "./organisation.events.js";
export { caseReadershipSql, caseReadershipWhere, mayReadPublished, openOrganisationIds, defaultSharingOf, readershipOf, readsPublicly, type Readership } from "./readership.js";

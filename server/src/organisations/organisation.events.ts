import type { DomainFact } from "../kernel/index.js";

/** Facts organisations record (kernel/domain-events.ts), in the transaction of the change. */

/**
 * What its cases' search documents say of the organisation changed: its name, 都道府県, 団体区分 or
 * population (人口規模 band). `caseIds`: its published cases, which the search projector re-indexes.
 */
export type OrganisationOfCasesChanged = DomainFact<"OrganisationOfCasesChanged", { organisationId: string; caseIds: string[] }>;

export type OrganisationFact = OrganisationOfCasesChanged;

export const organisationOfCasesChanged = (payload: OrganisationOfCasesChanged["payload"]): OrganisationOfCasesChanged => ({
  type: "OrganisationOfCasesChanged",
  payload,
});

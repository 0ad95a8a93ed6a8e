import type { DomainFact } from "../kernel/index.js";

/**
 * An import wrote these cases (created, or changed in content or status). Recorded once per chunk
 * of the import's transaction (import.service.ts), so a 100k-line file records a few hundred facts.
 */
export type CasesImported = DomainFact<"CasesImported", { caseIds: string[] }>;

export type ImportFact = CasesImported;

export const casesImported = (payload: CasesImported["payload"]): CasesImported => ({ type: "CasesImported", payload });

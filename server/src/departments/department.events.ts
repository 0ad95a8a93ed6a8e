import type { DomainFact } from "../kernel/index.js";

/** Facts the department tree records (kernel/domain-events.ts), in the transaction of the change. */

/**
 * What a case's search document says about its 課 changed: the 課 was renamed or moved (its path),
 * or a 組織改正 moved the cases to another 課 (its name, path and former names).
 */
export type DepartmentOfCasesChanged = DomainFact<"DepartmentOfCasesChanged", { caseIds: string[]; reason: "rename" | "move" | "merge" | "split" }>;

export type DepartmentFact = DepartmentOfCasesChanged;

export const departmentOfCasesChanged = (payload: DepartmentOfCasesChanged["payload"]): DepartmentOfCasesChanged => ({ type: "DepartmentOfCasesChanged", payload });

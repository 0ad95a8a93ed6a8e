import type { AdoptionStatus } from "@kb/shared";
import type { DomainFact } from "../kernel/index.js";

/** A department recorded (or moved on) its adoption of a case: `fromStatus` null when it is the first record. */
export type AdoptionRecorded = DomainFact<
  "AdoptionRecorded",
  { caseId: string; departmentId: string; fromStatus: AdoptionStatus | null; status: AdoptionStatus }
>;

export type AdoptionFact = AdoptionRecorded;

export const adoptionRecorded = (payload: AdoptionRecorded["payload"]): AdoptionRecorded => ({ type: "AdoptionRecorded", payload });

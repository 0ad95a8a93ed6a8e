/**
 * Who may read a case, as the follow and 募集 notices need it: staff of the case's organisation read
 * its published cases; staff of every other organisation read only those shared to the commons.
 * Drafts and 庁内限定 cases reach nobody outside (issue 16 item 1). The one place these slices say it:
 * when organisations/readership.ts lands it answers here instead.
 */
export interface CaseReadFacts {
  organisationId: string;
  status: string;
  sharing: string;
}

export function canReadCase(reader: { organisationId: string } | null, c: CaseReadFacts): boolean {
  return !!reader && c.status === "PUBLISHED" && (c.organisationId === reader.organisationId || c.sharing === "COMMONS");
}

/** SQL: the user `u` may read the case `c` (both aliases in the query). */
export const USER_READS_CASE_SQL = `(c.status = 'PUBLISHED' and (c.organisation_id = u.organisation_id or c.sharing = 'COMMONS'))`;

/** SQL with one parameter (the viewer's organisation id): the viewer may read the case `c`. */
export const VIEWER_READS_CASE_SQL = `(c.status = 'PUBLISHED' and (c.organisation_id = ? or c.sharing = 'COMMONS'))`;

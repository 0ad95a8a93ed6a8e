import { caseReadershipSql, mayReadPublished } from "../organisations/index.js";

/**
 * Who may read a case, as the follow and 募集 notices need it: organisations/readership.ts's one rule
 * for signed-in members (their own organisation's published cases, and every organisation's commons
 * cases; 庁内限定 cases and drafts reach nobody outside). Notices and 募集 are for members only, so
 * the anonymous half of the rule never applies here.
 */
export interface CaseReadFacts {
  organisationId: string;
  status: string;
  sharing: string;
}

export function canReadCase(reader: { organisationId: string } | null, c: CaseReadFacts): boolean {
  return (
    !!reader &&
    c.status === "PUBLISHED" &&
    mayReadPublished({ organisationId: reader.organisationId, publicOrganisationIds: [] }, { organisationId: c.organisationId, sharing: c.sharing === "COMMONS" ? "COMMONS" : "ORGANISATION" })
  );
}

/** The member half of the rule on a case `c`, with one `?` for the reader's organisation. */
const MEMBER_READS = caseReadershipSql({ organisationId: "", publicOrganisationIds: [] }, "c").sql;

/** SQL with one parameter (the viewer's organisation id): the viewer may read the case `c`. */
export const VIEWER_READS_CASE_SQL = `(c.status = 'PUBLISHED' and ${MEMBER_READS})`;

/** SQL: the user `u` may read the case `c` (both aliases in the query). */
export const USER_READS_CASE_SQL = `(c.status = 'PUBLISHED' and ${MEMBER_READS.replace("?", "u.organisation_id")})`;

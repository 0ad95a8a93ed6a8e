import type { CaseSharing, CaseStatus } from "@kb/shared";
import { isCurator, type Viewer } from "../kernel/index.js";

/**
 * Who may see and do what with a case. Cases belong to their department (課): anyone there, and
 * the author, are its owners; ownership survives a 異動 of the author. The secretariat reviews and
 * curates. Every resolver asks here; nothing else decides.
 */
export interface CaseFacts {
  /** The case's organisation (issue 15): nothing of it is readable or writable from another. */
  organisationId: string;
  /**
   * Whether its organisation lets anonymous visitors read its commons cases. Reads pass it; write
   * paths ask `canTakePart`, which never looks at it (absent: no).
   */
  publicReading?: boolean;
  status: CaseStatus;
  /** 庁内限定 or the commons (issue 16): whether members of other organisations read it once published. */
  sharing: CaseSharing;
  departmentId: string;
  authorId: string | null;
}

/** The policy's facts of a case as GraphQL presents it (every field resolver that hangs off a case asks with these). */
export function factsOfView(c: { organisationId: string; status: CaseStatus; sharing: CaseSharing; department: { id: string }; authorId: string | null }): CaseFacts {
  return { organisationId: c.organisationId, status: c.status, sharing: c.sharing, departmentId: c.department.id, authorId: c.authorId };
}

const OWNER_EDITABLE = new Set<CaseStatus>(["DRAFT", "CHANGES_REQUESTED"]);
const CURATOR_EDITABLE = new Set<CaseStatus>(["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "PUBLISHED"]);

/** The case is in the viewer's organisation: the first condition of every permission below. */
export function sameOrganisation(viewer: Viewer | null, c: Pick<CaseFacts, "organisationId">): viewer is Viewer {
  return !!viewer && viewer.organisationId === c.organisationId;
}

/** A commons case (issue 16): published and shared with every organisation (自治体間で共有). */
export function isCommonsCase(c: Pick<CaseFacts, "status" | "sharing">): boolean {
  return c.status === "PUBLISHED" && c.sharing === "COMMONS";
}

export function isOwner(viewer: Viewer | null, c: CaseFacts): boolean {
  return sameOrganisation(viewer, c) && (viewer.departmentId === c.departmentId || viewer.userId === c.authorId);
}

/** A secretariat member or admin of the case's own organisation. */
const curatesIt = (viewer: Viewer | null, c: CaseFacts): boolean => sameOrganisation(viewer, c) && isCurator(viewer);
const secretariatOf = (viewer: Viewer | null, c: CaseFacts): boolean => sameOrganisation(viewer, c) && viewer.role === "SECRETARIAT";

export const casePolicy = {
  /**
   * Published cases are for the members of its organisation; a commons case (自治体間で共有) for the
   * members of every organisation too, and for anonymous visitors where its organisation allows
   * public reading; a 庁内限定 case for nobody outside. The rest for owners and its secretariat.
   * The same rule for lists: organisations/readership.ts.
   */
  canRead(viewer: Viewer | null, c: CaseFacts): boolean {
    if (c.status === "PUBLISHED" && c.sharing === "COMMONS" && (viewer !== null || c.publicReading === true)) return true;
    return sameOrganisation(viewer, c) && (c.status === "PUBLISHED" || isOwner(viewer, c) || isCurator(viewer));
  },
  /**
   * Adopt it, ask or answer about it, propose tags, confirm it is current, open it for editing: a
   * logged-in reader who is a member of the case's own organisation, or of any organisation when it is
   * a commons case (issue 16: another 自治体 records its adoption and asks questions). What each may do
   * then is the narrower policy's: editing, review, tags, freshness and features stay the owning
   * organisation's (they all ask `sameOrganisation`), so on a commons case another organisation's
   * member adopts and asks, and nothing more. Anonymous visitors take part in nothing.
   */
  canTakePart(viewer: Viewer | null, c: CaseFacts): viewer is Viewer {
    return !!viewer && casePolicy.canRead(viewer, c) && (sameOrganisation(viewer, c) || isCommonsCase(c));
  },
  /** Owners edit while the case is theirs to work on; the secretariat may correct it until archived. */
  canEdit(viewer: Viewer | null, c: CaseFacts): boolean {
    return (isOwner(viewer, c) && OWNER_EDITABLE.has(c.status)) || (secretariatOf(viewer, c) && CURATOR_EDITABLE.has(c.status));
  },
  /**
   * Removing a file (one uploaded by mistake, perhaps with personal information): owners while the
   * case is theirs to work on; the secretariat in any state, published and archived included.
   */
  canRemoveAttachment(viewer: Viewer | null, c: CaseFacts): boolean {
    return (isOwner(viewer, c) && OWNER_EDITABLE.has(c.status)) || secretariatOf(viewer, c);
  },
  canSubmit(viewer: Viewer | null, c: CaseFacts): boolean {
    return isOwner(viewer, c) && OWNER_EDITABLE.has(c.status);
  },
  /**
   * May decide a submitted case: publish it or send it back (the review, the only way to publishing).
   * The secretariat's job alone; case-workflow.test.ts pins who may and who may not.
   */
  mayPublish(viewer: Viewer | null, c: CaseFacts): boolean {
    return secretariatOf(viewer, c) && c.status === "SUBMITTED";
  },
  /**
   * 公開範囲 (庁内限定 / 自治体間で共有): the case's own organisation's secretariat decides, when
   * publishing (the review) or at any time after; withdrawing from the commons is the same change.
   */
  canChangeSharing(viewer: Viewer | null, c: CaseFacts): boolean {
    return secretariatOf(viewer, c) && c.status !== "DRAFT";
  },
  canArchive(viewer: Viewer | null, c: CaseFacts): boolean {
    return curatesIt(viewer, c) && c.status === "PUBLISHED";
  },
  /** Personal-information findings and review history are for owners and curators. */
  canSeeReviewDetails(viewer: Viewer | null, c: CaseFacts): boolean {
    return isOwner(viewer, c) || curatesIt(viewer, c);
  },
};

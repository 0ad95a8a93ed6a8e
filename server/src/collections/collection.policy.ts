import type { CaseSharing, CollectionScope, CollectionStatus } from "@kb/shared";
import { casePolicy, type CaseFacts } from "../cases/index.js";
import { isCurator, isHubSecretariat, type Viewer } from "../kernel/index.js";

/**
 * Who may do what with curation, as small pure functions; services and resolvers ask here.
 * Featuring and building collections are the secretariat's (collections.test.ts); admins may read drafts and the
 * dashboard but do not curate. Published collections are for everyone, like published cases.
 */
export const collectionPolicy = {
  /** Mark cases 注目, create, edit, reorder, publish and delete collections. */
  canCurate(viewer: Viewer | null): boolean {
    return viewer?.role === "SECRETARIAT";
  },
  /** Curate this organisation's collections and cases: its own secretariat only. */
  canCurateIn(viewer: Viewer | null, organisationId: string): boolean {
    return collectionPolicy.canCurate(viewer) && viewer?.organisationId === organisationId;
  },
  /**
   * Collections belong to an organisation: its members read its published ones (its curators its
   * drafts too); everyone the published ones of organisations in `openOrganisationIds`
   * (organisations/readership.ts: those that read publicly). Their entries are still filtered case
   * by case (`canSeeEntry`): a 庁内限定 case is never shown outside its organisation.
   */
  canReadIn(viewer: Viewer | null, c: { status: CollectionStatus; organisationId: string }, openOrganisationIds: readonly string[]): boolean {
    if (c.status === "PUBLISHED" && openOrganisationIds.includes(c.organisationId)) return true;
    return viewer?.organisationId === c.organisationId && isCurator(viewer);
  },
  /**
   * Curate this collection: an organisation's, its own secretariat; a COMMONS one (issue 16), the
   * installation's 広域事務局, whatever organisation it is a member of.
   */
  canCurateCollection(viewer: Viewer | null, c: { scope: CollectionScope; organisationId: string }): boolean {
    return c.scope === "COMMONS" ? isHubSecretariat(viewer) : collectionPolicy.canCurateIn(viewer, c.organisationId);
  },
  /** Create a collection of this scope. */
  canCreate(viewer: Viewer | null, scope: CollectionScope): boolean {
    return scope === "COMMONS" ? isHubSecretariat(viewer) : collectionPolicy.canCurate(viewer);
  },
  /**
   * A COMMONS collection, published, is for everyone (what each reader sees of its entries is
   * `canSeeCommonsEntry`); while a draft, for the 広域事務局 only.
   */
  canReadCommons(viewer: Viewer | null, c: { status: CollectionStatus }): boolean {
    return c.status === "PUBLISHED" || isHubSecretariat(viewer);
  },
  /** Only a commons case (published, shared with every organisation) goes into a COMMONS collection. */
  canCollectIntoCommons(c: { status: CaseFacts["status"]; sharing: CaseSharing }): boolean {
    return c.status === "PUBLISHED" && c.sharing === "COMMONS";
  },
  /** Only a published case can be featured or put in a collection. */
  canCollectCase(c: CaseFacts): boolean {
    return c.status === "PUBLISHED";
  },
  canRead(viewer: Viewer | null, c: { status: CollectionStatus }): boolean {
    return c.status === "PUBLISHED" || isCurator(viewer);
  },
  /**
   * Which entries a reader sees: a case they may read and that is still published. Curators also see
   * entries whose case was archived (or sent back) since, flagged, so they can take them out; nobody
   * else learns such a case exists.
   */
  canSeeEntry(viewer: Viewer | null, c: CaseFacts): boolean {
    if (!casePolicy.canRead(viewer, c)) return false;
    return c.status === "PUBLISHED" || isCurator(viewer);
  },
};

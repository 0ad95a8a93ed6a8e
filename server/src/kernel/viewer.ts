import type { OrganisationKind, Prefecture } from "@kb/shared";
import { AppError, forbidden } from "./app-error.js";

/** Roles; what each may do is in the policies (cases/case.policy.ts, collections/collection.policy.ts). Order matters nowhere: each check names the roles it allows. */
export const ROLES = ["STAFF", "SECRETARIAT", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles over the whole installation, beside the per-organisation role: an OPERATOR creates and lists
 * organisations (organisations/organisation.service.ts) and has no power inside any of them by it.
 * A HUB_SECRETARIAT (広域事務局, issue 16) curates the commons: commons collections, the
 * installation-wide tag vocabulary and synonyms, 募集 across organisations, the cross-organisation
 * dashboard; it reads only what the commons shares, never another organisation's 庁内限定 cases.
 */
export const INSTALLATION_ROLES = ["OPERATOR", "HUB_SECRETARIAT"] as const;
export type InstallationRole = (typeof INSTALLATION_ROLES)[number];

/**
 * Who is making the request: the logged-in user, as the request context carries it. In the kernel
 * because every slice (and the kernel's own RequestScope) speaks of it; users/ owns the User entity.
 */
export interface Viewer {
  userId: string;
  /** The tenant boundary (issue 15): every read and write of tenant rows is filtered by it in the services. */
  organisationId: string;
  /** Role within `organisationId`; it gives no power in another organisation. */
  role: Role;
  /** Installation-wide role, or null for almost everyone. */
  installationRole?: InstallationRole | null;
  departmentId: string;
  displayName: string;
  /**
   * What 似た自治体 compares of the viewer's organisation (search/similar-organisations.ts), read in
   * the session's own statement so a search page needs none of its own; absent where a viewer is
   * made otherwise (tests, sign-in), and then read when needed.
   */
  organisationFacts?: { prefecture: Prefecture; kind: OrganisationKind; population: number | null };
}

export const notSignedIn = () => new AppError("UNAUTHENTICATED", "ログインしてください。");

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw notSignedIn();
  return viewer;
}

/** Throws FORBIDDEN unless the viewer has one of `roles` (ADMIN is not implicitly allowed). */
export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw forbidden();
  return v;
}

/** The secretariat and admins curate (review, feature, manage the vocabulary); the policies ask here. */
export function isCurator(viewer: Viewer | null): boolean {
  return !!viewer && (viewer.role === "SECRETARIAT" || viewer.role === "ADMIN");
}

/** The installation's 広域事務局 (issue 16): curates the commons across organisations. */
export function isHubSecretariat(viewer: Viewer | null): boolean {
  return !!viewer && viewer.installationRole === "HUB_SECRETARIAT";
}

/** Throws FORBIDDEN unless the viewer is the installation's 広域事務局. */
export function requireHubSecretariat(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!isHubSecretariat(v)) throw forbidden();
  return v;
}

/** Throws FORBIDDEN unless the viewer is an installation operator. */
export function requireOperator(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (v.installationRole !== "OPERATOR") throw forbidden();
  return v;
}

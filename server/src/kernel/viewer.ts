import { AppError, forbidden } from "./app-error.js";

/** Roles; what each may do is in the policies (cases/case.policy.ts, collections/collection.policy.ts). Order matters nowhere: each check names the roles it allows. */
export const ROLES = ["STAFF", "SECRETARIAT", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is making the request: the logged-in user, as the request context carries it. In the kernel
 * because every slice (and the kernel's own RequestScope) speaks of it; users/ owns the User entity.
 */
export interface Viewer {
  userId: string;
  role: Role;
  departmentId: string;
  displayName: string;
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

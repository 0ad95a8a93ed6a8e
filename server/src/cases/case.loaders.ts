import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Attachment } from "../attachments/index.js";
import { departmentPaths } from "../departments/index.js";
import { Review } from "./review.entity.js";
import { CaseRevision } from "../revisions/index.js";
import { User } from "../users/index.js";

/**
 * Per-request batch loaders for what hangs off a case but is not a mapped relation of it, so a page
 * of cases costs one query per kind of thing, not one per case (search/search-features.test.ts counts
 * the statements of a search page).
 */
export function createCaseLoaders(em: EntityManager) {
  const groupBy = <T>(items: T[], key: (item: T) => string, ids: readonly string[]) => {
    const map = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const item of items) map.get(key(item))?.push(item);
    return ids.map((id) => map.get(id) ?? []);
  };
  return {
    usersById: new DataLoader<string, User | null>(async (ids) => {
      const users = await em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    departmentPath: new DataLoader<string, string[]>(async (ids) => {
      const paths = await departmentPaths(em, ids);
      return ids.map((id) => paths.get(id) ?? []);
    }),
    reviewsByCase: new DataLoader<string, Review[]>(async (ids) =>
      groupBy(await em.find(Review, { case: { $in: [...ids] } }, { orderBy: { createdAt: "asc" } }), (r) => r.case.id, ids),
    ),
    revisionsByCase: new DataLoader<string, CaseRevision[]>(async (ids) =>
      groupBy(await em.find(CaseRevision, { case: { $in: [...ids] } }, { orderBy: { version: "desc" } }), (r) => r.case.id, ids),
    ),
    attachmentsByCase: new DataLoader<string, Attachment[]>(async (ids) =>
      groupBy(await em.find(Attachment, { case: { $in: [...ids] } }, { orderBy: { createdAt: "asc" } }), (a) => a.case.id, ids),
    ),
  };
}

export type CaseLoaders = ReturnType<typeof createCaseLoaders>;

import type { EntityManager } from "@mikro-orm/postgresql";
import { Case } from "../cases/case.entity.js";
import { departmentPaths } from "../departments/department.service.js";
import { toSearchDocument, type CaseSearchDocument } from "./search-document.js";

/**
 * The index's view of a set of cases, read fresh from PostgreSQL: documents for the published
 * ones, and the ids that must leave the index (unpublished or gone). Three queries per batch.
 */
export async function loadSearchDocuments(
  em: EntityManager,
  caseIds: readonly string[],
): Promise<{ upserts: CaseSearchDocument[]; removals: string[] }> {
  const ids = [...new Set(caseIds)];
  if (!ids.length) return { upserts: [], removals: [] };
  const published = await em.find(
    Case,
    { id: { $in: ids }, status: "PUBLISHED" },
    { populate: ["tags"], orderBy: { id: "asc" } },
  );
  const paths = await departmentPaths(
    em,
    published.map((c) => c.department.id),
  );
  const upserts = published.map((c) =>
    toSearchDocument(
      c,
      paths.get(c.department.id) ?? [],
      c.tags.getItems().map((t) => t.name),
    ),
  );
  const publishedIds = new Set(published.map((c) => c.id));
  return { upserts, removals: ids.filter((id) => !publishedIds.has(id)) };
}

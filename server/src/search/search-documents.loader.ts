import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { countedAdoptionsByCase } from "../adoptions/index.js";
import { Case } from "../cases/index.js";
import { departmentAliasNames, departmentPaths } from "../departments/index.js";
import { loadSynonymExpander, type SynonymExpander } from "../synonyms/index.js";
import { toSearchDocument, type CaseSearchDocument } from "./search-document.js";

export interface LoadedDocuments {
  upserts: CaseSearchDocument[];
  /** Ids that must leave the index (unpublished or gone). */
  removals: string[];
  /** The synonym rules the documents were expanded with. */
  vocabulary: SynonymExpander;
}

/**
 * The index's view of a set of cases, read fresh from PostgreSQL: documents for the published
 * ones, and the ids that must leave the index. At most seven queries per batch (synonyms, cases,
 * tags, organisations, department paths, former department names, adoption counts), whatever the batch size.
 */
export async function loadSearchDocuments(
  em: EntityManager,
  caseIds: readonly string[],
  vocabulary?: SynonymExpander,
): Promise<LoadedDocuments> {
  const ids = [...new Set(caseIds)];
  const vocab = vocabulary ?? (await loadSynonymExpander(em));
  if (!ids.length) return { upserts: [], removals: [], vocabulary: vocab };
  const published = await em.find(
    Case,
    { id: { $in: ids }, status: "PUBLISHED" },
    // refresh: a second load in the same unit of work (the worker's re-check) must see new data.
    { populate: ["tags", "organisation"], orderBy: { id: "asc" }, refresh: true },
  );
  const departmentIds = published.map((c) => c.department.id);
  const [paths, aliases, adoptions] = await Promise.all([
    departmentPaths(em, departmentIds),
    departmentAliasNames(em, departmentIds),
    countedAdoptionsByCase(em, published.map((c) => c.id)),
  ]);
  const upserts = published.map((c) =>
    toSearchDocument(
      c,
      paths.get(c.department.id) ?? [],
      c.tags.getItems().map((t) => t.name),
      vocab,
      adoptions.get(c.id) ?? 0,
      aliases.get(c.department.id) ?? [],
    ),
  );
  const publishedIds = new Set(published.map((c) => c.id));
  return { upserts, removals: ids.filter((id) => !publishedIds.has(id)), vocabulary: vocab };
}

/**
 * Every published case's document, `batchSize` cases at a time in id order (keyset: `id > last`),
 * each batch read on fresh forks so no identity map grows; one synonym expander for the whole walk. The
 * reindex builds from it and the consistency check compares against it.
 */
export async function* publishedDocumentBatches(orm: MikroORM, batchSize: number): AsyncGenerator<CaseSearchDocument[]> {
  const expander = await loadSynonymExpander(orm.em.fork());
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await orm.em
      .fork()
      .execute<{ id: string }[]>("select id from cases where status = 'PUBLISHED' and id > ? order by id limit ?", [after, batchSize]);
    if (!rows.length) return;
    after = rows[rows.length - 1]!.id;
    yield (await loadSearchDocuments(orm.em.fork(), rows.map((r) => r.id), expander)).upserts;
  }
}

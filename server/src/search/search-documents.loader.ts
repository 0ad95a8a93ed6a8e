import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { countedAdoptionsByCase } from "../adoptions/index.js";
import { Case } from "../cases/index.js";
import { departmentAliasNames, departmentPaths } from "../departments/index.js";
import { timeSlices } from "../kernel/index.js";
import { loadSynonymExpander, type SynonymExpander } from "../synonyms/index.js";
import { toSearchDocument, type CaseSearchDocument } from "./search-document.js";

export interface LoadedDocuments {
  upserts: CaseSearchDocument[];
  /** Ids that must leave the index (unpublished or gone). */
  removals: string[];
  /** The synonym rules the documents were expanded with. */
  vocabulary: SynonymExpander;
}

/** Cases loaded per round: MikroORM's hydration of 1,000 cases with their tags held the event loop ~0.3 s. */
const LOAD_CHUNK = 250;

/**
 * The index's view of a set of cases, read fresh from PostgreSQL: documents for the published
 * ones, and the ids that must leave the index. Up to 250 cases at a time, in id order, giving the
 * event loop a turn every ~10 ms (kernel/yield-every.ts; after a chunk's hydration, at once): every
 * other request waits while a batch is hydrated and its documents built (bench:import measured
 * 0.2–0.3 s for a worker batch of 1,000 loaded in one go). Per 250 cases
 * six queries (cases, tags, organisations, department paths, former department names, adoption
 * counts), plus the synonyms once.
 */
export async function loadSearchDocuments(
  em: EntityManager,
  caseIds: readonly string[],
  vocabulary?: SynonymExpander,
): Promise<LoadedDocuments> {
  const ids = [...new Set(caseIds)].sort();
  const vocab = vocabulary ?? (await loadSynonymExpander(em));
  const upserts: CaseSearchDocument[] = [];
  const publishedIds = new Set<string>();
  const slices = timeSlices();
  for (let start = 0; start < ids.length; start += LOAD_CHUNK) {
    const published = await em.find(
      Case,
      { id: { $in: ids.slice(start, start + LOAD_CHUNK) }, status: "PUBLISHED" },
      // refresh: a second load in the same unit of work (the worker's re-check) must see new data.
      { populate: ["tags", "organisation"], orderBy: { id: "asc" }, refresh: true },
    );
    const departmentIds = published.map((c) => c.department.id);
    const [paths, aliases, adoptions] = await Promise.all([
      departmentPaths(em, departmentIds),
      departmentAliasNames(em, departmentIds),
      countedAdoptionsByCase(em, published.map((c) => c.id)),
    ]);
    for (const c of published) {
      upserts.push(
        toSearchDocument(
          c,
          paths.get(c.department.id) ?? [],
          c.tags.getItems().map((t) => t.name),
          vocab,
          adoptions.get(c.id) ?? 0,
          aliases.get(c.department.id) ?? [],
        ),
      );
      publishedIds.add(c.id);
      await slices.tick();
    }
  }
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

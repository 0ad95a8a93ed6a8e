import type { MikroORM } from "@mikro-orm/postgresql";
import type { CaseSearchIndex } from "./case-search-index.js";
import { documentHash } from "./search-document.js";
import { loadSearchDocuments, publishedDocumentBatches } from "./search-documents.loader.js";
import { enqueueSearchSync } from "./search-outbox.js";
import { isUuid } from "@kb/shared";

export interface IndexCheckReport {
  /** Published cases in PostgreSQL. */
  expected: number;
  /** Documents in Meilisearch. */
  indexed: number;
  /** Published, but not in the index. */
  missing: string[];
  /** In the index, but not a published case. */
  extra: string[];
  /** In both, but the document differs from what PostgreSQL says it should be (hash). */
  stale: string[];
  /** Cases with a change still waiting in the outbox (not counted as drift: it is on its way). */
  pending: number;
}

export const driftOf = (r: IndexCheckReport) => r.missing.length + r.extra.length + r.stale.length;


/**
 * Compares PostgreSQL and one search node (`index`; `kb check-index` checks each node) by id and by a hash of each whole document: what the index
 * holds is hashed as returned, what it should hold is built from PostgreSQL exactly as the worker
 * would build it (synonym expansion included). Cases with a pending outbox row are left out.
 * A difference seen once is looked at again before it is reported, so a write racing the check
 * is not mistaken for drift.
 */
export async function checkIndex(orm: MikroORM, index: CaseSearchIndex, options: { batchSize?: number } = {}): Promise<IndexCheckReport> {
  const batchSize = options.batchSize ?? 2000;
  const first = await compareAll(orm, index, batchSize);
  const suspects = [...first.missing, ...first.extra, ...first.stale];
  if (!suspects.length) return first;
  await new Promise((r) => setTimeout(r, 500));
  const again = await compareSome(orm, index, suspects);
  return { ...first, ...again, pending: Math.max(first.pending, again.pending) };
}

/** Queues every drifted case (missing, stale, extra) for this node's worker; ids that are not cases are removed directly. */
export async function repairIndex(orm: MikroORM, index: CaseSearchIndex, report: IndexCheckReport): Promise<number> {
  const ids = [...report.missing, ...report.stale, ...report.extra];
  const cases = ids.filter((id) => isUuid(id));
  const strays = ids.filter((id) => !isUuid(id));
  if (strays.length) await index.remove(strays);
  await orm.em.fork().transactional(async (tx) => {
    enqueueSearchSync(tx, cases, "content", index.node);
  });
  return ids.length;
}

/** Cases with a change still on its way to this node (each node has its own outbox rows). */
async function pendingCaseIds(orm: MikroORM, node: string): Promise<Set<string>> {
  const rows = await orm.em
    .fork()
    .execute<{ case_id: string }[]>("select distinct case_id from search_outbox where node = ? and processed_at is null", [node]);
  return new Set(rows.map((r) => r.case_id));
}

async function compareAll(orm: MikroORM, index: CaseSearchIndex, batchSize: number): Promise<IndexCheckReport> {
  const pending = await pendingCaseIds(orm, index.node);
  const expected = new Map<string, string>();
  for await (const upserts of publishedDocumentBatches(orm, batchSize)) {
    for (const doc of upserts) expected.set(doc.id, documentHash(doc as never));
  }
  const actual = new Map<string, string>();
  for await (const page of index.allDocuments(batchSize)) {
    for (const doc of page) actual.set(String(doc.id), documentHash(doc as never));
  }
  return diff(expected, actual, pending);
}

async function compareSome(orm: MikroORM, index: CaseSearchIndex, ids: string[]): Promise<Pick<IndexCheckReport, "missing" | "extra" | "stale" | "pending">> {
  const pending = await pendingCaseIds(orm, index.node);
  const expected = new Map<string, string>();
  const caseIds = ids.filter((id) => isUuid(id));
  for (let i = 0; i < caseIds.length; i += 1000) {
    const { upserts } = await loadSearchDocuments(orm.em.fork(), caseIds.slice(i, i + 1000));
    for (const doc of upserts) expected.set(doc.id, documentHash(doc as never));
  }
  const actual = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const page = await index.index.getDocuments({ ids: ids.slice(i, i + 1000), limit: 1000 });
    for (const doc of page.results) actual.set(String(doc.id), documentHash(doc as never));
  }
  const { missing, extra, stale } = diff(expected, actual, pending);
  return { missing, extra, stale, pending: pending.size };
}

function diff(expected: Map<string, string>, actual: Map<string, string>, pending: Set<string>): IndexCheckReport {
  const missing: string[] = [];
  const stale: string[] = [];
  const extra: string[] = [];
  for (const [id, hash] of expected) {
    if (pending.has(id)) continue;
    const found = actual.get(id);
    if (found === undefined) missing.push(id);
    else if (found !== hash) stale.push(id);
  }
  for (const id of actual.keys()) if (!expected.has(id) && !pending.has(id)) extra.push(id);
  return { expected: expected.size, indexed: actual.size, missing, extra, stale, pending: pending.size };
}

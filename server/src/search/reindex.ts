import type { MikroORM } from "@mikro-orm/postgresql";
import pRetry from "p-retry";
import type { Logger } from "../logger.js";
import type { CaseSearchIndex } from "./case-search-index.js";
import { publishedDocumentBatches } from "./search-documents.loader.js";
import { SearchReindexRun } from "./search-reindex.entity.js";

export interface ReindexOptions {
  batchSize?: number;
  /** Give up (and leave the live index as it was) when Meilisearch stays unreachable this long. */
  patienceMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ReindexReport {
  runId: string;
  documents: number;
  replayed: number;
  buildIndex: string;
  /** Meilisearch calls that failed and were tried again (e.g. while it was restarting). */
  retries: number;
}

/** A RUNNING run whose heartbeat is older than this has died (its process crashed). */
const DEAD_AFTER_MS = 5 * 60_000;

/**
 * Zero-downtime reindex: build a new index from PostgreSQL beside the live one (search keeps
 * answering from the live index meanwhile), swap them atomically, then replay every change made
 * while building.
 *
 * The replay is exact: before building, the run takes a SHARE lock on search_outbox for an instant.
 * That waits for every transaction that is writing outbox rows to finish, so every row with an id
 * up to the mark it reads then is committed, and the build (which starts after) sees its change.
 * Any change the build may have missed has a row with a greater id: after the swap those rows'
 * cases — done or not, the worker keeps done rows while a reindex runs — are queued again and
 * reach the new live index.
 *
 * Meilisearch going away during the build does not lose anything: each batch is retried until it
 * succeeds or `patienceMs` passes; if it never comes back, the live index is untouched.
 */
export async function reindex(orm: MikroORM, index: CaseSearchIndex, logger: Logger, options: ReindexOptions = {}): Promise<ReindexReport> {
  const batchSize = options.batchSize ?? 2000;
  const patienceMs = options.patienceMs ?? 10 * 60_000;
  const em = orm.em.fork();

  // One reindex at a time (a dead one is taken over).
  const run = await em.transactional(async (tx) => {
    await tx.execute("select pg_advisory_xact_lock(hashtext('kb_search_reindex'))");
    const [live] = await tx.execute<{ id: string }[]>(
      `select id from search_reindex_runs where state = 'RUNNING' and heartbeat_at > now() - ? * interval '1 millisecond'`,
      [DEAD_AFTER_MS],
    );
    if (live) throw new Error(`another reindex (${live.id}) is running`);
    await tx.execute(
      `update search_reindex_runs set state = 'FAILED', finished_at = now(), error = 'abandoned (no heartbeat)' where state = 'RUNNING'`,
    );
    const created = tx.create(SearchReindexRun, { buildIndex: "" });
    created.buildIndex = `${index.uid}__reindex_${created.id.slice(0, 8)}`;
    tx.persist(created);
    return created;
  });
  const heartbeat = (fields: Partial<Pick<SearchReindexRun, "documents" | "replayed" | "outboxMark">> = {}) =>
    orm.em.fork().nativeUpdate(SearchReindexRun, { id: run.id }, { ...fields, heartbeatAt: new Date() });
  let retries = 0;
  const patiently = <T>(what: string, call: () => Promise<T>) => retry(what, call, patienceMs, logger, () => retries++);

  try {
    const mark = await outboxMark(orm);
    await heartbeat({ outboxMark: mark });
    logger.info({ run: run.id, mark, buildIndex: run.buildIndex }, "reindex: building");

    // Leftovers of earlier, failed runs go first; then the new index gets the current settings.
    await patiently("clean up", async () => {
      const { results } = await index.client.getIndexes({ limit: 1000 });
      for (const i of results) {
        if (i.uid.startsWith(`${index.uid}__reindex_`)) await index.expectSuccess(index.client.deleteIndex(i.uid).waitTask({ timeout: 120_000 }));
      }
    });
    await patiently("create the new index", () => index.ensure(run.buildIndex));

    const [{ n } = { n: "0" }] = await em.execute<{ n: string }[]>("select count(*) as n from cases where status = 'PUBLISHED'");
    const total = Number(n);
    let done = 0;
    for await (const upserts of publishedDocumentBatches(orm, batchSize)) {
      await patiently("index a batch", () => index.upsert(upserts, run.buildIndex));
      done += upserts.length;
      options.onProgress?.(done, total);
      await heartbeat({ documents: done });
    }

    await patiently("swap the indexes", () =>
      index.expectSuccess(index.client.swapIndexes([{ indexes: [index.uid, run.buildIndex], rename: false }]).waitTask({ timeout: 120_000 })),
    );
    index.resultCache.invalidate();
    logger.info({ run: run.id, documents: done }, "reindex: swapped in the new index");

    // Every change since the mark, whether the live worker already sent it to the old index or not.
    const replayed = await orm.em.fork().transactional(async (tx) => {
      // For the node rebuilt (`kb reindex` rebuilds each node in turn); the rows since the mark of every node name the same cases.
      const rows = await tx.execute<{ case_id: string }[]>(
        `insert into search_outbox (node, case_id, enqueued_at, available_at, attempts)
         select distinct ?::text, case_id, now(), now(), 0 from search_outbox where id > ?
         returning case_id`,
        [index.node, mark],
      );
      return rows.length;
    });
    await patiently("drop the old index", () => index.expectSuccess(index.client.deleteIndex(run.buildIndex).waitTask({ timeout: 120_000 })));
    await orm.em
      .fork()
      .nativeUpdate(SearchReindexRun, { id: run.id }, { state: "DONE", finishedAt: new Date(), heartbeatAt: new Date(), documents: done, replayed });
    return { runId: run.id, documents: done, replayed, buildIndex: run.buildIndex, retries };
  } catch (error) {
    await orm.em
      .fork()
      .nativeUpdate(SearchReindexRun, { id: run.id }, { state: "FAILED", finishedAt: new Date(), error: String(error).slice(0, 2000) })
      .catch(() => {});
    throw error;
  }
}

/** The highest outbox id whose transaction has ended (see `reindex` for why a SHARE lock gives that). */
async function outboxMark(orm: MikroORM): Promise<string> {
  // 20 attempts, half a second apart.
  return pRetry(
    () =>
      orm.em.fork().transactional(async (tx) => {
        // Never hold up writers for long: give up the lock attempt and try again instead.
        await tx.execute("set local lock_timeout = '3s'");
        await tx.execute("lock table search_outbox in share mode");
        const [row] = await tx.execute<{ mark: string }[]>("select coalesce(max(id), 0)::text as mark from search_outbox");
        return row!.mark;
      }),
    { retries: 19, minTimeout: 500, factor: 1, randomize: false },
  );
}

/** Tries `call` again (0.4 s, doubling up to 5 s apart) until it succeeds or `patienceMs` has passed. */
async function retry<T>(what: string, call: () => Promise<T>, patienceMs: number, logger: Logger, onRetry: () => void): Promise<T> {
  try {
    return await pRetry(call, {
      retries: Number.POSITIVE_INFINITY,
      maxRetryTime: patienceMs,
      minTimeout: 400,
      factor: 2,
      maxTimeout: 5000,
      randomize: false,
      onFailedAttempt: ({ error, attemptNumber, retryDelay }) => {
        if (retryDelay <= 0) return; // the last attempt: no retry follows
        onRetry();
        logger.warn({ err: error, attempt: attemptNumber, delay: retryDelay }, `reindex: could not ${what}; retrying`);
      },
    });
  } catch (error) {
    throw new Error(`reindex: could not ${what} within ${patienceMs} ms: ${String(error)}`, { cause: error });
  }
}

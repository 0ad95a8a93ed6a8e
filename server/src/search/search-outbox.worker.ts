import pg from "pg";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { mapInSlices, pruneDomainEvents, timeSlices } from "../kernel/index.js";
import type { Logger } from "../logger.js";
import type { CaseSearchIndex } from "./case-search-index.js";
import { documentHash } from "./search-document.js";
import { loadSearchDocuments, type LoadedDocuments } from "./search-documents.loader.js";
import { enqueueSearchSync } from "./search-outbox.js";

export interface OutboxWorkerOptions {
  batchSize?: number;
  /**
   * Batches in flight at once (each claims its own rows). Meilisearch merges consecutive document
   * tasks into one indexing batch, so a bulk import indexes several times faster with 3 than 1.
   */
  lanes?: number;
  /**
   * Least time between the start of a drain that indexed content (rows of kind "content") and the
   * start of the next drain; writes that arrive meanwhile go into the next drain together.
   * Meilisearch spends about the same CPU on an indexing batch of one document as on one of
   * hundreds (~150–280 ms at 100k documents, measured), so under a steady trickle of edits batches
   * back to back kept a core busy indexing. Only such a trickle is spaced: a drain that found
   * nothing (a poll) or only adoption counts (the end of a counts window) does not delay the next
   * write, so a publish after a quiet moment goes at once, and under a trickle it waits at most this long.
   */
  minDrainIntervalMs?: number;
  /**
   * Rows of kind "counts" (adoption counts only) become due together at the end of the window
   * they were written in (windows aligned to the clock), so many adoptions make one indexing batch
   * and one change of the index. 0 = at once, like content rows.
   */
  countsWindowMs?: number;
  /** Poll even without a NOTIFY, in case one was missed (e.g. while reconnecting). */
  pollIntervalMs?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Done rows are kept this long (a running reindex keeps the rows it will replay regardless). */
  retentionMs?: number;
  /**
   * Create the index and apply its settings before the first batch (and again after a failed
   * attempt). For a second node, which may be down when the server starts: without it, the first
   * upsert would let Meilisearch create the index without our settings (no filterable attributes).
   */
  ensureIndex?: boolean;
  /** For fault tests only: called inside a batch, between loading the documents and indexing them. */
  beforeIndex?: (caseIds: string[]) => Promise<void>;
  /** For fault tests only: called after Meilisearch succeeded, before the rows are marked done. */
  afterIndex?: (caseIds: string[]) => Promise<void>;
}

/**
 * Drains `search_outbox` into Meilisearch: the rows of one search node (`index.node`). With a second
 * node there is one worker per node, each on its own rows, so everything below holds per node and a
 * node that is down delays only its own rows (search-nodes.ts).
 * - Rows are claimed with FOR UPDATE SKIP LOCKED, so workers on several instances never process
 *   the same row; duplicates of a case in one batch collapse into one document.
 * - Each case is reloaded from PostgreSQL (the row has no payload), so duplicate and out-of-order
 *   rows are harmless; documents carry the case's version, and upserts name the primary key.
 * - A row is marked done only after Meilisearch reports its task succeeded, in the transaction
 *   that holds the claim. On failure the claim rolls back and the rows get a later `available_at`
 *   (exponential backoff).
 * - Before marking done, the batch's documents are loaded again: if a case (or the synonyms)
 *   changed while its old document was on its way, a new row is queued, so a slow worker that
 *   delivers an old version after a fast one delivered the new version never has the last word.
 * - Woken by LISTEN/NOTIFY (the outbox trigger notifies on commit), with polling as a fallback.
 */
export class SearchOutboxWorker {
  private readonly batchSize: number;
  private readonly lanes: number;
  private readonly pollIntervalMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly retentionMs: number;
  private readonly minDrainIntervalMs: number;
  private readonly countsWindowMs: number;
  /** SQL for when a row is due (counts rows: the end of their window). */
  private readonly dueAt: string;
  /** When the last drain that indexed content rows started (the spacing counts from it). */
  private lastContentDrainStartedAt = 0;
  /** Content rows indexed so far (tells whether a drain indexed content). */
  private contentRowsIndexed = 0;
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private running = false;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopping = false;
  private lastPurge = 0;
  /** The node whose rows this worker drains. */
  readonly node: string;
  private ensured = false;
  /** A batch failed while the node did not answer its health check: release the backoff once it does. */
  private nodeWasDown = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly index: CaseSearchIndex,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.node = index.node;
    this.batchSize = options.batchSize ?? 1000;
    this.lanes = options.lanes ?? 3;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.baseBackoffMs = options.baseBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.retentionMs = options.retentionMs ?? 15 * 60_000;
    this.minDrainIntervalMs = options.minDrainIntervalMs ?? 0;
    const windowMs = Math.max(0, Math.floor(options.countsWindowMs ?? 0));
    this.countsWindowMs = windowMs;
    this.dueAt =
      windowMs > 0
        ? `case when kind = 'counts' then greatest(available_at, to_timestamp((floor(extract(epoch from enqueued_at) * 1000 / ${windowMs}) + 1) * ${windowMs} / 1000.0)) else available_at end`
        : "available_at";
  }

  async start(): Promise<void> {
    this.running = true;
    this.stopping = false;
    await this.listen();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.clearTimer();
    await this.draining;
    await this.listener?.end().catch(() => {});
    this.listener = undefined;
  }

  /** Starts a drain now (or right after the current one). */
  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    const tooSoon = this.lastContentDrainStartedAt + this.minDrainIntervalMs - Date.now();
    if (tooSoon > 0) {
      this.schedule(tooSoon);
      return;
    }
    this.clearTimer();
    const startedAt = Date.now();
    const contentBefore = this.contentRowsIndexed;
    this.draining = this.drainLanes(true)
      .then(
        async () => {
          await Promise.all([this.purgeNowAndThen(), this.afterDrain()]);
        },
        (error: unknown) => this.logger.warn({ err: error }, "search sync failed; will retry"),
      )
      .finally(() => {
        this.draining = undefined;
        if (this.contentRowsIndexed > contentBefore) this.lastContentDrainStartedAt = startedAt;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        } else {
          void this.nextDueInMs().then((due) => this.schedule(Math.min(due, this.pollIntervalMs)));
        }
      });
  }

  /**
   * A NOTIFY from the outbox trigger; its payload says what the statement wrote. Rows to index at
   * once ("content", or no payload from an older trigger) start a drain. Adoption counts alone
   * ("counts") are not due before the end of their window: the worker only sets its timer for
   * then (one small query, not a drain). Under a stream of adoptions, a drain per adoption kept
   * the worker busy finding nothing due, and a publish arriving meanwhile waited for it to end.
   * The timer looks at counts rows only: other rows have NOTIFYs (or backoff timers) of their own.
   * Looking at every row, a counts NOTIFY whose query ran just after a publish committed found
   * the publish's row due and started a second drain beside the publish's own (on a busy machine).
   */
  private notified(payload: string | undefined): void {
    if (payload !== "counts" || this.countsWindowMs === 0) {
      this.wake();
      return;
    }
    if (!this.running) return;
    void this.nextDueInMs("counts").then((due) => this.schedule(due));
  }

  /** Resolves once the outbox has no row that is due (for tests and the CLI). */
  async waitUntilIdle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.pendingCount()) === 0 && !this.draining) return;
      this.wake();
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`search outbox not drained within ${timeoutMs} ms (${await this.pendingCount()} rows left)`);
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.orm.em
      .fork()
      .execute<{ n: string }[]>("select count(*) as n from search_outbox where node = ? and processed_at is null and available_at <= now()", [this.node]);
    return Number(row?.n ?? 0);
  }

  /** Processes due rows batch by batch (several in flight) until none is left; returns how many rows were processed. */
  async drainUntilEmpty(): Promise<number> {
    return this.drainLanes(false);
  }

  /**
   * `backlogOnly`: a lane goes on only after a full batch (a backlog, e.g. an import). Rows written
   * while a partial batch was indexing are a trickle: they wait for the next wake, and so for the
   * spacing (minDrainIntervalMs), instead of following one by one inside the same drain.
   */
  private async drainLanes(backlogOnly: boolean): Promise<number> {
    let total = 0;
    const running: Promise<void>[] = [];
    // One lane first; the others only once a claim comes back full (a backlog). A wake for one
    // publish, or a poll that finds nothing, then costs one claim instead of one per lane, and a
    // publish arriving meanwhile does not wait for claims that were bound to find nothing.
    const more = () => {
      while (running.length < this.lanes) running.push(lane());
    };
    const lane = async () => {
      for (;;) {
        const processed = await this.drainBatch(more);
        total += processed;
        if (processed === 0 || this.stopping || (backlogOnly && processed < this.batchSize)) return;
      }
    };
    running.push(lane());
    // Lanes may be added while waiting: wait until every lane started so far has ended.
    for (let settled = 0; settled < running.length; ) {
      const batch = running.slice(settled);
      const outcomes = await Promise.allSettled(batch);
      settled += batch.length;
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
      if (failed) {
        await Promise.allSettled(running);
        throw failed.reason;
      }
    }
    return total;
  }

  /**
   * Like drainUntilEmpty, but survives Meilisearch being down: failed batches are retried after
   * their backoff until nothing is pending or `timeoutMs` passes (for the CLI and tests).
   */
  async drainPatiently(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.drainUntilEmpty();
      } catch (error) {
        this.logger.debug({ err: error }, "search sync failed; retrying after the backoff");
      }
      const [row] = await this.orm.em
        .fork()
        .execute<{ n: string }[]>("select count(*) as n from search_outbox where node = ? and processed_at is null", [this.node]);
      if (Number(row?.n ?? 0) === 0) {
        this.index.behind = false;
        return;
      }
      if (Date.now() > deadline) throw new Error(`search outbox still has ${row?.n} rows after ${timeoutMs} ms`);
      const wait = Math.max(20, Math.min(await this.nextDueInMs(), 1000));
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /**
   * One batch: claim, index, re-check, mark done. Returns the number of rows processed (0 = nothing due).
   * `onFullClaim`: called as soon as the claim took a full batch (more rows are probably waiting).
   */
  async drainBatch(onFullClaim?: () => void): Promise<number> {
    const em = this.orm.em.fork();
    let claimedIds: string[] = [];
    try {
      if (this.options.ensureIndex && !this.ensured) {
        await this.index.ensure();
        this.ensured = true;
      }
      return await em.transactional(async (tx) => {
        const rows = await tx.execute<{ id: string; case_id: string; kind: string }[]>(
          `select id, case_id, kind from search_outbox where node = ? and processed_at is null and ${this.dueAt} <= now()
            order by id limit ? for update skip locked`,
          [this.node, this.batchSize],
        );
        if (!rows.length) return 0;
        claimedIds = rows.map((r) => r.id);
        if (rows.length === this.batchSize) onFullClaim?.();
        const caseIds = [...new Set(rows.map((r) => r.case_id))];
        const sent = await loadSearchDocuments(tx, caseIds);
        await this.options.beforeIndex?.(caseIds);
        const indexingStarted = Date.now();
        await this.index.apply(sent.upserts, sent.removals);
        const indexingMs = Date.now() - indexingStarted;
        await this.options.afterIndex?.(caseIds);

        const stale = await changedSince(sent, await loadSearchDocuments(tx, caseIds));
        if (stale.length) {
          // For this node only; a change has rows of its own for every node already.
          enqueueSearchSync(tx, stale, "content", this.node);
          await tx.flush();
        }
        await tx.execute("update search_outbox set processed_at = now() where id in (?)", [claimedIds]);
        this.contentRowsIndexed += rows.filter((r) => r.kind !== "counts").length;
        this.logger.debug(
          { rows: rows.length, upserts: sent.upserts.length, removals: sent.removals.length, requeued: stale.length, indexingMs },
          "search synced",
        );
        return rows.length;
      });
    } catch (error) {
      if (claimedIds.length) await this.backOff(claimedIds, error);
      // Searches prefer a node that has its rows (case-search-index.ts): this one may miss some now.
      this.index.behind = true;
      if (this.options.ensureIndex) this.ensured = false;
      if (!this.nodeWasDown) this.nodeWasDown = !(await this.index.healthy());
      throw error;
    }
  }

  /**
   * After a drain without failure:
   * - A node that was down and answers again gets its waiting rows now: their backoff (up to
   *   maxBackoffMs, a minute by default) was for the outage, and the node should catch up at once.
   *   Once per outage, so rows that fail for another reason keep their backoff.
   * - Whether the node is behind (has undelivered rows that already failed once), whichever
   *   instance's worker saw them fail: searches then ask the other node first. Only with two nodes
   *   (one query per drain), or while this process marked it behind.
   */
  private async afterDrain(): Promise<void> {
    if (this.nodeWasDown && (await this.index.healthy())) {
      this.nodeWasDown = false;
      const released = await this.orm.em
        .fork()
        .execute<{ id: string }[]>(
          "update search_outbox set available_at = now() where node = ? and processed_at is null and available_at > now() returning id",
          [this.node],
        )
        .catch(() => []);
      if (released.length) {
        this.logger.info({ node: this.node, rows: released.length }, "search node is back; delivering its waiting rows now");
        this.wakeAgain = true;
      }
    }
    if (this.index.nodes().length < 2 && !this.index.behind) return;
    const [row] = await this.orm.em
      .fork()
      .execute<{ failed: boolean }[]>(
        "select exists (select 1 from search_outbox where node = ? and processed_at is null and attempts > 0) as failed",
        [this.node],
      )
      .catch(() => [{ failed: this.index.behind }]);
    this.index.behind = Boolean(row?.failed);
  }

  /** Deletes done rows past the retention, except those a running reindex will replay. */
  async purge(em: EntityManager = this.orm.em.fork()): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `delete from search_outbox
        where processed_at < now() - ? * interval '1 millisecond'
          and id <= coalesce((select min(coalesce(outbox_mark, 0)) from search_reindex_runs where state = 'RUNNING'),
                             9223372036854775807)
        returning id`,
      [this.retentionMs],
    );
    return rows.length;
  }

  private async purgeNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    const purged = await this.purge().catch((error: unknown) => {
      this.logger.warn({ err: error }, "could not purge done search outbox rows");
      return 0;
    });
    if (purged) this.logger.debug({ purged }, "purged done search outbox rows");
    // The facts behind the rows are kept longer (kernel/domain-events.ts); they are pruned here, now and then, too.
    const facts = await pruneDomainEvents(this.orm.em.fork()).catch((error: unknown) => {
      this.logger.warn({ err: error }, "could not prune old domain events");
      return 0;
    });
    if (facts) this.logger.debug({ facts }, "pruned old domain events");
  }

  /** Time until the next row is due (of one kind only, when given); the poll interval when none is pending. */
  private async nextDueInMs(kind?: "counts"): Promise<number> {
    try {
      const [row] = await this.orm.em
        .fork()
        .execute<{ ms: string | null }[]>(
          `select extract(epoch from (min(${this.dueAt}) - now())) * 1000 as ms from search_outbox
            where node = ? and processed_at is null${kind ? " and kind = ?" : ""}`,
          kind ? [this.node, kind] : [this.node],
        );
      return row?.ms == null ? this.pollIntervalMs : Math.max(0, Number(row.ms));
    } catch {
      return this.pollIntervalMs;
    }
  }

  private async backOff(ids: string[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.orm.em.fork().execute(
        `update search_outbox
            set attempts = attempts + 1,
                last_error = ?,
                available_at = now() + least(? * power(2, attempts), ?) * interval '1 millisecond'
          where id in (?)`,
        [message.slice(0, 2000), this.baseBackoffMs, this.maxBackoffMs, ids],
      );
    } catch (updateError) {
      this.logger.warn({ err: updateError }, "could not record the search sync failure");
    }
  }

  /**
   * Wakes after `delayMs`, unless a wake is already due sooner: that one stays. (The poll delay a
   * drain computes as it ends may arrive after a NOTIFY scheduled the next drain; replacing the
   * sooner timer with it held that write back for the whole poll interval.)
   */
  private schedule(delayMs: number): void {
    if (!this.running) return;
    const dueAt = Date.now() + delayMs;
    if (this.timer && this.timerDueAt <= dueAt) return;
    this.clearTimer();
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      this.wake();
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  /** LISTEN on a dedicated connection; the outbox trigger NOTIFYs on commit. Reconnects if lost. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("notification", (message) => this.notified(message.payload));
    client.on("error", (error) => {
      // 57P01: PostgreSQL is shutting down (on Ctrl-C the terminal signals it too): expected, not a fault.
      const shuttingDown = (error as { code?: string }).code === "57P01";
      this.logger[shuttingDown ? "info" : "warn"]({ err: error }, "search outbox listener lost its connection; polling until it is back");
      this.listener = undefined;
      client.end().catch(() => {});
      if (this.running) setTimeout(() => void this.listen().catch(() => {}), 1000).unref();
    });
    try {
      await client.connect();
      await client.query("listen kb_search_outbox");
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, "could not LISTEN for search outbox changes; polling instead");
      await client.end().catch(() => {});
      if (this.running) setTimeout(() => void this.listen().catch(() => {}), 1000).unref();
    }
  }
}

/**
 * Cases whose document (or absence) differs between two loads of the same batch. Hashing is ~40 ms
 * per 1,000 documents: done in slices, so that a big batch (an import's) does not hold up the
 * searches of everyone else meanwhile.
 */
export async function changedSince(sent: LoadedDocuments, now: LoadedDocuments): Promise<string[]> {
  const slices = timeSlices();
  const hashes = async (docs: LoadedDocuments["upserts"]) =>
    new Map(await mapInSlices(docs, (d) => [d.id, documentHash(d as never)] as const, slices));
  const before = await hashes(sent.upserts);
  const after = await hashes(now.upserts);
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => before.get(id) !== after.get(id));
}

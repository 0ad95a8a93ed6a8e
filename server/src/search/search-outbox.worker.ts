import pg from "pg";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "../logger.js";
import type { CaseSearchIndex } from "./case-search-index.js";
import { loadSearchDocuments } from "./search-documents.loader.js";

export interface OutboxWorkerOptions {
  batchSize?: number;
  /** Poll even without a NOTIFY, in case one was missed (e.g. while reconnecting). */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
}

/**
 * Drains `search_outbox` into Meilisearch. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * workers on several server instances never process the same row; a row is deleted only after
 * Meilisearch reports its task succeeded, in the same transaction that held the claim. On failure
 * the transaction rolls back and the rows get a later `available_at` (exponential backoff).
 */
export class SearchOutboxWorker {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly index: CaseSearchIndex,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
    options: OutboxWorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
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
    if (this.timer) clearTimeout(this.timer);
    this.draining = this.drainUntilEmpty()
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn({ err: error }, "search sync failed; will retry"),
      )
      .finally(() => {
      this.draining = undefined;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      } else {
        this.schedule(this.pollIntervalMs);
      }
    });
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
      .execute<{ n: string }[]>("select count(*) as n from search_outbox where available_at <= now()");
    return Number(row?.n ?? 0);
  }

  /** Processes due rows batch by batch until none is left; returns how many rows were processed. */
  async drainUntilEmpty(): Promise<number> {
    let total = 0;
    for (;;) {
      const processed = await this.drainBatch();
      total += processed;
      if (processed === 0 || this.stopping) return total;
    }
  }

  /** One batch: claim, index, delete. Returns the number of rows processed (0 = nothing due). */
  async drainBatch(): Promise<number> {
    const em = this.orm.em.fork();
    let claimedIds: string[] = [];
    try {
      return await em.transactional(async (tx) => {
        const rows = await tx.execute<{ id: string; case_id: string }[]>(
          `select id, case_id from search_outbox where available_at <= now()
            order by id limit ? for update skip locked`,
          [this.batchSize],
        );
        if (!rows.length) return 0;
        claimedIds = rows.map((r) => r.id);
        const { upserts, removals } = await loadSearchDocuments(tx, rows.map((r) => r.case_id));
        await this.index.upsert(upserts);
        await this.index.remove(removals);
        await tx.execute("delete from search_outbox where id in (?)", [claimedIds]);
        this.logger.debug({ rows: rows.length, upserts: upserts.length, removals: removals.length }, "search synced");
        return rows.length;
      });
    } catch (error) {
      if (claimedIds.length) await this.backOff(claimedIds, error);
      throw error;
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
        [message.slice(0, 2000), 500, this.maxBackoffMs, ids],
      );
    } catch (updateError) {
      this.logger.warn({ err: updateError }, "could not record the search sync failure");
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delayMs);
    this.timer.unref();
  }

  /** LISTEN on a dedicated connection; the outbox trigger NOTIFYs on commit. Reconnects if lost. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("notification", () => this.wake());
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

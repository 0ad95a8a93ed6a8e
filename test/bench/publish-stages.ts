/**
 * Where the time of one "publish → found by `searchCases`" goes, measured from outside the server
 * (the benchmark's freshness under load and `freshness-probe.ts` use it). Every instant is on the
 * wall clock of this machine (PostgreSQL's, Meilisearch's and Node's are the same clock):
 *   commit    the import's transaction has committed (importCases returned)
 *   notify    this process's own LISTEN kb_search_outbox got a NOTIFY (delivered at commit; the
 *             server's worker listens the same way, so it is when the server could first know)
 *   claimed   the worker's claim of the case's outbox row (processed_at: the claiming
 *             transaction's now(), taken as it claims)
 *   enqueued / started / finished   Meilisearch's own record of the document task that carried it
 *             (the first documentAdditionOrUpdate task of the index enqueued after the claim)
 *   raw       raw Meilisearch finds the case (polled every 25 ms beside the GraphQL polling)
 *   found     `searchCases` finds it (the caller's polling, as a person pressing 検索 again)
 * and `lastAskMs`, how long the `searchCases` request that found it took.
 */
import os from "node:os";
import pg from "pg";
import type { MikroORM } from "@mikro-orm/postgresql";
import { interchangeCaseSchema } from "@kb/shared";
import { importCases } from "../../server/dist/importer/import.service.js";
import { metric, percentile, postJson } from "./lib.ts";

export interface PublishSample {
  /** ms from the start of the import, for each instant above (NaN when not observed). */
  commit: number;
  notify: number;
  claimed: number;
  enqueued: number;
  started: number;
  finished: number;
  raw: number;
  found: number;
  lastAskMs: number;
  /** The Meilisearch batch the task ran in: how many tasks it held (others' documents beside ours). */
  batchTasks: number;
  batchDocuments: number;
  load: number;
}

/** The stages printed, each the span between two instants (or from the start). */
export const STAGES: [name: string, from: keyof PublishSample | null, to: keyof PublishSample, what: string][] = [
  ["commit", null, "commit", "import transaction until committed"],
  ["notify", "commit", "notify", "commit → NOTIFY received (LISTEN)"],
  ["claim", "commit", "claimed", "commit → the worker claims the outbox row"],
  ["send", "claimed", "enqueued", "claim → Meilisearch task enqueued (documents loaded, HTTP)"],
  ["queue", "enqueued", "started", "task enqueued → Meilisearch starts it (waits behind other batches)"],
  ["index", "started", "finished", "Meilisearch indexing the batch"],
  ["raw_visible", "finished", "raw", "task finished → raw Meilisearch finds it (poll 25 ms)"],
  ["answer", "finished", "found", "task finished → searchCases finds it (worker sees the task done, cache, search; poll 50 ms)"],
  ["last_search", null, "lastAskMs", "the searchCases request that found it"],
  ["total", null, "found", "publish → found by searchCases"],
];

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

export class PublishTracer {
  private listener?: pg.Client;
  private notifications: number[] = [];

  private readonly orm: MikroORM;
  private readonly databaseUrl: string;
  private readonly meili: { url: string; key: string; indexUid: string };

  constructor(orm: MikroORM, databaseUrl: string, meili: { url: string; key: string; indexUid: string }) {
    this.orm = orm;
    this.databaseUrl = databaseUrl;
    this.meili = meili;
  }

  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.databaseUrl });
    this.listener.on("notification", () => this.notifications.push(Date.now()));
    await this.listener.connect();
    await this.listener.query("listen kb_search_outbox");
  }

  async stop(): Promise<void> {
    await this.listener?.end().catch(() => {});
  }

  /**
   * Publishes `record` (whose title carries `token`) and polls `ask(token)` every 50 ms until it
   * finds it (> 0 hits; ≤ 0 = not yet or unavailable), then reads the stages back.
   */
  async publish(record: unknown, token: string, ask: (token: string) => Promise<number>, timeoutMs = 30_000): Promise<PublishSample> {
    const input = interchangeCaseSchema.parse(record);
    this.notifications = [];
    const t0 = Date.now();
    await importCases(this.orm.em.fork(), [input]);
    const commit = Date.now() - t0;
    let raw = NaN;
    let found = NaN;
    let lastAskMs = NaN;
    // Raw Meilisearch, polled beside (lightly: it shares the cores with what it measures).
    const rawPoll = (async () => {
      while (Number.isNaN(found) && Date.now() - t0 < timeoutMs) {
        const res = await postJson(`${this.meili.url}/indexes/${this.meili.indexUid}/search`, { q: token, limit: 1, locales: ["jpn"], attributesToRetrieve: ["id"] }, auth(this.meili.key));
        if ((res.body as { hits?: unknown[] }).hits?.length) {
          raw = Date.now() - t0;
          return;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    for (;;) {
      const asked = Date.now();
      const hits = await ask(token);
      if (hits > 0) {
        found = Date.now() - t0;
        lastAskMs = Date.now() - asked;
        break;
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`a published case was not found by searchCases within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await rawPoll;
    const notify = (this.notifications.find((t) => t >= t0) ?? NaN) - t0;
    // processed_at is the claiming transaction's now(), visible once the worker commits (after
    // Meilisearch's task and its re-check): under load that can be after searchCases found the case.
    let claimedAt = NaN;
    for (let tries = 0; tries < 100 && Number.isNaN(claimedAt); tries++) {
      if (tries) await new Promise((r) => setTimeout(r, 50));
      const [row] = await this.orm.em.fork().execute<{ claimed: string | null }[]>(
        `select extract(epoch from min(o.processed_at)) * 1000 as claimed
           from search_outbox o join cases c on c.id = o.case_id
          where c.title = ? and o.kind = 'content'`,
        [input.title],
      );
      if (row?.claimed != null) claimedAt = Number(row.claimed);
    }
    const sample: PublishSample = {
      commit, notify, claimed: claimedAt - t0, enqueued: NaN, started: NaN, finished: NaN, raw, found, lastAskMs,
      batchTasks: NaN, batchDocuments: NaN, load: os.loadavg()[0]!,
    };
    if (Number.isFinite(claimedAt)) {
      // processed_at has microseconds; Meilisearch's enqueuedAt is later than the claim by the send.
      const after = new Date(Math.floor(claimedAt) - 1).toISOString();
      const tasks = await this.get<{ results: { uid: number; batchUid: number | null; enqueuedAt: string; startedAt: string | null; finishedAt: string | null }[] }>(
        `/tasks?indexUids=${this.meili.indexUid}&types=documentAdditionOrUpdate&afterEnqueuedAt=${encodeURIComponent(after)}&reverse=true&limit=1`,
      );
      const task = tasks.results[0];
      if (task) {
        sample.enqueued = Date.parse(task.enqueuedAt) - t0;
        sample.started = task.startedAt ? Date.parse(task.startedAt) - t0 : NaN;
        sample.finished = task.finishedAt ? Date.parse(task.finishedAt) - t0 : NaN;
        if (task.batchUid != null) {
          const batch = await this.get<{ stats: { totalNbTasks: number }; details?: { receivedDocuments?: number } }>(`/batches/${task.batchUid}`);
          sample.batchTasks = batch.stats.totalNbTasks;
          sample.batchDocuments = batch.details?.receivedDocuments ?? NaN;
        }
      }
    }
    return sample;
  }

  private async get<T>(p: string): Promise<T> {
    const res = await fetch(`${this.meili.url}${p}`, { headers: auth(this.meili.key) });
    return (await res.json()) as T;
  }
}

/** The span of one stage in a sample (NaN when an instant is missing). */
export function stageMs(sample: PublishSample, from: keyof PublishSample | null, to: keyof PublishSample): number {
  return sample[to] - (from ? sample[from] : 0);
}

/**
 * Prints p50/p95 of every stage as JSON lines (`<prefix>.stage.<name>.p50|p95`); `target` goes on
 * the end-to-end p95 (`<prefix>.stage.total.p95`).
 */
export function printStages(prefix: string, samples: PublishSample[], extra: Record<string, unknown> = {}, target?: string): void {
  for (const [name, from, to, what] of STAGES) {
    const values = samples.map((s) => stageMs(s, from, to)).filter(Number.isFinite).sort((a, b) => a - b);
    for (const p of [50, 95] as const) {
      const withTarget = name === "total" && p === 95 && target ? { target } : {};
      metric(`${prefix}.stage.${name}.p${p}`, percentile(values, p), "ms", { samples: values.length, stage: what, ...extra, ...withTarget });
    }
  }
  const batched = samples.map((s) => s.batchTasks).filter(Number.isFinite).sort((a, b) => a - b);
  metric(`${prefix}.stage.batch_tasks.p50`, percentile(batched, 50), "tasks", { max: batched.at(-1), note: "tasks in the Meilisearch batch that indexed the case" });
}

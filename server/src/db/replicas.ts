import { AsyncLocalStorage } from "node:async_hooks";
import { EntityManager, PostgreSqlDriver, type MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "../logger.js";
import { isDatabaseUnavailable } from "./connection-errors.js";

/**
 * PostgreSQL read replicas (issue 17) through MikroORM's own `replicas`, for reads that tolerate a
 * little lag — search hydration and lists — and nothing else.
 *
 * MikroORM's default (`preferReadReplicas: true`) sends every read outside a transaction to a random
 * replica, including the read-modify-write of every service and the session lookup. We turn that off
 * (db/orm.ts) and opt in narrowly: each request has one `ReadRoute`, decided once, and one extra
 * EntityManager fork (`KbEntityManager` with a route) that the composition root hands to the listing
 * services only (app/request-context.ts). Every other query stays on the primary.
 *
 * Three rules keep it invisible to the user:
 *  - A replica is used only while the monitor below finds it up, still replaying (not promoted) and
 *    at most `maxLagMs` behind; otherwise lag-tolerant reads go to the primary.
 *  - Read-your-writes: a request carrying the WAL position of its person's last mutation (the
 *    `kb_written_lsn` cookie, http/) uses only a replica that has replayed past it. LSNs rather than a time window: exact (no window to tune against the real lag) and free
 *    (one `pg_current_wal_lsn()` after a write, none after a read).
 *  - A replica query that fails because the replica is unreachable is retried on the primary at once,
 *    and the monitor stops using replicas until its next successful look: never an error for the user.
 */

/** WAL positions ("16/B374D848") as numbers that compare. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split("/");
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

export function isLsn(text: string): boolean {
  return /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(text);
}

/** The cookie that carries the WAL position of its holder's last write (see ReadRoute). */
export const WRITTEN_LSN_COOKIE = "kb_written_lsn";

interface ReplicaState {
  up: boolean;
  replayLsn: bigint;
  /** Upper bound of how far behind the primary it is (ms), from the primary's sampled positions. */
  lagMs: number;
}

export interface ReplicaMonitorOptions {
  maxLagMs: number;
  intervalMs: number;
  logger?: Logger;
}

/**
 * Looks at the primary and each replica every `intervalMs`: the primary's current WAL position is
 * sampled, then each replica's replay position. A replica's lag is bounded by "now − the latest
 * sample it has replayed past": exact enough, and unlike `now() − pg_last_xact_replay_timestamp()`
 * it does not grow while the primary is idle.
 */
export class ReplicaMonitor {
  private readonly states: ReplicaState[];
  private samples: { at: number; lsn: bigint }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly driver: KbPostgreSqlDriver,
    readonly options: ReplicaMonitorOptions,
  ) {
    this.states = driver.replicaConnections().map(() => ({ up: false, replayLsn: 0n, lagMs: Infinity }));
  }

  async start(): Promise<void> {
    await this.poll();
    const tick = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.poll().finally(tick), this.options.intervalMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  /** Indexes of the replicas a lag-tolerant read may use now. */
  usable(): number[] {
    return this.states.flatMap((s, i) => (s.up && s.lagMs <= this.options.maxLagMs ? [i] : []));
  }

  /**
   * A replica a reader whose last write is at `writtenLsn` (null: none known) may read from now, at
   * random among those that qualify, or null. The replay positions are the last look's, so at most
   * behind the truth: a replica judged past the write is past it.
   */
  pick(writtenLsn: bigint | null): number | null {
    const fit = this.usable().filter((i) => writtenLsn === null || this.states[i]!.replayLsn >= writtenLsn);
    return fit.length ? fit[Math.floor(Math.random() * fit.length)]! : null;
  }

  /** A replica query failed as unreachable: use none until the next look finds them (and look now). */
  suspect(error: unknown): void {
    this.options.logger?.warn({ err: error }, "a read replica did not answer; reading from the primary");
    for (const s of this.states) s.up = false;
    void this.poll();
  }

  /** The primary's WAL position now: at or past every commit that has returned. */
  async primaryLsn(): Promise<string> {
    const [row] = await this.driver.getConnection("write").execute<{ lsn: string }[]>("select pg_current_wal_lsn()::text as lsn");
    return row!.lsn;
  }

  /** For /healthz and tests: each replica's state. */
  snapshot(): { up: boolean; lagMs: number | null; replayLsn: string }[] {
    return this.states.map((s) => ({
      up: s.up,
      lagMs: Number.isFinite(s.lagMs) ? s.lagMs : null,
      replayLsn: `${(s.replayLsn >> 32n).toString(16).toUpperCase()}/${(s.replayLsn & 0xffffffffn).toString(16).toUpperCase()}`,
    }));
  }

  /** One look at everything (concurrent calls share it). */
  poll(): Promise<void> {
    this.polling ??= this.look().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async look(): Promise<void> {
    const timeout = Math.max(500, this.options.intervalMs * 2);
    try {
      const at = Date.now();
      const lsn = parseLsn(await withTimeout(this.primaryLsn(), timeout));
      this.samples.push({ at, lsn });
    } catch {
      // The primary itself is away: replicas cannot be judged (nor written to); the app reports that elsewhere.
    }
    // Samples older than the bound only say "too far behind"; keep one of them as the floor.
    const horizon = Date.now() - this.options.maxLagMs - 2 * this.options.intervalMs;
    while (this.samples.length > 1 && this.samples[1]!.at < horizon) this.samples.shift();
    await Promise.all(
      this.driver.replicaConnections().map(async (connection, i) => {
        const state = this.states[i]!;
        try {
          const [row] = await withTimeout(
            connection.execute<{ recovery: boolean; lsn: string | null }[]>("select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as lsn"),
            timeout,
          );
          // A promoted replica no longer follows this primary: its answers may diverge.
          if (!row?.recovery || !row.lsn) throw new Error("not a streaming replica (promoted, or not replaying)");
          state.replayLsn = parseLsn(row.lsn);
          const caughtUp = this.samples.filter((s) => s.lsn <= state.replayLsn).at(-1);
          state.lagMs = caughtUp ? Date.now() - caughtUp.at : Infinity;
          if (!state.up) this.options.logger?.info({ replica: i, lagMs: state.lagMs }, "read replica is answering");
          state.up = true;
        } catch (error) {
          if (state.up) this.options.logger?.warn({ replica: i, err: error }, "read replica is not answering; reading from the primary");
          state.up = false;
        }
      }),
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The replica a request's route chose, while a reader fork's query runs (set by `onReplica` below). */
const chosenReplica = new AsyncLocalStorage<number>();

/**
 * MikroORM's driver, reading from the replica the request's route chose (MikroORM's own picks any
 * configured one at random per query, up or down, and knows nothing of the reader's last write).
 * A 'read' asked for outside a route goes to a usable replica, or the primary when there is none.
 */
export class KbPostgreSqlDriver extends PostgreSqlDriver {
  monitor: ReplicaMonitor | undefined;

  override getConnection(type: "read" | "write" = "write") {
    if (type === "write" || !this.monitor) return super.getConnection("write");
    const chosen = chosenReplica.getStore() ?? this.monitor.pick(null);
    return chosen === null ? super.getConnection("write") : this.replicas[chosen]!;
  }

  replicaConnections() {
    return this.replicas;
  }
}

/**
 * Where one request's lag-tolerant reads go, decided at its first such read and kept for the request:
 * one replica, so its lists come from one server, not a mix. A mutation pins it to the primary before
 * any resolver runs (http/: the GraphQL plugin), so what a write returns is read back from the primary.
 */
export class ReadRoute {
  /** undefined: not decided yet; null: the primary; else the replica's index. */
  private decided: number | null | undefined;
  private pinned = false;

  constructor(
    private readonly monitor: ReplicaMonitor,
    /** The WAL position of the reader's last write, from their cookie (null: none or unknown). */
    private readonly writtenLsn: bigint | null,
  ) {}

  pinToPrimary(): void {
    this.pinned = true;
  }

  get isPinned(): boolean {
    return this.pinned;
  }

  /** The replica this request reads from, or null for the primary. */
  replica(): number | null {
    if (this.pinned) return null;
    if (this.decided === undefined) this.decided = this.monitor.pick(this.writtenLsn);
    return this.decided;
  }

  replicaFailed(error: unknown): void {
    this.decided = null;
    this.monitor.suspect(error);
  }
}

/**
 * The ORM's EntityManager class. Without a route (every EntityManager but a request's reader fork)
 * it is MikroORM's own. With one, the reads below go to a replica when the route says so, outside
 * transactions only (MikroORM pins a transaction to the primary anyway), and are retried on the
 * primary when the replica is unreachable.
 */
export class KbEntityManager extends EntityManager {
  readRoute: ReadRoute | undefined;
}

/** The reads a reader fork routes; their options are the third argument (execute's: method or options). */
const ROUTED = ["find", "findOne", "findAndCount", "count", "execute"] as const;
type Routed = (...args: unknown[]) => Promise<unknown>;
for (const name of ROUTED) {
  const base = EntityManager.prototype[name] as unknown as Routed;
  // Not async itself: every EntityManager but a reader fork goes straight to MikroORM's method.
  Object.defineProperty(KbEntityManager.prototype, name, {
    configurable: true,
    writable: true,
    value: function routed(this: KbEntityManager, ...args: unknown[]): Promise<unknown> {
      const route = this.readRoute;
      const replica = route && !this.isInTransaction() ? route.replica() : null;
      if (replica === null) return base.apply(this, args);
      return onReplica(this, base, name, args, route!, replica);
    },
  });
}

async function onReplica(em: KbEntityManager, base: Routed, name: (typeof ROUTED)[number], args: unknown[], route: ReadRoute, replica: number): Promise<unknown> {
  try {
    return await chosenReplica.run(replica, () => base.apply(em, withConnection(name, args, "read")));
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    route.replicaFailed(error);
    // Explicitly the primary: the inner reads of findAndCount carry 'read' from the outer call.
    return base.apply(em, withConnection(name, args, "write"));
  }
}

function withConnection(name: (typeof ROUTED)[number], args: unknown[], connectionType: "read" | "write"): unknown[] {
  if (name === "execute") {
    const [query, params, methodOrOptions, loggerContext] = args;
    const options = typeof methodOrOptions === "object" && methodOrOptions !== null ? methodOrOptions : { method: methodOrOptions ?? "all", loggerContext };
    return [query, params, { ...options, connectionType }];
  }
  const out = [...args];
  while (out.length < 3) out.push(undefined);
  out[2] = { ...(out[2] as object | undefined), connectionType };
  return out;
}

/** The request's reader fork: `em` itself when the ORM has no replicas. */
export function readerFork(em: EntityManager, route: ReadRoute | undefined): EntityManager {
  if (!route || !(em instanceof KbEntityManager)) return em;
  const fork = em.fork() as KbEntityManager;
  fork.readRoute = route;
  return fork;
}

/** The ORM's replica monitor, when it has replicas. */
export function replicaMonitorOf(orm: MikroORM): ReplicaMonitor | undefined {
  const driver = orm.driver as unknown;
  return driver instanceof KbPostgreSqlDriver ? driver.monitor : undefined;
}

/** Starts watching the ORM's replicas (none configured: nothing to do). */
export async function startReplicaMonitor(orm: MikroORM, options: ReplicaMonitorOptions): Promise<ReplicaMonitor | undefined> {
  const driver = orm.driver as unknown;
  if (!(driver instanceof KbPostgreSqlDriver) || !driver.replicaConnections().length) return undefined;
  const monitor = new ReplicaMonitor(driver, options);
  driver.monitor = monitor;
  await monitor.start();
  return monitor;
}

import type { EntityManager } from "@mikro-orm/postgresql";
import { CompiledQuery, type Kysely } from "kysely";
import { normalizeSearchQueryForStats } from "@kb/shared";
import { ANONYMOUS_SEARCHES } from "./search-query-stat.entity.js";

/** Distinct (query, day) pairs kept in memory between flushes; beyond it new pairs are dropped (counted). */
export const MAX_PENDING_QUERIES = 1000;
/** How long counts wait in memory before they are written (one statement for all of them). */
export const FLUSH_AFTER_MS = 5_000;

interface Pending {
  organisationId: string;
  query: string;
  day: string;
  searches: number;
  zeroResults: number;
  last: Date;
}

type Connection = ReturnType<EntityManager["getConnection"]>;

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in Japan (YYYY-MM-DD) a moment falls on: the unit search statistics are kept by. */
export function tokyoDay(at: Date): string {
  return dayFormat.format(at);
}

/**
 * Counts searches for the dashboard without slowing search down: `record` only adds to an in-memory
 * map (bounded: at most MAX_PENDING_QUERIES pairs wait; more are dropped and counted in `dropped`),
 * and a timer (unref'd, armed only while something waits) writes everything in ONE upsert. A failed
 * write is dropped, never retried into the request path: these are statistics, not records.
 * One recorder per database connection pool (so per server process and per test backend).
 */
export class SearchQueryRecorder {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Pairs not kept because the map was full (since start). */
  dropped = 0;

  constructor(private readonly connection: Connection) {}

  /** A search the person ran: its words and whether it found anything. Never throws. */
  record(rawQuery: string, total: number, at = new Date(), organisationId: string = ANONYMOUS_SEARCHES): void {
    const query = normalizeSearchQueryForStats(rawQuery);
    if (!query) return;
    const day = tokyoDay(at);
    const key = `${organisationId}\u0000${day}\u0000${query}`;
    let entry = this.pending.get(key);
    if (!entry) {
      if (this.pending.size >= MAX_PENDING_QUERIES) {
        this.dropped++;
        return;
      }
      entry = { organisationId, query, day, searches: 0, zeroResults: 0, last: at };
      this.pending.set(key, entry);
    }
    entry.searches++;
    if (total === 0) entry.zeroResults++;
    if (at > entry.last) entry.last = at;
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes what is waiting (tests and shutdown call it; the timer does otherwise). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.flushing.then(() => (batch.length ? this.write(batch) : undefined)).catch(() => {});
    return this.flushing;
  }

  /**
   * One upsert with bound parameters, sent on the pool's own client rather than through
   * `connection.execute`, so it never shows up among the statements a request runs (the search page's
   * "3 SQL statements" measure counts those).
   */
  private async write(batch: Pending[]): Promise<void> {
    const values = batch.map((_, i) => `($${i * 6 + 1}::uuid, $${i * 6 + 2}, $${i * 6 + 3}::date, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`).join(", ");
    const client = this.connection.getClient() as Kysely<unknown>;
    await client.executeQuery(
      CompiledQuery.raw(
        `insert into search_query_stats (organisation_id, query, day, searches, zero_results, last_searched_at) values ${values}
       on conflict (organisation_id, query, day) do update set
         searches = search_query_stats.searches + excluded.searches,
         zero_results = search_query_stats.zero_results + excluded.zero_results,
         last_searched_at = greatest(search_query_stats.last_searched_at, excluded.last_searched_at)`,
        batch.flatMap((p) => [p.organisationId, p.query, p.day, p.searches, p.zeroResults, p.last]),
      ),
    );
  }
}

const recorders = new WeakMap<Connection, SearchQueryRecorder>();

/** The recorder of the pool behind `em` (every fork of one ORM shares it). */
export function searchQueryRecorder(em: EntityManager): SearchQueryRecorder {
  const connection = em.getConnection();
  let recorder = recorders.get(connection);
  if (!recorder) {
    recorder = new SearchQueryRecorder(connection);
    recorders.set(connection, recorder);
  }
  return recorder;
}

import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { isDatabaseUnavailable } from "../db/index.js";
import { AppError, type RequestContext } from "../kernel/index.js";
import { viewerOf } from "./session.js";

/**
 * Writes per minute: GraphQL mutations and POSTs to /api (uploads, imports), counted per
 * signed-in user, or per client address for anonymous requests (with five times the budget: a
 * city hall's staff often share one NAT address). Reads are not counted: search stays fast, and
 * the size of a read is bounded by graphql-limits.ts and the request deadline instead.
 *
 * The counters are in PostgreSQL (rate_limit_buckets), so every server instance behind a balancer
 * counts into the same bucket: N instances do not give a user N× the budget (test/e2e/two-instances
 * proves it). One upsert per counted request, timed by the database's clock (instances need not
 * agree on the time); a mutation writes anyway, so this adds one short statement to a write and
 * nothing to a read. A window is a fixed minute from the first write in it, as before with the
 * in-memory limiter. Login failures are limited separately, in PostgreSQL too (auth/auth.service.ts).
 */
export const ANONYMOUS_FACTOR = 5;
/** Buckets past their minute are deleted at most this often per instance (any instance may). */
const PURGE_EVERY_MS = 5 * 60_000;

export class MutationRateLimit {
  private lastPurge = Date.now();

  constructor(
    readonly perMinute: number,
    private readonly orm: MikroORM,
  ) {}

  /** Counts `points` writes; null when allowed, else the seconds to wait. */
  async take(who: { userId: string | null; ip: string }, points = 1): Promise<number | null> {
    if (this.perMinute <= 0) return null;
    const [key, limit] = who.userId ? [`user:${who.userId}`, this.perMinute] : [`ip:${who.ip}`, this.perMinute * ANONYMOUS_FACTOR];
    // When PostgreSQL cannot count, the write cannot happen either: let it through to fail there
    // with DATABASE_UNAVAILABLE (as before, when the counters were in memory), not here.
    const [bucket] = await this.orm.em
      .getConnection()
      .execute<{ points: number; ms: string }[]>(
        `insert into rate_limit_buckets as b (key, points, resets_at) values (?, ?, now() + interval '1 minute')
         on conflict (key) do update set
           points = case when b.resets_at <= now() then excluded.points else b.points + excluded.points end,
           resets_at = case when b.resets_at <= now() then excluded.resets_at else b.resets_at end
         returning points, extract(epoch from (resets_at - now())) * 1000 as ms`,
        [key, points],
      )
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) return [];
        throw error;
      });
    this.purgeNowAndThen();
    if (!bucket || bucket.points <= limit) return null;
    return Math.max(1, Math.ceil(Number(bucket.ms) / 1000));
  }

  /** Deletes buckets whose minute is long over (in the background; a failure only leaves rows for next time). */
  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    void this.orm.em
      .getConnection()
      .execute("delete from rate_limit_buckets where resets_at < now() - interval '1 minute'")
      .catch(() => {});
  }
}

export function rateLimited(retryAfterSeconds: number): AppError {
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds}秒` : `${Math.ceil(retryAfterSeconds / 60)}分`;
  return new AppError("RATE_LIMITED", `操作が続いたため、しばらく受け付けを停止しています。${wait}ほど待ってからもう一度お試しください。`);
}

/**
 * Counts each mutation field of an operation (aliases are capped by graphql-limits.ts) before it
 * runs; a limited operation runs nothing and answers HTTP 429 with Retry-After and RATE_LIMITED.
 */
export function mutationRateLimitPlugin(limit: MutationRateLimit): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          const points = Math.max(1, operation.selectionSet.selections.length);
          const wait = await limit.take({ userId: contextValue.viewer?.userId ?? null, ip: contextValue.clientIp }, points);
          if (wait === null) return;
          const error = rateLimited(wait);
          throw new GraphQLError(error.message, {
            originalError: error,
            extensions: { http: { status: 429, headers: new HeaderMap([["retry-after", String(wait)]]) } },
          });
        },
      };
    },
  };
}

/** The same budget for writes under /api (multipart uploads and imports): 429, Retry-After, a Japanese JSON message. */
export function apiWriteRateLimit(limit: MutationRateLimit, orm: MikroORM): RequestHandler {
  return async (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const viewer = await viewerOf(orm, req);
    const wait = await limit.take({ userId: viewer?.userId ?? null, ip: req.ip ?? "unknown" });
    if (wait === null) return next();
    const error = rateLimited(wait);
    res.status(429).set("Retry-After", String(wait)).json({ error: { code: error.code, message: error.message, fields: [] } });
  };
}

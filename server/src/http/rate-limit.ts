import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError, type RequestContext } from "../kernel/index.js";
import { viewerOf } from "./session.js";

/**
 * Writes per minute: GraphQL mutations and POSTs to /api (uploads, imports), counted per
 * signed-in user, or per client address for anonymous requests (with five times the budget: a
 * city hall's staff often share one NAT address). Reads are not counted: search stays fast, and
 * the size of a read is bounded by graphql-limits.ts and the request deadline instead.
 *
 * The counters are in memory, per server process: the product runs as one process next to its
 * database. With several instances behind a balancer each counts on its own (a user gets N× the
 * budget); rate-limiter-flexible's RateLimiterPostgres would share them at the cost of one write
 * per mutation. Login failures are limited separately, in PostgreSQL (auth/auth.service.ts).
 */
export const ANONYMOUS_FACTOR = 5;

export class MutationRateLimit {
  private readonly perUser: RateLimiterMemory | null;
  private readonly perAddress: RateLimiterMemory | null;

  constructor(readonly perMinute: number) {
    this.perUser = perMinute > 0 ? new RateLimiterMemory({ keyPrefix: "user", points: perMinute, duration: 60 }) : null;
    this.perAddress = perMinute > 0 ? new RateLimiterMemory({ keyPrefix: "ip", points: perMinute * ANONYMOUS_FACTOR, duration: 60 }) : null;
  }

  /** Counts `points` writes; null when allowed, else the seconds to wait. */
  async take(who: { userId: string | null; ip: string }, points = 1): Promise<number | null> {
    const limiter = who.userId ? this.perUser : this.perAddress;
    if (!limiter) return null;
    try {
      await limiter.consume(who.userId ?? who.ip, points);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
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

import type { EntityManager } from "@mikro-orm/postgresql";
import type { Viewer } from "./viewer.js";

/** How a resolver sets or clears the session cookie without knowing about HTTP. */
export interface SessionCookie {
  /** The token the request came with, if any. */
  token: string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/**
 * Who is asking and the request's own EntityManager: what every request has, whichever door it came
 * in by (GraphQL or a plain-HTTP route). The composition root (app/request-context.ts) adds the
 * request's services and loaders.
 */
export interface RequestScope {
  /** The logged-in user, or null for an anonymous request. */
  viewer: Viewer | null;
  clientIp: string;
  /** The browser's User-Agent header, kept with a new session so its owner can recognise it. */
  userAgent: string | null;
  session: SessionCookie;
  /** Forked for this request: its own identity map, never the global EntityManager. */
  em: EntityManager;
  /**
   * For reads that tolerate a little lag (search hydration, lists): a read replica's EntityManager
   * when the request may use one (db/replicas.ts: replicas up, within the lag bound, past the
   * reader's last write, not a mutation), else `em` itself. Never for writes or read-modify-write.
   */
  readonly reads: EntityManager;
  /** Where lag-tolerant reads go; null without read replicas. A mutation pins it to the primary. */
  readRoute: ReadRouting | null;
}

/** What the GraphQL layer may ask of a request's read route (db/replicas.ts ReadRoute). */
export interface ReadRouting {
  pinToPrimary(): void;
}

/**
 * The request's services and loaders. Empty here on purpose: the kernel knows no slice. The composition
 * root (app/request-context.ts) fills both in by declaration merging, so `ctx.services.cases` is typed
 * wherever a RequestContext is, and resolvers import this type from the kernel, not from the root.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by app/request-context.ts
export interface RequestServices {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by app/request-context.ts
export interface RequestLoaders {}

/** Per request: a forked EntityManager (its own identity map), fresh loaders, services bound to them. */
export interface RequestContext extends RequestScope {
  services: RequestServices;
  loaders: RequestLoaders;
}

export interface RequestInfo {
  viewer?: Viewer | null;
  clientIp?: string;
  userAgent?: string | null;
  session?: SessionCookie;
  /**
   * The request's deadline (http/request-deadline.ts): every query of the request's
   * EntityManager is cancelled in PostgreSQL when it fires.
   */
  signal?: AbortSignal;
}

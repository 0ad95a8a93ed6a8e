import type { ApolloServerPlugin } from "@apollo/server";
import type { MikroORM } from "@mikro-orm/postgresql";
import { parseCookie } from "cookie";
import type { Request, RequestHandler, Response } from "express";
import type { AppConfig } from "../config/index.js";
import { isLsn, parseLsn, ReadRoute, replicaMonitorOf, WRITTEN_LSN_COOKIE, type ReplicaMonitor } from "../db/index.js";
import type { RequestContext } from "../kernel/index.js";
import type { Logger } from "../logger.js";
import type { RequestDeadline } from "./request-deadline.js";

/**
 * The HTTP side of read replicas (db/replicas.ts): each request's ReadRoute, from the cookie that
 * carries the WAL position of its holder's last write; that cookie, set by a request that committed;
 * and the pin that keeps a mutation's own reads on the primary.
 *
 * Why a cookie, and unsigned: it travels with the person to whichever instance serves their next
 * request, with no shared store and no write of its own. It only steers where its holder's own lists
 * are read from, never what they may read (readership is in the SQL either way): a forged low value
 * shows its forger older lists, a forged high one sends their reads to the primary — as without replicas.
 */
export function readRouteOf(orm: MikroORM, req: Request): ReadRoute | undefined {
  const monitor = replicaMonitorOf(orm);
  if (!monitor) return undefined;
  const header = req.headers.cookie;
  const written = header ? parseCookie(header)[WRITTEN_LSN_COOKIE] : undefined;
  const route = new ReadRoute(monitor, written && isLsn(written) ? parseLsn(written) : null);
  routes.set(req, route);
  return route;
}

const routes = new WeakMap<Request, ReadRoute>();

/** A mutation's reads (what it returns, what its resolvers check) come from the primary. */
export function readRoutePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === "mutation") contextValue.readRoute?.pinToPrimary();
        },
      };
    },
  };
}

/**
 * After a mutation that committed: the primary's WAL position now (at or past that commit) goes into
 * the cookie, so the person's next reads use a replica only once it has replayed their write.
 * Only mutations: a query's own bookkeeping commits (the search log, a session's last-seen time) are
 * nothing its person reads back, and counting them would send every searcher's next page to the primary.
 */
export function rememberWrites(orm: MikroORM, mode: AppConfig["cookieSecure"], logger: Logger) {
  return async (req: Request, res: Response, deadline: RequestDeadline): Promise<void> => {
    const monitor = replicaMonitorOf(orm);
    if (!monitor || !deadline.hasCommitted || !routes.get(req)?.isPinned) return;
    await setWrittenLsn(monitor, req, res, mode, logger);
  };
}

const READING_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const reportsWrite = new WeakSet<Response>();

/**
 * A read under /api that reports a write its person started and the server finished after that
 * request had answered (an import run that is over): the cookie then, as after the write itself.
 */
export function markWritten(res: Response): void {
  reportsWrite.add(res);
}

/**
 * The same for the REST routes under /api (uploads, imports, saved mappings, 人事異動), in one place
 * for all of them: a writing request (any method but GET, HEAD and OPTIONS) that succeeded (status
 * below 400), or a read marked with markWritten, gets the cookie just before its answer goes out.
 * Each route answers only after its transaction committed, so the position read then is past it.
 * By method, not by counting commits: a POST that stores nothing (a dry run) only keeps its person on
 * the primary until a replica has replayed up to then (usually at once), while a write left out would
 * show them a list without it.
 *
 * The answer is held back by wrapping `res.end` (as compression does), because reading the position
 * is asynchronous and a header cannot be added once the answer has started to go out.
 */
export function rememberApiWrites(orm: MikroORM, mode: AppConfig["cookieSecure"], logger: Logger): RequestHandler {
  return (req, res, next) => {
    const monitor = replicaMonitorOf(orm);
    if (!monitor) return next();
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      const wrote = !READING_METHODS.has(req.method) || reportsWrite.has(res);
      if (!wrote || res.statusCode >= 400 || res.headersSent) return end(...args);
      void setWrittenLsn(monitor, req, res, mode, logger).finally(() => end(...args));
      return res;
    }) as Response["end"];
    next();
  };
}

/** Ten minutes is ample: a replica that far behind is past any lag bound and skipped anyway. */
async function setWrittenLsn(monitor: ReplicaMonitor, req: Request, res: Response, mode: AppConfig["cookieSecure"], logger: Logger): Promise<void> {
  try {
    const lsn = await monitor.primaryLsn();
    res.cookie(WRITTEN_LSN_COOKIE, lsn, { httpOnly: true, sameSite: "lax", secure: mode === "always" || (mode === "tls" && req.secure), maxAge: 10 * 60_000, path: "/" });
  } catch (error) {
    // The write itself succeeded; without the position its author may briefly see an older list.
    logger.warn({ err: error }, "could not read the WAL position after a write");
  }
}

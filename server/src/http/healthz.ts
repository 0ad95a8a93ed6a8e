import type { MikroORM } from "@mikro-orm/postgresql";
import type { RequestHandler } from "express";
import { replicaMonitorOf } from "../db/index.js";
import type { BackingServices } from "../infra/index.js";
import type { CaseSearchIndex } from "../search/index.js";

/**
 * GET /healthz. 200 `{"status":"ok"}` when the database and the search answer; 503
 * `{"status":"degraded","down":["search"],…}` while a part is down — the server itself keeps
 * answering (reads that need the part get a coded *_UNAVAILABLE error, writes are kept in the
 * database and reach the index later). 503 takes an instance out of a load balancer's rotation and
 * pages whoever watches it; it is not a reason to restart the process (use "answers at all" as a
 * liveness probe): the server restarts its embedded PostgreSQL and Meilisearch itself, and
 * `embedded` says what it is doing (`running` / `restarting`, and how often it had to).
 *
 * With two search nodes (README, Search availability), `searchNodes` says how each one is. One node
 * down is 200 with `"status":"degraded"` and the node in `degraded`: searches still answer (they fail
 * over), and every instance shares the nodes, so a 503 would take all of them out of rotation for
 * nothing. Only both nodes down make "search" down (503). Watch `status`, not only the code.
 */
export function healthz(orm: MikroORM, index: CaseSearchIndex, embedded: BackingServices["embedded"] = () => ({})): RequestHandler {
  const replicas = replicaMonitorOf(orm);
  return async (_req, res) => {
    const nodes = index.nodes();
    const [database, ...answering] = await Promise.all([
      orm.em
        .fork()
        .execute("select 1")
        .then(
          () => true,
          () => false,
        ),
      ...nodes.map((node) => node.healthy()),
    ]);
    const search = answering.some(Boolean);
    const down = [...(database ? [] : ["database"]), ...(search ? [] : ["search"])];
    const degraded = search ? nodes.filter((_, i) => !answering[i]).map((node) => `search:${node.node}`) : [];
    res.status(down.length ? 503 : 200).json({
      status: down.length || degraded.length ? "degraded" : "ok",
      down,
      ...(nodes.length > 1 ? { degraded } : {}),
      database: database ? "ok" : "unavailable",
      search: search ? "ok" : "unavailable",
      ...(nodes.length > 1
        ? {
            // Per node: does it answer, is its index behind the outbox (catching up), how often readers were sent to the other.
            searchNodes: Object.fromEntries(
              nodes.map((node, i) => [node.node, { status: answering[i] ? "ok" : "unavailable", behind: node.behind, failovers: node.failovers }]),
            ),
          }
        : {}),
      embedded: embedded(),
      // Since start: how many searches the result cache answered (for operators and `npm run load`).
      searchCache: { hits: index.resultCache.hits, misses: index.resultCache.misses },
      // Read replicas (db/replicas.ts), when configured: informative only — one down or lagging is
      // skipped (its reads go to the primary), so it never makes the instance degraded.
      ...(replicas ? { replicas: replicas.snapshot() } : {}),
    });
  };
}

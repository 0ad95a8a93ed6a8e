import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "../logger.js";

/** The node named by MEILI_URL (or the embedded Meilisearch): the application writes its outbox rows. */
export const PRIMARY_NODE = "primary";
/** The second node (MEILI_REPLICA_URL or KB_SEARCH_REPLICA=embedded). */
export const REPLICA_NODE = "replica";

/**
 * Makes `search_nodes` say which nodes besides "primary" get outbox rows: the configured ones.
 * A node registered now starts behind by every case, so all of them are queued for it (in the same
 * transaction: the node never misses a write made between the two statements). Every case, not only
 * the published ones: a node that was registered before may still hold documents of cases
 * unpublished meanwhile, and the worker removes those.
 * A node no longer configured is removed with its undelivered rows, which nothing would ever drain.
 * Every instance of the server must be given the same nodes (README, Search availability).
 */
export async function registerSearchNodes(orm: MikroORM, configured: readonly string[], logger: Logger): Promise<{ added: string[]; removed: string[] }> {
  const others = configured.filter((name) => name !== PRIMARY_NODE);
  return orm.em.fork().transactional(async (tx) => {
    // One registration at a time across instances started together.
    await tx.execute("select pg_advisory_xact_lock(hashtext('kb_search_nodes'))");
    const removed = (
      await tx.execute<{ name: string }[]>(
        others.length ? "delete from search_nodes where name not in (?) returning name" : "delete from search_nodes returning name",
        others.length ? [others] : [],
      )
    ).map((r) => r.name);
    if (removed.length) await tx.execute("delete from search_outbox where node in (?) and processed_at is null", [removed]);
    const added: string[] = [];
    for (const name of others) {
      const [row] = await tx.execute<{ name: string }[]>(
        "insert into search_nodes (name, registered_at) values (?, now()) on conflict do nothing returning name",
        [name],
      );
      if (!row) continue;
      added.push(name);
      await tx.execute("insert into search_outbox (node, case_id, enqueued_at, available_at) select ?::text, id, now(), now() from cases", [
        name,
      ]);
    }
    if (added.length || removed.length) logger.info({ added, removed }, "search nodes registered");
    return { added, removed };
  });
}

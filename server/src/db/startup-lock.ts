import pg from "pg";

/** Any constant: the key of the lock below (advisory locks are per database). */
const STARTUP_LOCK = 0x6b62_7374; // "kbst"

/**
 * Runs `fn` while holding a session-level advisory lock on the database, so that N server
 * instances (or a server and a `kb` command) started at once migrate, create the search index and
 * load the seeds one after another: the first does the work, the others find it done. The lock
 * lives on a connection of its own and goes with it, so a starter that dies mid-way blocks nobody.
 */
export async function withStartupLock<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A lost connection is reported by the query awaiting it; without a listener it would crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await fn();
  } finally {
    await client.end().catch(() => {});
  }
}

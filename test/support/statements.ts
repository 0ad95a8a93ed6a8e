import { AsyncLocalStorage } from "node:async_hooks";
import { vi } from "vitest";

type Connection = { execute: (...args: never[]) => Promise<unknown> };

const counting = new AsyncLocalStorage<string[]>();

/**
 * The SQL statements `run` itself sends on `connection` (the ORM's one connection object, which every
 * forked EntityManager shares), in order.
 *
 * Only statements sent from `run`'s own async context count. Work that merely happens at the same
 * time, such as a timer set earlier (the search-query recorder's flush, a rate-limit purge), is not
 * this request's cost. Counting every `execute` call in the window once made a CI run on a loaded
 * machine count 13 where the request sent 12. Timers that `run` itself sets do count, if they fire
 * before it returns.
 */
export async function statementsSentBy(connection: Connection, run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const execute = connection.execute;
  const spy = vi.spyOn(connection, "execute").mockImplementation(function (this: unknown, ...args: never[]) {
    counting.getStore()?.push(String(args[0]));
    return execute.apply(connection, args);
  });
  try {
    await counting.run(sent, run);
  } finally {
    spy.mockRestore();
  }
  return sent;
}

/** A statement's shape: its text with each `in (?, ?, …)` list as `in (?)`, so a loader's batches of any size compare equal. */
export function statementShape(sql: string): string {
  return sql.replace(/\bin \((\?(, )?)+\)/g, "in (?)").replace(/\s+/g, " ").trim();
}

/** How often each statement shape was sent, most frequent first. */
export function shapeCounts(statements: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of statements) counts.set(statementShape(s), (counts.get(statementShape(s)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Long synchronous work in slices. One Node process answers every user: a loop over 3,000 rows
 * that never lets go holds up every other request for as long as it runs (the admin import took
 * the event loop for up to 0.7 s at a time). `await slices.tick()` inside such a loop gives the
 * event loop a turn once the current slice has run `budgetMs`; in between it costs one clock read.
 * An `await` of an already-resolved promise does not do this: it runs before any I/O callback.
 */
export interface Slices {
  /** Yields to the event loop (after I/O and timers) when the current slice has used up its budget. */
  tick(): Promise<void>;
}

/** Slices of about `budgetMs` of work (10 ms: a request waits at most that long behind a slice). */
export function timeSlices(budgetMs = 10): Slices {
  let sliceStart = performance.now();
  return {
    async tick() {
      if (performance.now() - sliceStart < budgetMs) return;
      await nextTurn();
      sliceStart = performance.now();
    },
  };
}

/** `items.map(fn)`, in slices that let the event loop run (fn synchronous, order kept). */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U, slices: Slices = timeSlices()): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    await slices.tick();
  }
  return out;
}

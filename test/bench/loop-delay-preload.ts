import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * Loaded into the server under measurement (`node --import`, by import-stall.ts): the server's own
 * event-loop delay, which no client can see directly. Every SIGUSR2 appends the delay since the
 * previous one (max, p99, p50 in ms) as a JSON line to KB_BENCH_LOOP_FILE and starts afresh.
 * Resolution 1 ms: a stall shorter than that is not the kind this measures.
 */
const file = process.env.KB_BENCH_LOOP_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  process.on("SIGUSR2", () => {
    const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
    const line = { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), p50Ms: ms(histogram.percentile(50)), samples: histogram.count };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    histogram.reset();
  });
}

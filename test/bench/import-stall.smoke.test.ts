import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { runNode } from "../support/processes.js";

/**
 * `npm run bench:import` is not part of `npm test` (a 3,000-row CSV and Excel import, a minute or
 * two); this runs the same script on 200 rows against the run's services, so it cannot rot unnoticed.
 * No figure is judged here: only that every one is printed.
 */
describe("import event-loop benchmark (smoke)", () => {
  it("imports a CSV and an Excel file through the routes and prints every figure as a JSON line", { timeout: 180_000 }, async () => {
    const { code, output } = await runNode(path.join("test", "bench", "import-stall.ts"), [], {
      DATABASE_URL: inject("databaseAdminUrl"),
      MEILI_URL: inject("meiliUrl"),
      MEILI_MASTER_KEY: inject("meiliMasterKey"),
      BENCH_IMPORT_ROWS: "200",
      BENCH_IDLE_SECONDS: "1",
    });
    expect(code, output.slice(-3000)).toBe(0);
    const metrics = new Map<string, { value: number; rows?: number }>();
    for (const line of output.split("\n")) {
      if (!line.startsWith("{")) continue;
      const parsed = JSON.parse(line) as { metric: string; value: number; rows?: number };
      metrics.set(parsed.metric, parsed);
    }
    for (const label of ["idle", "import.csv", "import.xlsx"]) {
      for (const name of ["event_loop_delay.max", "event_loop_delay.p99", "ping.max", "ping.p99"]) {
        expect(Number.isFinite(metrics.get(`${label}.${name}`)?.value), `${label}.${name}`).toBe(true);
      }
    }
    for (const format of ["csv", "xlsx"]) {
      for (const phase of ["dry_run", "run", "indexing"]) expect(metrics.has(`import.${format}.${phase}.event_loop_delay.max`), `${format} ${phase}`).toBe(true);
      // The script checks the dry run planned, and the run created, every row; it says how many.
      expect(metrics.get(`import.${format}.event_loop_delay.max`)?.rows).toBe(200);
    }
  });
});

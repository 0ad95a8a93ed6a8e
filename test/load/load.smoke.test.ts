import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { runNode } from "../support/processes.js";

/**
 * `npm run load` is not part of `npm test` (100k cases, a minute of load); this runs the same
 * script at a tiny scale against the run's services, so it cannot rot unnoticed. No timing asserts.
 */
describe("load script (smoke)", () => {
  // One server, and two behind the round-robin proxy (--instances, test/support/round-robin-proxy.ts).
  for (const instances of [1, 2]) {
    it(`runs the mixed workload end to end on ${instances} instance(s) and prints its figures as JSON lines, without errors`, { timeout: 180_000 }, async () => {
      const { code, output } = await runNode(path.join("test", "load", "load.ts"), ["--cases", "300", "--rate", "20", "--duration", "5", "--instances", String(instances)], {
        DATABASE_URL: inject("databaseAdminUrl"),
        MEILI_URL: inject("meiliUrl"),
        MEILI_MASTER_KEY: inject("meiliMasterKey"),
      });
      expect(code, output.slice(-3000)).toBe(0);
      const metrics = new Map<string, { value: number; unit: string; requests?: number }>();
      for (const line of output.split("\n")) {
        if (line.startsWith("{")) {
          const parsed = JSON.parse(line) as { metric: string; value: number; unit: string };
          metrics.set(parsed.metric, parsed);
        }
      }
      expect(metrics.get("load.cases")?.value).toBe(300);
      if (instances > 1) expect(metrics.get("load.instances")?.value).toBe(instances);
      for (const kind of ["search", "case", "createCase", "submitCase", "adoption", "all"]) {
        for (const p of [50, 95, 99]) {
          const m = metrics.get(`load.${kind}.p${p}`);
          expect(m, `load.${kind}.p${p}`).toBeDefined();
          expect(Number.isFinite(m!.value), `load.${kind}.p${p}`).toBe(true);
        }
      }
      expect(metrics.get("load.rate.achieved")!.value).toBeGreaterThan(0);
      expect(metrics.get("load.server.rss")!.value).toBeGreaterThan(0);
      for (const type of ["non2xx", "graphql", "timeouts", "network", "total"]) {
        expect(metrics.get(`load.errors.${type}`)?.value, `${type}: ${output.slice(-3000)}`).toBe(0);
      }
    });
  }
});

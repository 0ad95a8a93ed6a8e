import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { MEILISEARCH_MAX_INDEXING_MEMORY, startEmbeddedMeilisearch, type RunningMeilisearch } from "./embedded-meilisearch.js";

/**
 * The embedded engine's launch options that the freshness of search depends on. With Meilisearch's
 * default indexing memory (two thirds of RAM) every one-document batch set up ~800 MiB of writer
 * queues on a 24 GB machine and a just-published case took up to seconds to be found (issue 12,
 * item 7; measured with test/bench/freshness-probe.ts, figures in README's Benchmarks). Timings are
 * the benchmark's to print; this checks the running process really carries the bound.
 */
let dataDir: string;
let meili: RunningMeilisearch;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-meili-"));
  meili = await startEmbeddedMeilisearch(dataDir, createLogger("silent"));
});

afterAll(async () => {
  await meili?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe("embedded Meilisearch", () => {
  it("runs with a fixed indexing memory and half the cores for indexing, and answers", async () => {
    const args = readFileSync(`/proc/${meili.pid}/cmdline`, "utf8").split("\0");
    expect(args).toContain(`--max-indexing-memory=${MEILISEARCH_MAX_INDEXING_MEMORY}`);
    expect(MEILISEARCH_MAX_INDEXING_MEMORY).toBe("1GiB");
    expect(args).toContain(`--max-indexing-threads=${Math.max(1, Math.floor(os.availableParallelism() / 2))}`);
    const health = await fetch(`${meili.url}/health`);
    expect(await health.json()).toEqual({ status: "available" });
  });
});

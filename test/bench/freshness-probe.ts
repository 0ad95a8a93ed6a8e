/**
 * `node test/bench/freshness-probe.ts` (after `npm run build`): where the time of "publish → found by
 * search" goes, sample by sample. Not part of `npm run bench`; a tool for when the freshness figure
 * moves. Prints one JSON line per sample on stdout:
 *   commitMs   the import's transaction (PostgreSQL)
 *   rawMs      until raw Meilisearch finds the case (polled every 5 ms)
 *   gqlMs      until GraphQL `searchCases` (the default server, cache on) finds it (polled every 20 ms)
 *   task       Meilisearch's own record of the document task: waited (enqueued → started) and duration
 *   batch      the batch that task ran in: its task count, duration, the time its progressTrace
 *              puts in none of its steps (untracedMs) and its slowest steps (of 20 ms or more)
 * and on stderr, first, the bulk indexing of the imported cases: batches, time, slowest steps.
 *
 *   PROBE_CASES    cases imported first (default 300)
 *   PROBE_SAMPLES  publishes measured (default 15)
 *   PROBE_MEILI_ARGS  extra Meilisearch launch options, space-separated (e.g.
 *                  "--max-indexing-threads=2 --max-indexing-memory=4GiB"): the probe then starts
 *                  Meilisearch itself with the embedded launch options plus these (an option given
 *                  here as --name=value replaces the embedded one of that name)
 *   PROBE_LOAD_RATE   > 0: instead, measure while the load script (test/load/load.ts) runs its mix at
 *                  this many operations/s against the default server, and print each sample's stages
 *                  (publish-stages.ts) and their p50/p95 as `probe.under_load.stage.*` lines
 *   PROBE_LOAD_SECONDS  how long the load runs (default 90)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { interchangeCaseSchema } from "@kb/shared";
import { importCases } from "../../server/dist/importer/import.service.js";
import { MEILISEARCH_MAX_INDEXING_MEMORY, prepareMeilisearchBinary } from "../../server/dist/infra/embedded-meilisearch.js";
import { generateCase } from "../support/case-generator.ts";
import { importGeneratedCases, note, postJson, REPO_ROOT, SEARCH_GQL, setNotePrefix, spawnNode, startServer, startStack } from "./lib.ts";
import { printStages, PublishTracer, stageMs, STAGES, type PublishSample } from "./publish-stages.ts";

setNotePrefix("freshness-probe");
const CASES = Number(process.env.PROBE_CASES ?? 300);
const SAMPLES = Number(process.env.PROBE_SAMPLES ?? 15);
const LOAD_RATE = Number(process.env.PROBE_LOAD_RATE ?? 0);
const LOAD_SECONDS = Number(process.env.PROBE_LOAD_SECONDS ?? 90);
const EXTRA_ARGS = (process.env.PROBE_MEILI_ARGS ?? "").split(/\s+/).filter(Boolean);
const stops: (() => Promise<void>)[] = [];

async function startOwnMeilisearch(): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(REPO_ROOT, ".data", "probe-meili-"));
  stops.unshift(() => fsp.rm(dir, { recursive: true, force: true }));
  const binary = await prepareMeilisearchBinary(dir);
  const key = `k${randomBytes(24).toString("hex")}`;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const args = [
    "--db-path", path.join(dir, "data.ms"), "--http-addr", `127.0.0.1:${port}`, `--master-key=${key}`,
    "--env", "development", "--no-analytics", "--log-level", "WARN",
    ...[
      `--max-indexing-threads=${Math.max(1, Math.floor(os.availableParallelism() / 2))}`,
      `--max-indexing-memory=${MEILISEARCH_MAX_INDEXING_MEMORY}`,
    ].filter((option) => !EXTRA_ARGS.some((a) => a.split("=")[0] === option.split("=")[0])),
    ...EXTRA_ARGS,
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise((r) => child.once("exit", r));
  stops.unshift(async () => {
    child.kill("SIGTERM");
    await exited;
  });
  for (let i = 0; ; i++) {
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
    if (i > 300 || child.exitCode !== null) throw new Error("Meilisearch did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  note(`Meilisearch ${args.slice(10).join(" ")}`);
  process.env.MEILI_URL = `http://127.0.0.1:${port}`;
  process.env.MEILI_MASTER_KEY = key;
}

interface Task { uid: number; batchUid: number; enqueuedAt: string; startedAt: string; finishedAt: string; duration: string; details?: { receivedDocuments?: number } }
interface Batch { uid: number; stats: { totalNbTasks: number; progressTrace?: Record<string, string> }; duration: string }

/** Milliseconds of an ISO 8601 duration (task and batch records) or of a progressTrace figure ("51.71µs", "8.48ms", "3.01s"). */
const ms = (text: string): number => {
  const iso = /^PT(?:(\d+)M)?([\d.]+)S$/.exec(text);
  if (iso) return (Number(iso[1] ?? 0) * 60 + Number(iso[2])) * 1000;
  const trace = /^([\d.]+)(ns|µs|ms|s)$/.exec(text);
  return trace ? Number(trace[1]) * { ns: 1e-6, µs: 1e-3, ms: 1, s: 1000 }[trace[2] as "ns"] : NaN;
};

async function main(): Promise<void> {
  if (EXTRA_ARGS.length) await startOwnMeilisearch();
  const stack = await startStack("probe", stops, { KB_SEARCH_CACHE_ENTRIES: "0" });
  const { meiliUrl, meiliKey, indexUid, orm } = stack;
  const auth = { authorization: `Bearer ${meiliKey}` };
  const get = async <T>(p: string): Promise<T> => (await fetch(`${meiliUrl}${p}`, { headers: auth })).json() as Promise<T>;
  const { searchableSeconds } = await importGeneratedCases(stack, CASES);
  note(`${CASES} cases imported and searchable in ${searchableSeconds.toFixed(1)} s`);
  // The bulk indexing: its batches, their total duration, and the steps that took the most of it.
  const bulk = (await get<{ results: Batch[] }>(`/batches?indexUids=${indexUid}&types=documentAdditionOrUpdate&limit=1000`)).results;
  const bulkSteps = new Map<string, number>();
  for (const b of bulk) for (const [step, d] of Object.entries(b.stats.progressTrace ?? {})) bulkSteps.set(step, (bulkSteps.get(step) ?? 0) + ms(d));
  const leaves = [...bulkSteps].filter(([step]) => ![...bulkSteps.keys()].some((other) => other.startsWith(`${step} > `)));
  const traced = leaves.filter(([step]) => step.startsWith("processing tasks > indexing")).reduce((sum, [, d]) => sum + d, 0);
  note(
    `bulk: ${bulk.length} batches, ${Math.round(bulk.reduce((sum, b) => sum + ms(b.duration), 0))} ms in all, ` +
      `${Math.round(bulkSteps.get("processing tasks > indexing") ?? 0)} ms indexing of which ${Math.round(traced)} ms in its traced steps; slowest: ` +
      JSON.stringify(Object.fromEntries(leaves.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([step, d]) => [step, Math.round(d)]))),
  );
  // As the benchmark does: the default server (cache on) takes over, and applies the settings again.
  await stack.server.stop();
  // Under load, as the benchmark: the load script's clients each send their own X-Forwarded-For.
  const defaults = await startServer(stack, stops, LOAD_RATE > 0 ? { KB_TRUST_PROXY: "loopback" } : {});
  note(`${CASES} cases; default server at ${defaults.baseUrl}`);
  const ask = async (query: string) => {
    const res = await postJson(`${defaults.baseUrl}graphql`, { query: SEARCH_GQL, variables: { query, first: 20, offset: 0 } });
    return (res.body as { data: { searchCases: { hits: unknown[] } } }).data.searchCases.hits.length;
  };
  if (LOAD_RATE > 0) return underLoad(stack, defaults.baseUrl, ask);
  for (let i = 0; i < SAMPLES; i++) {
    const token = Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join("");
    const record = interchangeCaseSchema.parse({ ...generateCase(CASES + i, 4242), title: `${token} の公開事例` });
    await ask(token);
    const start = performance.now();
    await importCases(orm.em.fork(), [record]);
    const commitMs = performance.now() - start;
    let rawMs = NaN;
    let gqlMs = NaN;
    let lastAsk = 0;
    while (Number.isNaN(gqlMs)) {
      const now = performance.now() - start;
      if (now > 30_000) throw new Error("not found within 30 s");
      if (Number.isNaN(rawMs)) {
        const res = await postJson(`${meiliUrl}/indexes/${indexUid}/search`, { q: token, limit: 1, locales: ["jpn"], attributesToRetrieve: ["id"] }, auth);
        if ((res.body as { hits: unknown[] }).hits.length) rawMs = performance.now() - start;
      }
      if (now - lastAsk >= 20) {
        lastAsk = now;
        if ((await ask(token)) > 0) gqlMs = performance.now() - start;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const { results } = await get<{ results: Task[] }>(`/tasks?indexUids=${indexUid}&types=documentAdditionOrUpdate&limit=1`);
    const task = results[0]!;
    const batch = await get<Batch>(`/batches/${task.batchUid}`);
    const trace = batch.stats.progressTrace ?? {};
    // Leaf steps only: what a parent ("processing tasks > indexing") took beyond them is in no step.
    const leaves = Object.entries(trace)
      .filter(([step]) => !Object.keys(trace).some((other) => other.startsWith(`${step} > `)))
      .map(([step, d]) => [step, ms(d)] as const);
    const leafSum = leaves.filter(([step]) => step.startsWith("processing tasks > indexing > ")).reduce((sum, [, d]) => sum + d, 0);
    const steps = leaves
      .map(([step, d]) => [step, Math.round(d)] as const)
      .filter(([, d]) => d >= 20)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    const line = {
      sample: i,
      commitMs: Math.round(commitMs),
      rawMs: Math.round(rawMs),
      gqlMs: Math.round(gqlMs),
      task: { uid: task.uid, waitedMs: Date.parse(task.startedAt) - Date.parse(task.enqueuedAt), durationMs: Math.round(ms(task.duration)) },
      batch: {
        uid: batch.uid,
        tasks: batch.stats.totalNbTasks,
        durationMs: Math.round(ms(batch.duration)),
        untracedMs: Math.round(ms(trace["processing tasks > indexing"] ?? "0ms") - leafSum),
        steps: Object.fromEntries(steps),
      },
      load: os.loadavg()[0]!.toFixed(2),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    if (process.env.PROBE_DUMP) process.stdout.write(`${JSON.stringify(batch)}\n`);
    await new Promise((r) => setTimeout(r, 150 + ((i * 373) % 1700)));
  }
}

/** The same publishes while the load script runs its mix against the default server, stage by stage. */
async function underLoad(stack: Awaited<ReturnType<typeof startStack>>, baseUrl: string, ask: (q: string) => Promise<number>): Promise<void> {
  const load = spawnNode(path.join(REPO_ROOT, "test/load/load.ts"), ["--url", baseUrl, "--rate", String(LOAD_RATE), "--duration", String(LOAD_SECONDS)], {
    DATABASE_URL: stack.databaseUrl,
  });
  stops.unshift(() => load.stop());
  await load.waitFor(/operations\/s for/, 300_000);
  const tracer = new PublishTracer(stack.orm, stack.databaseUrl, { url: stack.meiliUrl, key: stack.meiliKey, indexUid: stack.indexUid });
  await tracer.start();
  stops.unshift(() => tracer.stop());
  const samples: PublishSample[] = [];
  const started = performance.now();
  const tolerant = (q: string) => ask(q).catch(() => -1);
  for (let i = 0; i < SAMPLES && load.child.exitCode === null && performance.now() - started < (LOAD_SECONDS - 5) * 1000; i++) {
    const token = Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join("");
    const record = { ...generateCase(CASES + 1000 + i, 4242), title: `${token} の公開事例` };
    await tolerant(token);
    const sample = await tracer.publish(record, token, tolerant);
    samples.push(sample);
    const line: Record<string, unknown> = { sample: i };
    for (const [name, from, to] of STAGES) line[name] = Math.round(stageMs(sample, from, to));
    line.batchTasks = sample.batchTasks;
    line.batchDocuments = sample.batchDocuments;
    line.load = sample.load.toFixed(2);
    process.stdout.write(`${JSON.stringify(line)}\n`);
    await new Promise((r) => setTimeout(r, 150 + ((i * 373) % 1700)));
  }
  printStages("probe.under_load", samples, { loadRate: LOAD_RATE, cases: CASES });
  await new Promise<void>((resolve) => (load.child.exitCode !== null ? resolve() : load.child.once("exit", () => resolve())));
  for (const l of load.output().split("\n")) if (/"metric":"load\.(rate\.achieved|search\.p95|all\.p95|errors\.total)"/.test(l)) process.stdout.write(`${l}\n`);
}

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch((error: unknown) => note(`cleanup: ${String(error)}`));
}

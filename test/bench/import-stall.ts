/**
 * `npm run bench:import`: how long a 3,000-row table import (CSV, then Excel) through the admin
 * page's HTTP routes holds up the server's event loop, i.e. every other request of every user.
 * Prints JSON lines ({"metric", "value", "unit", …}) on stdout; progress goes to stderr.
 *
 *   BENCH_IMPORT_ROWS   rows per file (default 3000)
 *   BENCH_IDLE_SECONDS  the idle baseline's length (default 3)
 *   BENCH_SERVER_NODE_OPTIONS  more Node options for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 *   DATABASE_URL / MEILI_URL (+ MEILI_MASTER_KEY): use these services instead of fresh embedded ones
 *
 * Two measures, idle and during each import (upload + dry run, start, until the run is done), in
 * the same run: the server's own event-loop delay (perf_hooks.monitorEventLoopDelay, loaded into
 * the server by loop-delay-preload.ts, max and p99), and what a user feels: a small GET sent every
 * 10 ms, its latency (max and p99). Each import is also measured phase by phase: the upload with
 * its dry run, the run (start → its transaction commits), and the rest: the search worker indexing
 * the new cases (not the importer's work, but the same process's event loop).
 */
import fsp from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createUser } from "../../server/dist/users/user.service.js";
import { importCsv, importMapping, importRow, IMPORT_COLUMNS } from "../support/import-csv.ts";
import { writeXlsx } from "../support/xlsx.ts";
import { httpRequest, metric, note, percentile, REPO_ROOT, setNotePrefix, startStack } from "./lib.ts";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 3000);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 3);
const stops: (() => Promise<void>)[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

async function main(): Promise<void> {
  setNotePrefix("bench:import");
  metric("machine.cpus", os.cpus().length, "cores", { model: os.cpus()[0]?.model ?? "?" });
  metric("machine.load_average", os.loadavg()[0]!, "1-min", { at: "start", note: "other work on the machine shares its cores" });

  const loopFile = path.join(os.tmpdir(), `kb-loop-${process.pid}.jsonl`);
  await fsp.writeFile(loopFile, "");
  stops.unshift(() => fsp.rm(loopFile, { force: true }));
  const stack = await startStack("bench-import", stops, {
    KB_BENCH_LOOP_FILE: loopFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${path.join(REPO_ROOT, "test/bench/loop-delay-preload.ts")} ${process.env.BENCH_SERVER_NODE_OPTIONS ?? ""}`.trim(),
  });
  const server = stack.server.child;
  const baseUrl = stack.baseUrl;
  note(`server at ${baseUrl}, ${ROWS} rows per file`);

  // The server's event-loop delay since the previous call (the first call only starts afresh).
  let linesRead = 0;
  const loopDelay = async (): Promise<{ maxMs: number; p99Ms: number; p50Ms: number; samples: number }> => {
    server.kill("SIGUSR2");
    for (let i = 0; i < 200; i++) {
      const lines = (await fsp.readFile(loopFile, "utf8")).split("\n").filter(Boolean);
      if (lines.length > linesRead) {
        linesRead = lines.length;
        return JSON.parse(lines.at(-1)!) as never;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("the server wrote no event-loop delay (is loop-delay-preload.ts loaded?)");
  };

  const email = `bench-import-${stack.suffix}@example.jp`;
  const password = `bench-import-${stack.suffix}-password`;
  await createUser(stack.orm.em.fork(), { email, displayName: "ベンチ 管理者", role: "ADMIN", department: "情報政策課", departmentPath: ["総務部"], password });
  const login = await httpRequest(`${baseUrl}graphql`, {
    body: JSON.stringify({ query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, variables: { e: email, p: password } }),
    headers: { "content-type": "application/json", "x-kb-request": "1" },
  });
  const signedIn = login.headers["set-cookie"]?.[0]?.split(";")[0];
  if (!signedIn) throw new Error(`could not sign in: ${login.text}`);
  const cookie: string = signedIn;

  // The files, built before any clock starts.
  const csvRows = Array.from({ length: ROWS }, (_, i) => importRow(i, { seed: 3000, offset: 0, titleMark: "CSV" }));
  const csv = Buffer.from(importCsv(csvRows), "utf8");
  const xlsx = writeXlsx("事例一覧", [IMPORT_COLUMNS, ...Array.from({ length: ROWS }, (_, i) => xlsxRow(i))]);

  await measure("idle", async () => new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000)));
  for (const [format, file, prefix] of [
    ["csv", { name: "cases.csv", bytes: csv }, "CSV-"],
    ["xlsx", { name: "cases.xlsx", bytes: xlsx }, "XLSX-"],
  ] as const) {
    await measure(`import.${format}`, (phase) => runImport(file, prefix, phase));
  }
  metric("machine.load_average", os.loadavg()[0]!, "1-min", { at: "end" });

  /**
   * Runs `work` while pinging; prints the server's loop delay and the pings' latency during it. The
   * work may call `phase(name)` at the end of each of its phases: the server's loop delay during
   * that phase alone is printed too.
   */
  async function measure(label: string, work: (phase: (name: string) => Promise<void>) => Promise<Record<string, unknown> | void>): Promise<void> {
    await loopDelay();
    const phases: { maxMs: number; p99Ms: number }[] = [];
    const phase = async (name: string) => {
      const d = await loopDelay();
      phases.push({ maxMs: d.maxMs, p99Ms: d.p99Ms });
      metric(`${label}.${name}.event_loop_delay.max`, d.maxMs, "ms", { p99: d.p99Ms });
      maxOfPhases = Math.max(maxOfPhases, d.maxMs);
    };
    let maxOfPhases = 0;
    const pings: number[] = [];
    let pinging = true;
    const pinger = (async () => {
      while (pinging) {
        const t0 = performance.now();
        await httpRequest(`${baseUrl}healthz`, { agent, timeoutMs: 30_000 }).catch(() => undefined);
        const took = performance.now() - t0;
        pings.push(took);
        await new Promise((r) => setTimeout(r, Math.max(0, 10 - took)));
      }
    })();
    const t0 = performance.now();
    const extra = (await work(phase)) ?? {};
    const seconds = (performance.now() - t0) / 1000;
    pinging = false;
    await pinger;
    const rest = await loopDelay();
    const loop = phases.length ? { maxMs: Math.max(maxOfPhases, rest.maxMs), p99Ms: Math.max(rest.p99Ms, ...phases.map((p) => p.p99Ms)), p50Ms: rest.p50Ms } : rest;
    pings.sort((a, b) => a - b);
    metric(`${label}.event_loop_delay.max`, loop.maxMs, "ms", { seconds: Math.round(seconds * 10) / 10, ...extra });
    metric(`${label}.event_loop_delay.p99`, loop.p99Ms, "ms", { p50: loop.p50Ms });
    metric(`${label}.ping.max`, pings.at(-1) ?? NaN, "ms", { pings: pings.length, note: "GET /healthz every 10 ms (it asks PostgreSQL and Meilisearch too)" });
    metric(`${label}.ping.p99`, percentile(pings, 99), "ms", { p50: Math.round(percentile(pings, 50) * 100) / 100 });
  }

  /** Upload (the dry run), start, and follow the run until it is done, as the import page does. */
  async function runImport(file: { name: string; bytes: Buffer }, prefix: string, phase: (name: string) => Promise<void>): Promise<Record<string, unknown>> {
    const headers = { cookie, "x-kb-request": "1" };
    const form = new FormData();
    form.append("mapping", importMapping(prefix));
    form.append("status", "PUBLISHED");
    form.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
    const tUpload = performance.now();
    const created = await fetch(`${baseUrl}api/imports`, { method: "POST", headers, body: form });
    const run = (await created.json()) as { id: string; plan: { created: number; rejected: number } };
    if (created.status !== 201) throw new Error(`upload: ${created.status} ${JSON.stringify(run)}`);
    if (run.plan.created !== ROWS) throw new Error(`dry run plans ${run.plan.created} of ${ROWS} (${run.plan.rejected} rejected)`);
    const dryRunMs = performance.now() - tUpload;
    await phase("dry_run");
    const started = await httpRequest(`${baseUrl}api/imports/${run.id}/start`, { method: "POST", headers, timeoutMs: 60_000 });
    if (started.status !== 202) throw new Error(`start: ${started.status} ${started.text}`);
    const tStart = performance.now();
    // The run ends when its one transaction commits (the cases become visible); the search worker
    // starts indexing them at once, in the same process: measured as a phase of its own.
    for (;;) {
      const [row] = await stack.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where external_id like ?", [`${prefix}%`]);
      if (Number(row!.n) >= ROWS) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const importMs = performance.now() - tStart;
    await phase("run");
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const polled = await httpRequest(`${baseUrl}api/imports/${run.id}`, { headers, timeoutMs: 60_000 });
      const view = JSON.parse(polled.text) as { state: string; report: { created: number } | null; error: string | null };
      if (view.state === "FAILED") throw new Error(`import failed: ${view.error}`);
      if (view.state !== "SUCCEEDED") continue;
      if (view.report?.created !== ROWS) throw new Error(`imported ${view.report?.created} of ${ROWS}`);
      break;
    }
    for (;;) {
      const [row] = await stack.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from search_outbox where processed_at is null");
      if (Number(row!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await phase("indexing");
    return { rows: ROWS, dryRunSeconds: Math.round(dryRunMs / 100) / 10, importSeconds: Math.round(importMs / 100) / 10 };
  }
}

/** The CSV's row i as Excel cells (the year a number, as a spreadsheet holds it). */
function xlsxRow(i: number): (string | number)[] {
  const cells = importRow(i, { seed: 3001, offset: 0, titleMark: "XLSX" })
    .slice(1, -1)
    .split('","')
    .map((c) => c.replaceAll('""', '"'));
  return cells.map((c, k) => (IMPORT_COLUMNS[k] === "年度" ? Number(c) : c));
}

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch((error: unknown) => note(`cleanup: ${String(error)}`));
}

/**
 * `npm run bench:client`: how soon the search page shows something on a slow machine and network
 * (issue 17, a lean client), printed as JSON lines on stdout ({"metric", "value", "unit", …});
 * progress goes to stderr. Timings are measured here and never asserted in tests; the deterministic
 * half, the initial JavaScript's size, is a test (client/src/lean-client.test.ts).
 *
 *   BENCH_CLIENT_RUNS  cold page loads to measure (default 7)
 *   BENCH_CLIENT_QUERY the query of the search URL (default 予約, which the seeded cases answer)
 *   DATABASE_URL / MEILI_URL (+ MEILI_MASTER_KEY): use these services instead of fresh embedded ones
 *
 * Each run is a fresh browser context (nothing cached) in Chromium with the CPU slowed 4× and a
 * "slow 4G" network: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (Lighthouse's mobile
 * profile), over loopback to the built server (`npm start`'s) with its seeded cases. Measured in the
 * page, from navigation start: LCP (largest-contentful-paint) and the time to the first result card
 * (`main article`) being in the document at the next frame.
 *
 * Two ways in: straight to the app's server, which compresses the client's files itself (brotli for
 * Chromium) but not GraphQL answers, and through a loopback proxy that gzips every text answer as a
 * reverse proxy in front of a deployment may; the initial-JavaScript budget is counted in gzip bytes.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createGzip, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { metric, note, percentile, postJson, REPO_ROOT, setNotePrefix, startStack } from "./lib.ts";

const RUNS = Number(process.env.BENCH_CLIENT_RUNS ?? 7);
const QUERY = process.env.BENCH_CLIENT_QUERY ?? "予約";
const TARGET_MS = 2000;
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
const stops: (() => Promise<void>)[] = [];
setNotePrefix("bench:client");

/** The entry chunk and its static imports, as client/src/lean-client.test.ts sums them. */
function initialJavaScript(): { files: number; gzipBytes: number } | undefined {
  const dist = path.join(REPO_ROOT, "client", "dist");
  if (!fs.existsSync(path.join(dist, ".vite", "manifest.json"))) return undefined;
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, ".vite", "manifest.json"), "utf8")) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]!.imports ?? []) visit(imported);
  };
  visit(Object.keys(manifest).find((key) => manifest[key]!.isEntry)!);
  let gzipBytes = 0;
  for (const key of seen) gzipBytes += gzipSync(fs.readFileSync(path.join(dist, manifest[key]!.file))).length;
  return { files: seen.size, gzipBytes };
}

/** A reverse proxy in front of the app that gzips text answers, as nginx or Caddy would. */
async function startGzipProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host, "accept-encoding": "identity" } },
      (answer) => {
        const type = String(answer.headers["content-type"] ?? "");
        const gzip = /gzip/.test(String(req.headers["accept-encoding"] ?? "")) && /text|javascript|json|svg/.test(type);
        const headers = { ...answer.headers };
        if (gzip) {
          delete headers["content-length"];
          headers["content-encoding"] = "gzip";
          headers.vary = "accept-encoding";
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        (gzip ? answer.pipe(createGzip()) : answer).pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Runs in the page before its own scripts: records LCP entries and when the first result card is there. */
const PROBE = `
  window.__bench = { lcp: 0, firstResult: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  const seen = () => {
    if (window.__bench.firstResult || !document.querySelector("main article")) return false;
    requestAnimationFrame(() => { window.__bench.firstResult = performance.now(); });
    return true;
  };
  new MutationObserver((_records, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true });
`;

async function main(): Promise<void> {
  const size = initialJavaScript();
  if (size) metric("client.search.initial_js", size.gzipBytes / 1024, "KiB gzip", { files: size.files, target: "≤ 170" });

  const stack = await startStack("benchclient", stops, { KB_SEED: "true" });
  const started = performance.now();
  for (;;) {
    const answer = await postJson(`${stack.baseUrl}graphql`, { query: "query($q: String!) { searchCases(query: $q, first: 1, offset: 0) { total } }", variables: { q: QUERY } });
    const total = (answer.body as { data?: { searchCases?: { total: number } } }).data?.searchCases?.total ?? 0;
    if (total > 0) break;
    if (performance.now() - started > 60_000) throw new Error(`no seeded case answers ${QUERY} within 60 s: ${JSON.stringify(answer.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  note(`server at ${stack.baseUrl}`);

  // As test/support/browser.ts launches it (that module is for Vitest: its imports name .js files).
  // As test/support/browser.ts launches it (that module is for Vitest: its imports name .js files).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  stops.unshift(() => browser.close());
  const proxy = await startGzipProxy(stack.baseUrl);
  stops.unshift(() => proxy.close());

  for (const [name, baseUrl] of [["gzip", proxy.url], ["direct", stack.baseUrl]] as const) {
    const searchUrl = `${baseUrl}search?q=${encodeURIComponent(QUERY)}`;
    note(`${name}: measuring ${searchUrl} ${RUNS}×`);
    const lcps: number[] = [];
    const firstResults: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        await cdp.send("Network.emulateNetworkConditions", NETWORK);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
        await page.addInitScript(PROBE);
        const operations: string[] = [];
        page.on("request", (request) => {
          const body = request.postData();
          if (request.url().endsWith("/graphql")) operations.push(body ? String((JSON.parse(body) as { operationName?: string }).operationName) : "GET");
        });
        await page.goto(searchUrl, { waitUntil: "load", timeout: 60_000 });
        await page.waitForFunction(() => (window as unknown as { __bench: { firstResult: number } }).__bench.firstResult > 0, undefined, { timeout: 60_000 });
        // LCP may still move to a later, larger paint for a moment after the results arrive.
        await page.waitForTimeout(1000);
        const { lcp, firstResult } = await page.evaluate(() => (window as unknown as { __bench: { lcp: number; firstResult: number } }).__bench);
        note(`${name} run ${run + 1}: LCP ${Math.round(lcp)} ms, first result ${Math.round(firstResult)} ms`);
        if (run === RUNS - 1) {
          // Where the time went, for the last run: each request's start → end, from navigation start.
          const waterfall = await page.evaluate(() =>
            performance
              .getEntriesByType("resource")
              .map((e) => `${e.name.replace(/^.*\/(?=[^/]+$)/, "").slice(0, 28)} ${Math.round(e.startTime)}→${Math.round((e as PerformanceResourceTiming).responseEnd)}`),
          );
          const nav = await page.evaluate(() => {
            const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
            return `document ${Math.round(n.responseEnd)}, DOMContentLoaded ${Math.round(n.domContentLoadedEventEnd)}`;
          });
          note(`${name} waterfall (ms): ${nav}; ${waterfall.join("; ")}; GraphQL operations: ${operations.join(", ")}`);
        }
        // The first run warms the server (its caches, Meilisearch's); it is not counted.
        if (run === 0 && RUNS > 1) continue;
        lcps.push(lcp);
        firstResults.push(firstResult);
      } finally {
        await context.close();
      }
    }
    lcps.sort((a, b) => a - b);
    firstResults.sort((a, b) => a - b);
    const profile = { runs: lcps.length, transfer: name === "gzip" ? "gzip proxy" : "app server (client files compressed by it, GraphQL not)", cpu: `${CPU_SLOWDOWN}x slower`, network: "150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up", query: QUERY };
    const target = name === "gzip" ? { target: `≤ ${TARGET_MS}` } : {};
    metric(`client.search.${name}.lcp.p50`, percentile(lcps, 50), "ms", { ...profile, ...target });
    metric(`client.search.${name}.lcp.max`, lcps.at(-1) ?? NaN, "ms", profile);
    metric(`client.search.${name}.first_result.p50`, percentile(firstResults, 50), "ms", { ...profile, ...target });
    metric(`client.search.${name}.first_result.max`, firstResults.at(-1) ?? NaN, "ms", profile);
  }
}

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch((error: unknown) => note(`cleanup: ${String(error)}`));
}

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

/**
 * Issue 17 (a lean client): the JavaScript the search page loads before it can show anything — the
 * entry chunk and everything it imports statically, as the built index.html preloads it — stays
 * within 170 KB gzip (KB = 1024 bytes; Vite prints kB of 1000). A budget of bytes is deterministic;
 * timings are measured by test/bench/client.ts, never asserted. Reads the built client
 * (`npm run build`), via Vite's manifest.
 */
const KB = 1024;
const BUDGET_BYTES = 170 * KB;
const dist = path.resolve(import.meta.dirname, "../dist");

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

function initialChunks(): { file: string; gzip: number }[] {
  if (!existsSync(path.join(dist, ".vite/manifest.json"))) throw new Error("client/dist has no Vite manifest: run `npm run build` first");
  const manifest = JSON.parse(readFileSync(path.join(dist, ".vite/manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error("the manifest has no entry chunk");
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]!.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  return [...seen].map((key) => {
    const file = manifest[key]!.file;
    return { file, gzip: gzipSync(readFileSync(path.join(dist, file))).length };
  });
}

describe("the search page's first load", () => {
  it(`carries at most ${BUDGET_BYTES / KB} KB of JavaScript (gzip)`, () => {
    const chunks = initialChunks().sort((a, b) => b.gzip - a.gzip);
    const total = chunks.reduce((sum, c) => sum + c.gzip, 0);
    const listing = chunks.map((c) => `${(c.gzip / KB).toFixed(1).padStart(6)} KB  ${c.file}`).join("\n");
    expect(total, `initial JavaScript ${(total / KB).toFixed(1)} KB gzip:\n${listing}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("loads neither zod nor the whole message catalogue", () => {
    const files = initialChunks().map((c) => c.file);
    const code = files.map((file) => readFileSync(path.join(dist, file), "utf8")).join("\n");
    // zod's own error text and a string only the full catalogue (ja.ts) holds.
    expect(code).not.toContain("Invalid input");
    expect(code).not.toContain("好事例集を読み込んでいます…");
  });

  it("the index.html preloads exactly those chunks", () => {
    const html = readFileSync(path.join(dist, "index.html"), "utf8");
    const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]).sort();
    expect(referenced).toEqual(initialChunks().map((c) => c.file).sort());
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpRequest } from "../../../test/support/http-request.js";
import { startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { REPO_ROOT } from "../config/index.js";

// The client's files are the first load of every visit; on a slow line their size is most of the
// wait (README: "A lean client"). They must go out compressed; GraphQL answers must not pay for it.
const dist = path.join(REPO_ROOT, "client", "dist");
let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;

beforeAll(async () => {
  kb = await createTestBackend();
  http = await startHttp(kb);
});
afterAll(async () => {
  await http?.close();
  await kb?.close();
});

/** The largest JavaScript file of the built client, by the manifest. */
function largestScript(): string {
  const manifest = JSON.parse(readFileSync(path.join(dist, ".vite/manifest.json"), "utf8")) as Record<string, { file: string }>;
  const files = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith(".js"));
  return files.sort((a, b) => readFileSync(path.join(dist, b)).length - readFileSync(path.join(dist, a)).length)[0]!;
}

describe("the client's files", () => {
  it("go out brotli-compressed to a browser that accepts it, and byte for byte the built file", async () => {
    const file = largestScript();
    const answer = await httpRequest(`${http.url}/${file}`, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    const original = readFileSync(path.join(dist, file));
    expect(answer.body.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(answer.body).equals(original)).toBe(true);
  });

  it("go out gzip to a client that accepts only gzip, and plain to one that accepts nothing", async () => {
    const gzip = await httpRequest(`${http.url}/search?q=%E4%BA%88%E7%B4%84`, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString("utf8")).toContain('<html lang="ja"');
    const plain = await httpRequest(`${http.url}/search`, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain('<html lang="ja"');
  });

  it("leaves GraphQL answers uncompressed (no CPU spent on them per search)", async () => {
    // A large answer (the schema's types; introspection is on outside production).
    const query = JSON.stringify({ query: "{ __schema { types { name description fields { name description } } } }" });
    const answer = await httpRequest(`${http.url}/graphql`, {
      body: query,
      headers: { "content-type": "application/json", "accept-encoding": "gzip, br", "x-kb-request": "1" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeGreaterThan(1024);
    expect(answer.headers["content-encoding"]).toBeUndefined();
  });
});

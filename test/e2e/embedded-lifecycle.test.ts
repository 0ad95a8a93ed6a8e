import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { isProcessAlive, waitFor } from "../../server/src/infra/process-utils.js";
import { embeddedProduct, runNode, type EmbeddedProduct } from "../support/processes.js";

/**
 * `npm start` as a newcomer runs it: no URLs set, so PostgreSQL and Meilisearch are embedded,
 * seeded, served on one port, reused by `kb`, and stopped with the server.
 */
let product: EmbeddedProduct;
beforeAll(async () => {
  product = await embeddedProduct("lifecycle");
});
afterEach(() => product.stopServers());
afterAll(() => product?.remove());

async function searchFirst(url: string, query: string) {
  const res = await fetch(`${url}graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `query ($q: String!) { searchCases(query: $q, first: 1) { total hits { case { externalId title } } } }`, variables: { q: query } }),
  });
  const body = (await res.json()) as { data: { searchCases: { total: number; hits: { case: { externalId: string } }[] } } };
  return body.data.searchCases;
}

describe("embedded services lifecycle", () => {
  it("starts, seeds, answers, shares its services with kb, and leaves nothing behind on Ctrl-C", { timeout: 180_000 }, async () => {
    const { server, url } = await product.start();
    expect(server.output()).toContain("loaded the seed cases");
    const health = await fetch(`${url}healthz`);
    expect(health.status).toBe(200);
    // Idle connections outlive a reverse proxy's (60 s), so the proxy never reuses one being closed.
    expect(health.headers.get("keep-alive")).toBe("timeout=65");
    expect((await searchFirst(url, "予約")).hits[0]?.case.externalId).toBe("takarazuka-2024-kintone-01");
    const html = await (await fetch(url)).text();
    expect(html).toContain('<html lang="ja"');

    // Demo accounts for every role are printed, and the printed password logs in.
    for (const email of ["staff@demo.kb.example", "secretariat@demo.kb.example", "admin@demo.kb.example"]) {
      expect(server.output()).toMatch(new RegExp(`${email.replace(/\./g, "\\.")}\\s+demo-[\\w-]+`));
    }
    const password = server.output().match(/secretariat@demo\.kb\.example\s+(demo-[\w-]+)/)![1];
    const login = await fetch(`${url}graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { role } }`, variables: { e: "secretariat@demo.kb.example", p: password } }),
    });
    expect(((await login.json()) as { data: { login: { role: string } } }).data.login.role).toBe("SECRETARIAT");

    const record = await product.readRecord();
    expect(record.ownerPid).toBe(server.child.pid);
    expect(isProcessAlive(record.postgresPid)).toBe(true);
    expect(isProcessAlive(record.meiliPid)).toBe(true);

    // kb while the server runs: it must use these services, not start a second pair.
    const imported = await runNode("server/dist/cli/kb.js", ["import", path.join(REPO_ROOT, "test/fixtures/cases-120.jsonl")], product.env());
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toContain("新規 120件");
    expect((await product.readRecord()).ownerPid).toBe(server.child.pid);
    expect((await searchFirst(url, "防災訓練")).total).toBeGreaterThan(0);

    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
    expect(isProcessAlive(record.postgresPid)).toBe(false);
    expect(isProcessAlive(record.meiliPid)).toBe(false);
    await expect(fs.access(path.join(product.dataDir, "run/services.json"))).rejects.toThrow();
  });

  it("reuses the data on a second start (no re-seeding) and kb starts its own services when no server runs", { timeout: 180_000 }, async () => {
    const imported = await runNode("server/dist/cli/kb.js", ["import", path.join(REPO_ROOT, "test/fixtures/cases-120.jsonl")], product.env());
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toContain("変更なし 120件");

    const { server, url } = await product.start();
    expect(server.output()).not.toContain("loaded the seed cases");
    // The same demo passwords again: they live in the data dir, not in a new random draw.
    expect(server.output()).toMatch(/staff@demo\.kb\.example\s+demo-/);
    // Still first after the 120 generated cases were added (the generator never says 予約).
    expect((await searchFirst(url, "予約")).hits[0]?.case.externalId).toBe("takarazuka-2024-kintone-01");
    expect((await searchFirst(url, "防災訓練")).total).toBeGreaterThan(0);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("restarts a killed child on its URL, and exits 1 only when it cannot be started again", { timeout: 180_000 }, async () => {
    const { server, url } = await product.start();
    const record = await product.readRecord();
    process.kill(record.meiliPid, "SIGKILL");
    // Restarted by the server itself, on the same URL: searches answer again without a person.
    await waitFor(async () => (await product.readRecord()).meiliPid !== record.meiliPid, 60_000, "Meilisearch to be restarted");
    await waitFor(async () => (await fetch(`${url}healthz`)).status === 200, 60_000, "/healthz 200");
    const restarted = await product.readRecord();
    expect(restarted.meiliUrl).toBe(record.meiliUrl);
    // (The first search after a start loads Meilisearch's Japanese dictionary: it may time out once.)
    await waitFor(async () => (await searchFirst(url, "予約")).hits[0]?.case.externalId === "takarazuka-2024-kintone-01", 60_000, "a search to answer");

    // Now it cannot come back: its port is taken. After a few tries the server gives up and exits 1,
    // stopping PostgreSQL on the way out.
    const port = Number(new URL(restarted.meiliUrl).port);
    process.kill(restarted.meiliPid, "SIGKILL");
    await waitFor(async () => !isProcessAlive(restarted.meiliPid), 10_000, "Meilisearch to die");
    const squatter = net.createServer();
    await new Promise<void>((resolve, reject) => squatter.once("error", reject).listen(port, "127.0.0.1", resolve));
    try {
      expect(await server.exited).toBe(1);
    } finally {
      squatter.close();
    }
    expect(server.output()).toContain("embedded Meilisearch exited unexpectedly");
    expect(server.output()).toContain("could not be kept running");
    await waitFor(async () => !isProcessAlive(record.postgresPid), 10_000, "postgres to stop");
  });
});

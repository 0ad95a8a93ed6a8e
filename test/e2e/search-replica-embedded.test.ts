import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isProcessAlive } from "../../server/src/infra/process-utils.js";
import { embeddedProduct, runNode, type EmbeddedProduct } from "../support/processes.js";

/**
 * `KB_SEARCH_REPLICA=embedded npm start`: the server starts and supervises a second embedded
 * Meilisearch (own data dir and port), registers it, fills it from the outbox (the seeds included),
 * and searches keep answering through the replica while the first Meilisearch is killed with
 * SIGKILL and restarted by the server. `kb check-index` run beside the server compares both nodes.
 */
let product: EmbeddedProduct;
beforeAll(async () => {
  product = await embeddedProduct("replica", { KB_SEARCH_REPLICA: "embedded" });
});
afterEach(() => product.stopServers());
afterAll(() => product?.remove());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function search(url: string, query: string): Promise<{ total?: number; errors?: unknown }> {
  try {
    const res = await fetch(`${url}graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `query ($q: String!) { searchCases(query: $q, first: 3) { total } }`, variables: { q: query } }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json()) as { data?: { searchCases: { total: number } }; errors?: unknown };
    return body.errors || !body.data ? { errors: body.errors ?? res.status } : { total: body.data.searchCases.total };
  } catch (error) {
    return { errors: String(error) };
  }
}

interface CheckJson {
  nodes: Record<"primary" | "replica", { found: { expected: number; indexed: number; missing: number; extra: number; stale: number; pending: number } }>;
}

describe("KB_SEARCH_REPLICA=embedded", () => {
  it("runs two supervised Meilisearch, fills both, and answers searches while the first is killed and restarted", { timeout: 240_000 }, async () => {
    const { server, url } = await product.start();
    const record = await product.readRecord();
    expect(record.meiliReplicaPid && isProcessAlive(record.meiliReplicaPid)).toBe(true);
    expect(record.meiliReplicaPid).not.toBe(record.meiliPid);

    // Both nodes are filled from the outbox (the replica's copy of the seeds comes from its own rows).
    let check: CheckJson | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      const run = await runNode("server/dist/cli/kb.js", ["check-index", "--json"], product.env());
      const line = run.output.split("\n").find((l) => l.startsWith('{"found"'));
      expect(line, run.output).toBeDefined();
      check = JSON.parse(line!) as CheckJson;
      const replica = check.nodes.replica.found;
      if (run.code === 0 && replica.pending === 0 && replica.indexed === replica.expected) break;
      await sleep(1000);
    }
    for (const node of ["primary", "replica"] as const) {
      const found = check!.nodes[node].found;
      expect({ node, ...found }).toMatchObject({ node, indexed: found.expected, missing: 0, extra: 0, stale: 0, pending: 0 });
      expect(found.expected).toBeGreaterThan(0);
    }
    const health = (await (await fetch(`${url}healthz`)).json()) as { status: string; searchNodes: Record<string, { status: string }> };
    expect(health).toMatchObject({ status: "ok", searchNodes: { primary: { status: "ok" }, replica: { status: "ok" } } });

    // The first Meilisearch dies: searches go on (failed over to the replica) until the server has restarted it.
    process.kill(record.meiliPid, "SIGKILL");
    const errors: unknown[] = [];
    let answered = 0;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const result = await search(url, answered % 2 ? "予約" : "窓口");
      if (result.errors) errors.push(result.errors);
      else answered++;
      const now = await product.readRecord().catch(() => record);
      const healthNow = (await (await fetch(`${url}healthz`)).json()) as { status: string };
      if (now.meiliPid !== record.meiliPid && healthNow.status === "ok" && answered >= 10) break;
      if (Date.now() > deadline) throw new Error(`the first Meilisearch was not back within 90 s (${answered} searches answered)`);
      await sleep(50);
    }
    expect(errors).toEqual([]);
    expect((await search(url, "予約")).total).toBeGreaterThan(0);

    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
    const last = await product.readRecord().catch(() => undefined);
    expect(last).toBeUndefined();
    expect(isProcessAlive(record.meiliReplicaPid!)).toBe(false);
  });
});

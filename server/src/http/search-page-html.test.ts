import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttp } from "../../../test/support/http.js";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { parseConfig, REPO_ROOT } from "../config/index.js";
import { buildAppSchema } from "../graphql/index.js";
import { CaseSearchIndex } from "../search/index.js";
import { createHttpApp } from "./http-app.js";
import { listenHttp } from "./http-server.js";

/**
 * A search address's HTML carries its first results (search-page-html.ts, README "The search page's
 * first load"): escaped, for its reader only, never kept by a shared cache, and never at the cost of
 * the plain page when the search is slow or fails. Needs `npm run build` (the client's server build).
 */
const WORD = "初回描画語";
const HOSTILE = `${WORD} <script>alert("x")</script> "引用" & <b>太字</b>`;
let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;

beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, "client", "dist-ssr", "ssr.js"))) throw new Error("client/dist-ssr is missing: run `npm run build` first");
  kb = await createTestBackend();
  await kb.importCases([buildCase({ title: HOSTILE, summary: `${WORD}の概要 <img src=x onerror=alert(1)> & "引用"`, tags: [`${WORD}<タグ>&"`] })]);
  // A generous budget: the machine running the tests may be slow, and this file is about what goes in.
  http = await startHttp(kb, { KB_SEARCH_PAGE_HTML_BUDGET_MS: "5000" });
});
afterAll(async () => {
  await http?.close();
  await kb?.close();
});

const page = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers: { accept: "text/html", ...headers } });
  return { res, html: await res.text() };
};
/** The answer the page carries for the browser's cache. */
const seedOf = (html: string) => {
  const match = /<script type="application\/json" id="kb-search">([^<]*)<\/script>/.exec(html);
  return match ? (JSON.parse(match[1]!) as { searchCases: { total: number; hits: { case: { title: string; tags: string[] } }[] } }) : undefined;
};

describe("the search page's HTML with its first results", () => {
  it("holds the result cards with every user-entered string escaped, and the same answer as JSON that cannot end its script", async () => {
    const { res, html } = await page(`${http.url}/search?q=${encodeURIComponent(WORD)}`);
    expect(res.status).toBe(200);
    const root = html.slice(html.indexOf('<div id="root">'), html.indexOf('<script type="application/json"'));
    expect(root).toContain("<article");
    // The title as text: no element made of it, and its quotes and ampersand escaped.
    expect(root).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;引用&quot; &amp; &lt;b&gt;太字&lt;/b&gt;");
    expect(root).not.toMatch(/<script>alert|<b>太字|<img src=x/);
    expect(root).toContain(`${WORD}&lt;タグ&gt;&amp;&quot;`);
    // The card links to its case, as the client's card does.
    expect(root).toMatch(/<h3 class="text-std-20B-150"><a href="\/cases\/[0-9a-f-]+\?from=/);
    // The page's title names the search, as React's <title> will.
    expect(html).toContain(`<title>「${WORD}」の検索結果 | 好事例ナレッジベース</title>`);
    // The JSON: only one </script> after it (its own), and it is the GraphQL answer, strings intact.
    const json = html.slice(html.indexOf('id="kb-search">'));
    expect(json.match(/<\/script>/g)).toHaveLength(1 + (json.match(/<script type="module"[^>]*><\/script>/g)?.length ?? 0));
    const seed = seedOf(html)!;
    expect(seed.searchCases.total).toBe(1);
    expect(seed.searchCases.hits[0]!.case.title).toBe(HOSTILE);
    expect(seed.searchCases.hits[0]!.case.tags).toEqual([`${WORD}<タグ>&"`]);
  });

  it("shows a long page of results without the app's code: no script of React's, which the CSP would block", async () => {
    // Twenty cards are well over React's progressive chunk size (~12 kB): React then outlined the
    // page behind an inline `$RC(...)` script, blocked by `script-src 'self'`, and the reader saw
    // only 「ページを読み込んでいます…」 until the app's code arrived.
    const many = "長い結果語";
    await kb.importCases(Array.from({ length: 20 }, (_, i) => buildCase({ title: `${many}の事例 ${i + 1}`, summary: `${many}について、${"窓口の手続きを見直した経過を書いた概要。".repeat(6)}` })));
    const { res, html } = await page(`${http.url}/search?q=${encodeURIComponent(many)}`);
    expect(res.status).toBe(200);
    expect(seedOf(html)?.searchCases.total).toBe(20);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.filter((tag) => !/\bsrc=|type="application\/json"/.test(tag))).toEqual([]);
    expect(html).not.toMatch(/<template id="B:|hidden id="S:/);
    const root = html.slice(html.indexOf('<div id="root">'), html.indexOf('<script type="application/json"'));
    expect(root.match(/<article/g)).toHaveLength(20);
    expect(root).toContain('role="search"');
  });

  it("names a hostile query in its <title> as text only", async () => {
    const query = `${WORD} </title><script>alert(1)</script>`;
    const { html } = await page(`${http.url}/search?q=${encodeURIComponent(query)}`);
    expect(seedOf(html)).toBeDefined();
    const head = html.slice(0, html.indexOf("<body"));
    expect(head).toMatch(/<title>「初回描画語 &lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;」の検索結果 \| 好事例ナレッジベース<\/title>/);
    expect(html).not.toContain("<script>alert(1)");
  });

  it("is its reader's alone: no shared cache may keep it, and a cache must tell cookies apart", async () => {
    const { res, html } = await page(`${http.url}/search?q=${encodeURIComponent(WORD)}`);
    expect(seedOf(html)).toBeDefined();
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("vary")).toMatch(/\bcookie\b/i);
  });

  it("is not made for the home page or other pages (they stay the plain, cacheable shell)", async () => {
    for (const url of ["/", "/collections", "/cases/new"]) {
      const { res, html } = await page(`${http.url}${url}`);
      expect(res.status, url).toBe(200);
      expect(html, url).toContain('<div id="root"></div>');
      expect(seedOf(html), url).toBeUndefined();
      expect(res.headers.get("cache-control"), url).toBe("no-cache");
    }
    // "/" with a query is the search page too.
    expect(seedOf((await page(`${http.url}/?q=${encodeURIComponent(WORD)}`)).html)?.searchCases.total).toBe(1);
  });

  it("goes out plain when nothing is found (the page's help for that needs the app's code)", async () => {
    const { html } = await page(`${http.url}/search?q=${encodeURIComponent("該当なし語彙ゼロ件")}`);
    expect(html).toContain('<div id="root"></div>');
    expect(seedOf(html)).toBeUndefined();
  });

  it("goes out plain when the search takes longer than its budget", async () => {
    const hasty = await startHttp(kb, { KB_SEARCH_PAGE_HTML_BUDGET_MS: "1" });
    try {
      // The first answer of a fresh app may still be waiting on its search: the budget is what decides.
      for (let i = 0; i < 3; i++) {
        const { res, html } = await page(`${hasty.url}/search?q=${encodeURIComponent(WORD)}&page=${i + 1}`);
        expect(res.status).toBe(200);
        expect(html).toContain('<div id="root"></div>');
        expect(seedOf(html)).toBeUndefined();
      }
    } finally {
      await hasty.close();
    }
  });

  it("goes out plain when the search fails (the engine unreachable), and the page's own request reports it", async () => {
    const config = parseConfig({ ...kb.env, NODE_ENV: "test", KB_SEARCH_PAGE_HTML_BUDGET_MS: "5000" });
    // Nothing listens on port 9 (discard): every search fails at once.
    const index = CaseSearchIndex.connect("http://127.0.0.1:9", "key", kb.index.uid, { searchTimeoutMs: 1000 });
    const { app, apollo } = await createHttpApp({ config, logger: kb.logger, orm: kb.orm, index, schema: await buildAppSchema() });
    const server = await listenHttp(app, 0, "127.0.0.1");
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { res, html } = await page(`${url}/search?q=${encodeURIComponent(WORD)}`);
      expect(res.status).toBe(200);
      expect(html).toContain('<div id="root"></div>');
      expect(seedOf(html)).toBeUndefined();
      expect(res.headers.get("cache-control")).toBe("no-cache");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    }
  });
});

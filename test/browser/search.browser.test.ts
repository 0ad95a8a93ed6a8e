import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../support/test-backend.js";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";

/**
 * The built client in Debian's Chromium against the real server (its own database and index on
 * the run's PostgreSQL and Meilisearch), typing Japanese the way an IME does.
 */

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  kb = await createTestBackend();
  // A generous budget for the first results in the HTML (search-page-html.ts), so every test here meets
  // the page as a visitor usually does, whatever this machine's load.
  app = await startBrowserApp({ ...kb.env, KB_SEARCH_PAGE_HTML_BUDGET_MS: "5000" });
  ({ baseUrl, browser } = app);
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

/** Search queries the page sends to /graphql, in order. */
function recordSearches(page: Page): string[] {
  const queries: string[] = [];
  page.on("request", (request) => {
    if (!request.url().endsWith("/graphql") || request.method() !== "POST") return;
    const body = request.postDataJSON() as { operationName?: string; variables?: { query?: string } };
    if (body.operationName === "SearchCases") queries.push(body.variables?.query ?? "");
  });
  return queries;
}

describe("search page in Chromium", () => {
  it("finds the 来庁者予約 case by typing 予約 through an IME, without searching mid-composition, and opens it", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const searches = recordSearches(page);
    await page.goto(baseUrl);
    const box = page.getByRole("searchbox", { name: "キーワード" });
    await box.click();

    // What a Japanese IME does: composition updates (よ → よや → よやく → 予約), then commit.
    const cdp = await page.context().newCDPSession(page);
    for (const text of ["よ", "よや", "よやく", "予約"]) {
      await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(400); // longer than the debounce: a naive input would search now
      expect(await box.inputValue()).toBe(text); // the composition really reached the input
    }
    expect(searches.filter((q) => q !== "")).toEqual([]);
    await cdp.send("Input.insertText", { text: "予約" });

    // The empty-query listing may already show the case: wait for the 予約 results themselves.
    await page.getByRole("heading", { name: "「予約」の検索結果" }).waitFor();
    const link = page.getByRole("link", { name: "児童扶養手当現況報告 来庁者予約アプリ" });
    await link.waitFor();
    await expect.poll(() => searches.filter((q) => q !== "")).toEqual(["予約"]);
    expect(searches.filter((q) => q !== "")).toEqual(["予約"]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("予約");
    // It is the first result, and its highlighted title marks the match.
    const firstResult = page.locator("main article").first();
    await expect.poll(() => firstResult.getByRole("link").first().textContent()).toBe("児童扶養手当現況報告 来庁者予約アプリ");
    expect(await firstResult.locator("mark").first().textContent()).toBe("予約");

    await link.click();
    await page.getByRole("heading", { level: 1, name: "児童扶養手当現況報告 来庁者予約アプリ" }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole("table", { name: "定量効果" }).waitFor();

    await page.goBack();
    await link.waitFor();
    await page.close();
  });

  it("shows the search page with its facets", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 1400 } });
    await page.goto(`${baseUrl}?q=${encodeURIComponent("kintone")}`);
    await page.getByRole("group", { name: "種別" }).waitFor();
    if (process.env.KB_SCREENSHOTS) await page.screenshot({ path: `${process.env.KB_SCREENSHOTS}/search.png`, fullPage: false });
    await page.close();
  });

  it.each([
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const)("says on the card why a hit without the typed word matched: ＣｈａｔＧＰＴ through the synonym 生成AI (%s)", async (name, viewport) => {
    const page = await browser.newPage({ locale: "ja-JP", viewport });
    await page.goto(baseUrl);
    const box = page.getByRole("searchbox", { name: "キーワード" });
    await box.fill("ＣｈａｔＧＰＴ");
    await box.press("Enter");
    await page.getByRole("heading", { name: /の検索結果$/ }).waitFor();
    // This case says 生成AI, never ChatGPT: no highlight, so the card says why it is here. (Picked by
    // title, not by rank: it ties with other synonym-only hits, and Meilisearch orders ties as it likes.)
    const top = page.locator("main article", { hasText: "生成AI活用ハンズオン研修" });
    await top.getByText("同義語「生成AI」に一致").waitFor();
    expect(await top.locator("mark").count()).toBe(0);
    // A case that says ChatGPT itself needs no note.
    const literal = page.locator("main article", { has: page.locator("mark", { hasText: /chatgpt/i }) }).first();
    await literal.waitFor();
    expect(await literal.getByText(/同義語「/).count()).toBe(0);
    if (process.env.KB_SCREENSHOTS) await top.screenshot({ path: `${process.env.KB_SCREENSHOTS}/search-synonym-${name}.png` });
    await page.close();
  });

  it("pressing 検索 again on the same words shows a case published meanwhile", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}?q=${encodeURIComponent("雪下ろし")}`);
    await page.getByRole("heading", { name: "「雪下ろし」の検索結果" }).waitFor();
    await page.getByText(/見つかりませんでした|0件/).filter({ visible: true }).first().waitFor();
    await kb.importCases([buildCase({ title: "高齢者世帯の雪下ろし支援をkintoneで受付" })]);
    // The server's own worker may be the one indexing it: wait until Meilisearch has it.
    await expect.poll(async () => (await kb.index.index.search("雪下ろし", { locales: ["jpn"] })).hits.length, { timeout: 30_000 }).toBe(1);
    await page.getByRole("searchbox", { name: "キーワード" }).press("Enter");
    await page.getByRole("link", { name: "高齢者世帯の雪下ろし支援をkintoneで受付" }).waitFor();
    await page.close();
  });

  it("narrows by a facet, keeps it in the URL, and restores it on reload", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}?q=${encodeURIComponent("研修")}`);
    await page.getByRole("checkbox", { name: /^研修・ワークショップ \(\d+\)$/ }).check();
    await expect.poll(() => new URL(page.url()).searchParams.getAll("kind")).toEqual(["WORKSHOP"]);
    await page.reload();
    await expect.poll(() => page.getByRole("checkbox", { name: /^研修・ワークショップ \(\d+\)$/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/\d+件の好事例/);
    await page.close();
  });
});

/**
 * Issue 17: a search address's HTML carries its first results (server/src/http/search-page-html.ts),
 * rendered by the app's own components on the server. React then replaces that markup with its own:
 * the same page in the same place, no second search, and the keyboard works as before.
 */
describe("the first results in the search page's HTML", () => {
  const URL_PATH = `search?q=${encodeURIComponent("予約")}`;
  /** Where the page's landmarks are: the HTML's and React's must agree (no jump when React takes over). */
  const boxesOf = (page: Page) =>
    page.evaluate(() =>
      ["header", "h1", "form[role=search]", "#results-heading", "main article", "main article h3 a", "main ol > li:last-child"].map((selector) => {
        const r = document.querySelector(selector)!.getBoundingClientRect();
        return `${selector} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      }),
    );

  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    it(`shows them without the app's code, where the app then shows them, without a second search (${name})`, async () => {
      const still = await browser.newContext({ locale: "ja-JP", viewport, javaScriptEnabled: false });
      const plain = await still.newPage();
      await plain.goto(`${baseUrl}${URL_PATH}`);
      const first = plain.locator("main article").first();
      expect(await first.getByRole("link").first().textContent()).toBe("児童扶養手当現況報告 来庁者予約アプリ");
      expect(await plain.title()).toBe("「予約」の検索結果 | 好事例ナレッジベース");
      // Controls that need the app's code are inert until it runs; links and the search form are not.
      expect(await plain.locator("main section[inert] input[type=checkbox], main section[inert] button").count()).toBeGreaterThan(0);
      expect(await plain.locator("[inert] a, [inert] form").count()).toBe(0);
      const html = await boxesOf(plain);
      if (process.env.KB_SCREENSHOTS) await plain.screenshot({ path: `${process.env.KB_SCREENSHOTS}/search-html-${name}.png` });
      await still.close();

      const page = await browser.newPage({ locale: "ja-JP", viewport });
      const searches = recordSearches(page);
      await page.goto(`${baseUrl}${URL_PATH}`);
      // React's markup has no inert parts: it has replaced the HTML's.
      await page.locator("main").waitFor();
      await expect.poll(() => page.locator("[inert]").count()).toBe(0);
      await page.waitForLoadState("networkidle");
      expect(await boxesOf(page)).toEqual(html);
      expect(searches).toEqual([]);
      // The answer's JSON was for that first render only: it has left the page.
      expect(await page.locator("#kb-search").count()).toBe(0);
      if (process.env.KB_SCREENSHOTS) await page.screenshot({ path: `${process.env.KB_SCREENSHOTS}/search-app-${name}.png` });

      // The keyboard: the skip link comes first, and typing in the search box searches (the app's own, live).
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("本文へスキップ");
      const box = page.getByRole("searchbox", { name: "キーワード" });
      await box.focus();
      await box.fill("手当");
      await page.getByRole("heading", { name: "「手当」の検索結果" }).waitFor();
      await expect.poll(() => searches).toEqual(["手当"]);
      if (name === "phone") {
        // The facet list opens from its button (it was inert in the HTML).
        await page.getByRole("button", { name: /絞り込み条件/ }).click();
        await page.getByRole("group", { name: "種別" }).waitFor();
      }
      await page.close();
    });
  }

  it("keeps what the reader typed into the HTML's box before the app's code arrived, and searches for it", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 390, height: 844 } });
    const searches = recordSearches(page);
    // A slow phone: the app's code arrives only after the reader has typed.
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      await typed;
      await route.continue();
    });
    // Not "domcontentloaded": that waits for the module script held above.
    await page.goto(`${baseUrl}${URL_PATH}`, { waitUntil: "commit" });
    const box = page.getByRole("searchbox", { name: "キーワード" });
    await box.fill("手当");
    await page.keyboard.press("End");
    expect(await page.locator("[inert]").count()).toBeGreaterThan(0); // still the server's HTML
    release();

    await page.getByRole("heading", { name: "「手当」の検索結果" }).waitFor();
    await expect.poll(() => page.locator("[inert]").count()).toBe(0);
    expect(await box.inputValue()).toBe("手当");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(page.url()).searchParams.get("q")).toBe("手当");
    await expect.poll(() => searches).toEqual(["手当"]);
    await page.close();
  });
});

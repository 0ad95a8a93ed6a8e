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
  app = await startBrowserApp(kb.env);
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

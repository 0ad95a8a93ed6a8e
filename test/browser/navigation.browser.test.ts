import type { Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Moving to a page whose code is not loaded yet (every page but search is a chunk of its own): the
 * old page stays on screen until the code arrives, so the layout must say that something is
 * happening. The test holds the page's chunk on the network to make the wait long enough to see.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
let kb: TestBackend;
let app: BrowserApp | undefined;

beforeAll(async () => {
  kb = await createTestBackend();
  app = await startBrowserApp(kb.env);
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

describe("navigation to a page still loading", { timeout: 120_000 }, () => {
  it("shows a progress bar and a status for screen readers while the page's code loads, then the page", async () => {
    const context = await app!.browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const held: Route[] = [];
    await page.route(/\/assets\/CollectionsPage-[^/]+\.js$/, (route) => {
      held.push(route);
    });
    await page.goto(app!.baseUrl);
    await page.getByRole("heading", { level: 1 }).first().waitFor();

    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "好事例集", exact: true }).click();
    const bar = page.locator(".nav-pending");
    await expect.poll(() => bar.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole("status").filter({ hasText: "ページを読み込んでいます…" }).count()).toBe(1);
    expect(await page.locator("main").getAttribute("aria-busy")).toBe("true");
    expect(held.length).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/navigation-pending.png` });

    for (const route of held) await route.continue();
    await page.getByRole("heading", { level: 1, name: "好事例集" }).waitFor();
    expect(await bar.count()).toBe(0);
    expect(await page.locator("main").getAttribute("aria-busy")).toBe("false");
    await context.close();
  });
});

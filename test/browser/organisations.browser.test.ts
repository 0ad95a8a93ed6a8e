import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Issue 15 items 6-7 in the browser: the seeds spread over their 自治体, and a member of one (熊本市)
 * sees their organisation's name in the header, at 1280 px and 390 px, and their own 熊本市 cases.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let staff: { email: string; password: string };

beforeAll(async () => {
  kb = await createTestBackend();
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  // After the seeds: 熊本市 exists now (seeds/organisations.json).
  staff = await kb.createViewer({ organisation: "431001", role: "STAFF", department: "窓口サービス課", displayName: "肥後 菜々", email: `kumamoto-${process.pid}@example.lg.jp`, password: "kumamoto password 2026" });
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

describe("a member of another seeded 自治体", () => {
  it.each([
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const)("sees 熊本市 in the header and finds 熊本市's published cases (%s)", async (name, viewport) => {
    const context = await browser.newContext({ viewport, locale: "ja-JP" });
    const page = await context.newPage();
    try {
      await signIn(page, baseUrl, staff, "/search?q=届出ナビ");
      const banner = page.getByRole("banner");
      await banner.getByText("熊本市", { exact: true }).waitFor();
      await banner.getByText("肥後 菜々（窓口サービス課）", { exact: true }).waitFor();
      // 届出ナビ is a 熊本市 seed (kumamoto-…): its own organisation's case is found.
      await page.getByRole("link", { name: /届出ナビ/ }).first().waitFor();
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
      expect(width).toBeLessThanOrEqual(0);
      await shot(page, `organisation-header-${name}`);
    } finally {
      await context.close();
    }
  });
});

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
type Person = Awaited<ReturnType<TestBackend["createViewer"]>>;
let people: Record<"STAFF" | "SECRETARIAT" | "ADMIN", Person>;

beforeAll(async () => {
  kb = await createTestBackend();
  people = {
    STAFF: await kb.createViewer({ role: "STAFF", department: "市民課", password: "staff password 2026" }),
    SECRETARIAT: await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課", password: "secretariat password 2026" }),
    ADMIN: await kb.createViewer({ role: "ADMIN", department: "情報政策課", password: "admin password 2026" }),
  };
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

describe("管理: one header entry for the curators' and admins' tools", { timeout: 120_000 }, () => {
  const TOOLS = {
    SECRETARIAT: ["同義語", "タグの語彙", "ダッシュボード", "募集の掲示板"],
    ADMIN: ["同義語", "タグの語彙", "ダッシュボード", "募集の掲示板", "好事例の取り込み", "利用者の管理", "組織の管理", "人事異動の取り込み"],
  };
  for (const width of [1280, 390]) {
    it(`offers each role the tools it may use, and staff none (${width} px)`, async () => {
      for (const role of ["STAFF", "SECRETARIAT", "ADMIN"] as const) {
        const context = await app!.browser.newContext({ locale: "ja-JP", viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${app!.baseUrl}login?next=${encodeURIComponent("/admin")}`);
        await page.getByRole("textbox", { name: "メールアドレス" }).fill(people[role].email);
        await page.getByLabel("パスワード").fill(people[role].password);
        await page.getByRole("button", { name: "ログイン", exact: true }).click();
        const entry = page.getByRole("banner").getByRole("link", { name: "管理", exact: true });
        if (role === "STAFF") {
          await page.getByText("このページは事務局・管理者・広域事務局だけが使えます。").waitFor();
          expect(await entry.count()).toBe(0);
        } else {
          await page.getByRole("heading", { level: 1, name: "管理" }).waitFor();
          expect(await entry.getAttribute("aria-current")).toBe("page");
          const links = await page.getByRole("main").getByRole("link").allInnerTexts();
          expect(links).toEqual(TOOLS[role]);
          // Current on the tools' own pages too, so the header says where one is.
          await page.getByRole("main").getByRole("link", { name: "同義語", exact: true }).click();
          await page.getByRole("heading", { level: 1, name: "検索の同義語" }).waitFor();
          expect(await entry.getAttribute("aria-current")).toBe("page");
          await page.goBack();
          await page.getByRole("heading", { level: 1, name: "管理" }).waitFor();
          const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
          expect(wide).toBe(false);
        }
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-home-${role.toLowerCase()}-${width}.png`, fullPage: true });
        await context.close();
      }
    });
  }
});

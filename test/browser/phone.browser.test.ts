import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Every main page on a phone (390×844), in Debian's Chromium against the real server
 * with the seeds: nothing is wider than the screen, the 定量効果 of a case shows every value with its
 * unit, and after ticking a facet the person is offered a way back to the results.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const PHONE = { width: 390, height: 844 };
const CAR_CASE = "公用車 運行記録・点検管理アプリ"; // a seed case whose effects are 月末の集計作業 6 → 0 時間/月

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let admin: { email: string; password: string };
let carCaseId: string;
let departmentId: string;

beforeAll(async () => {
  kb = await createTestBackend();
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課", email: `phone-admin-${process.pid}@example.lg.jp`, password: "admin password 2026" });
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  const [row] = await kb.orm.em.fork().execute<{ id: string; department_id: string }[]>("select id, department_id from cases where title = ?", [CAR_CASE]);
  carCaseId = row!.id;
  departmentId = row!.department_id;
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}login?next=${encodeURIComponent("/my/cases")}`);
  await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL((url) => url.pathname === "/my/cases");
}

/**
 * The page's width beyond the screen, and what sticks out (tag, class, text) for a readable failure. A
 * wide table inside its own scrolling box does not widen the page; the 定量効果 are checked on their own.
 */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const wide = document.scrollingElement!.scrollWidth;
    const culprits = Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} "${(el.textContent ?? "").slice(0, 30)}"`);
    return { excess: Math.max(0, wide - width), culprits };
  });
}

async function visit(page: Page, route: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}${route.replace(/^\//, "")}`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => !document.querySelector("[aria-busy='true']"));
  await shot(page, `phone-${name}`);
  const { excess, culprits } = await overflow(page);
  expect(excess, `${route} is wider than the screen: ${culprits.join(" / ")}`).toBe(0);
}

describe("on a phone (390 px)", () => {
  it("no page is wider than the screen, for a visitor and for an admin", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: PHONE });
    const routes: [string, string][] = [
      ["/", "home"],
      ["/search?q=%E4%BA%88%E7%B4%84", "search"],
      [`/cases/${carCaseId}`, "case"],
      ["/collections", "collections"],
      ["/tags/kintone", "tag"],
      [`/departments/${departmentId}`, "department"],
      ["/login", "login"],
      ["/no-such-page", "not-found"],
    ];
    for (const [route, name] of routes) await visit(page, route, name);

    await logIn(page, admin);
    // The header names the viewer's 自治体 (the seeds made the installation's own 宝塚市), on a phone too.
    await page.getByRole("banner").getByText("宝塚市", { exact: true }).waitFor();
    const signedIn: [string, string][] = [
      ["/my/cases", "my-cases"],
      ["/cases/new", "case-new"],
      [`/cases/${carCaseId}`, "case-admin"],
      [`/cases/${carCaseId}/edit`, "case-edit"],
      ["/review", "review"],
      ["/notifications", "notifications"],
      ["/admin/dashboard", "dashboard"],
      ["/admin/synonyms", "synonyms"],
      ["/admin/tags", "vocabulary"],
      ["/admin/import", "import"],
    ];
    for (const [route, name] of signedIn) await visit(page, route, name);
    await page.close();
  }, 300_000); // eighteen pages in a row

  it("shows every effect of a case with its values and unit, nothing clipped", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: PHONE });
    await page.goto(`${baseUrl}cases/${carCaseId}`);
    const effects = page.getByRole("region", { name: "定量効果" });
    await effects.waitFor();
    await effects.scrollIntoViewIfNeeded();
    await shot(page, "phone-case-effects");
    // The row reads as a person would say it: the item, before and after, each with its unit.
    const row = effects.getByRole("listitem").filter({ hasText: "月末の集計作業" });
    await expect.poll(() => row.innerText()).toMatch(/月末の集計作業\s+導入前\s*6\s*時間\/月\s+導入後\s*0\s*時間\/月/);
    const clipped = await effects.evaluate((section) => {
      const out: string[] = [];
      const box = section.getBoundingClientRect();
      for (const el of Array.from(section.querySelectorAll("*"))) {
        const r = el.getBoundingClientRect();
        const visible = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
        if (visible && (r.left < box.left - 1 || r.right > box.right + 1 || r.right > window.innerWidth)) out.push(`${el.tagName} ${el.textContent}`);
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") out.push(`scrolls: ${el.tagName}`);
      }
      return out;
    });
    expect(clipped).toEqual([]);
    await page.close();
  });

  it("after ticking a facet deep in the list, offers the results in view and takes the person there", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: PHONE });
    await page.goto(`${baseUrl}search`);
    await page.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
    await page.getByRole("button", { name: /^絞り込み条件/ }).click();
    const tags = page.getByRole("group", { name: "タグ" });
    const last = tags.getByRole("checkbox").last();
    await last.check();
    await expect.poll(() => last.isChecked()).toBe(true);
    // Deep in the list the results are far below; a button naming their number is in view.
    const button = page.getByRole("button", { name: /^\d+件の結果を見る$/ });
    await button.waitFor();
    const inView = (selector: string) =>
      page.evaluate((s) => {
        const r = document.querySelector(s)!.getBoundingClientRect();
        return r.top >= -1 && r.bottom <= window.innerHeight && r.height > 0;
      }, selector);
    expect(await button.evaluate((b) => { const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })).toBe(true);
    await shot(page, "phone-facet-ticked");
    await button.click();
    await expect.poll(() => inView("#results-heading")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("results-heading");
    await shot(page, "phone-facet-results");

    // On a wide screen the results sit beside the facets: no such button.
    const wide = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await wide.goto(`${baseUrl}search`);
    await wide.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
    await wide.getByRole("group", { name: "種別" }).getByRole("checkbox").first().check();
    await wide.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
    expect(await wide.getByRole("button", { name: /件の結果を見る$/ }).isVisible()).toBe(false);
    await wide.close();
    await page.close();
  });
});

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Issue 6 in Debian's Chromium against the real built server: the built client runs under the
 * strict Content-Security-Policy without a single violation (pages with search, a case, Chart.js,
 * forms), and a person who saves past the write budget reads the Japanese 「操作が続いたため…」.
 */
let kb: TestBackend;
let app: BrowserApp | undefined;
let staff: Awaited<ReturnType<TestBackend["createViewer"]>>;
let admin: Awaited<ReturnType<TestBackend["createViewer"]>>;

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ role: "STAFF", department: "子育て支援課", password: "staff password 2026" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課", password: "admin password 2026" });
  // Two writes a minute per user: the third save is refused.
  app = await startBrowserApp({ ...kb.env, KB_MUTATION_RATE_PER_MINUTE: "2" });
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

/** Every CSP violation the page reports, by event and on the console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

async function logIn(page: Page, baseUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}login`);
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

describe("the built client under the Content-Security-Policy", () => {
  it("loads search, a case, the dashboard's charts and the case form with zero violations", async () => {
    const { baseUrl, browser } = app!;
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const violations = await watchViolations(page);
    const response = await page.goto(baseUrl);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");

    const seen: string[] = [];
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    seen.push(...(await violations()));

    await page.goto(`${baseUrl}search?q=${encodeURIComponent("予約")}`);
    await page.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
    const first = page.locator("main a[href^='/cases/']").first();
    await first.click();
    await page.waitForURL((url) => /^\/cases\/[^/]+$/.test(url.pathname));
    await page.getByRole("heading", { level: 1 }).waitFor();
    seen.push(...(await violations()));

    await logIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}admin/dashboard`);
    await page.locator("canvas").first().waitFor();
    // Chart.js sizes its canvas and draws after layout; give it its frames.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    seen.push(...(await violations()));

    await page.goto(`${baseUrl}cases/new`);
    await page.getByRole("heading", { level: 1, name: "好事例を投稿する" }).waitFor();
    seen.push(...(await violations()));

    expect(seen).toEqual([]);
    await page.close();
  });
});

describe("the write budget in the UI", () => {
  it("shows the Japanese rate-limit message when saves go past the budget", async () => {
    const { baseUrl, browser } = app!;
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await logIn(page, baseUrl, staff); // login is counted per address, with its own (larger) budget
    await page.goto(`${baseUrl}cases/new`);
    const form = page.getByRole("form", { name: "好事例を投稿する" });
    await form.getByRole("radio", { name: "その他の業務改善" }).check();
    await form.getByRole("textbox", { name: "タイトル 必須" }).fill("続けて保存する事例");
    await form.getByRole("combobox", { name: "年度 必須" }).selectOption({ label: "令和6年度（2024年度）" });

    // 1st write: the draft is created.
    await form.getByRole("button", { name: "下書き保存" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/edit$/);
    const editForm = page.getByRole("form", { name: "好事例を編集する" });
    // 2nd write: saved.
    await editForm.getByRole("textbox", { name: "タイトル 必須" }).fill("続けて保存する事例（2）");
    await editForm.getByRole("button", { name: "下書き保存" }).click();
    await page.getByRole("status").filter({ hasText: /^下書きを保存しました。$/ }).waitFor();
    // 3rd write: over the budget.
    await editForm.getByRole("textbox", { name: "タイトル 必須" }).fill("続けて保存する事例（3）");
    await editForm.getByRole("button", { name: "下書き保存" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "操作が続いたため、しばらく受け付けを停止しています。" });
    await alert.waitFor();
    if (process.env.KB_SCREENSHOTS) await alert.screenshot({ path: `${process.env.KB_SCREENSHOTS}/rate-limited.png` });
    expect(await alert.textContent()).toMatch(/操作が続いたため、しばらく受け付けを停止しています。\d+(秒|分)ほど待ってからもう一度お試しください。/);
    // What the person typed is still there.
    expect(await editForm.getByRole("textbox", { name: "タイトル 必須" }).inputValue()).toBe("続けて保存する事例（3）");
    await page.close();
  });
});

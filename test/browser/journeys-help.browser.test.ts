import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Issue 13, items 1, 3 and 10, in Chromium at a desktop width and on a phone (390 px):
 * the reviewer's 差し戻し comment at the top of the case page and of the edit form; a synonym group
 * that says what an existing one says is refused on the field, naming that group; and pages that
 * stop (no permission, not logged in, not found) offer the way on instead of a reload that cannot
 * help. Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const COMMENT = "成果の数字の出典を書き足してください。\n写真の人物が分からないようにしてください。";
const TITLE = "来庁予約アプリ 差し戻しの確認用";

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let staff: Awaited<ReturnType<TestBackend["createViewer"]>>;
let secretariat: Awaited<ReturnType<TestBackend["createViewer"]>>;
let caseId: string;

async function ok<T>(promise: Promise<{ data?: T; errors?: readonly { message: string }[] }>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ role: "STAFF", department: "子育て支援課", displayName: "山田 花子", email: `hanako-help-${process.pid}@example.lg.jp`, password: "staff password 2026" });
  secretariat = await kb.createViewer({
    role: "SECRETARIAT",
    department: "業務改革推進課",
    displayName: "佐藤 一郎",
    email: `ichiro-help-${process.pid}@example.lg.jp`,
    password: "secretariat password 2026",
  });
  // A case sent back: written and submitted by staff, 差し戻し by the secretariat with a comment.
  const created = await ok(
    kb.gql<{ createCase: { id: string; version: number } }>(
      `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`,
      {
        input: {
          kind: "KINTONE_APP",
          title: TITLE,
          summary: "来庁予約を kintone で受け付けるようにした。",
          actions: "予約フォームとプロセス管理で受付から完了までを流した。",
          results: "待ち時間が平均20分から5分になった。",
          fiscalYear: 2024,
          tags: ["kintone"],
        },
      },
      { viewer: staff },
    ),
  );
  caseId = created.createCase.id;
  const submitted = await ok(
    kb.gql<{ submitCase: { version: number } }>(
      `mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: false) { version } }`,
      { id: caseId, version: created.createCase.version },
      { viewer: staff },
    ),
  );
  expect(submitted.submitCase.version).toBeGreaterThan(0);
  await ok(
    kb.gql(`mutation ($id: ID!, $input: ReviewInput!) { reviewCase(id: $id, input: $input) { id status } }`, { id: caseId, input: { decision: "REQUEST_CHANGES", comment: COMMENT } }, { viewer: secretariat }),
  );
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
}

async function openPage(viewport: (typeof VIEWPORTS)[number]): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: viewport.width, height: viewport.height } });
  return context.newPage();
}

/** True when the element starts within the first screen (no scrolling needed to see it). */
async function onFirstScreen(page: Page, locator: ReturnType<Page["locator"]>): Promise<boolean> {
  const box = await locator.boundingBox();
  return !!box && box.y < page.viewportSize()!.height;
}

/** No horizontal scrolling: what is on the page fits the width. */
async function fitsWidth(page: Page): Promise<boolean> {
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()} ${e.textContent?.slice(0, 30) ?? ""}`),
  );
  expect(wide).toEqual([]);
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe.each(VIEWPORTS)("journeys that go on ($name)", { timeout: 180_000 }, (viewport) => {
  it("shows the reviewer's comment, who and when (和暦), at the top of the case page and of the edit form", async () => {
    const page = await openPage(viewport);
    await page.goto(`${baseUrl}login?next=${encodeURIComponent(`/cases/${caseId}`)}`);
    await logIn(page, staff);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();

    const comment = page.getByRole("region", { name: "事務局からの差し戻しコメント" });
    await comment.waitFor();
    expect(await comment.textContent()).toContain("成果の数字の出典を書き足してください。");
    expect(await comment.textContent()).toMatch(/佐藤 一郎（業務改革推進課）が令和\d+年\d+月\d+日 \d+:\d\dに差し戻しました。/);
    expect(await onFirstScreen(page, comment.getByRole("heading"))).toBe(true);
    // It comes before the case's own sections, not only far below under 審査の履歴.
    const order = await page.evaluate(() =>
      Array.from(document.querySelectorAll("h2")).map((h) => h.textContent ?? "").filter((t) => ["事務局からの差し戻しコメント", "概要", "審査の履歴"].includes(t)),
    );
    expect(order).toEqual(["事務局からの差し戻しコメント", "概要", "審査の履歴"]);
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, `review-comment-case-${viewport.name}`, viewport.name === "desktop");

    await page.getByRole("link", { name: "編集する" }).first().click();
    await page.getByRole("heading", { level: 1, name: "好事例を編集する" }).waitFor();
    const onForm = page.getByRole("region", { name: "事務局からの差し戻しコメント" });
    await onForm.waitFor();
    expect(await onForm.textContent()).toContain("写真の人物が分からないようにしてください。");
    expect(await onFirstScreen(page, onForm.getByRole("heading"))).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, `review-comment-form-${viewport.name}`, false);
    await page.context().close();
  });

  it("refuses a synonym group that an existing group already says, naming it on the field", async () => {
    const page = await openPage(viewport);
    await page.goto(`${baseUrl}login?next=%2Fadmin%2Fsynonyms`);
    await logIn(page, secretariat);
    await page.getByRole("heading", { level: 1, name: "検索の同義語" }).waitFor();
    const list = page.getByRole("region", { name: "登録済みの同義語" });
    await list.getByText("残業 → 時間外勤務", { exact: true }).waitFor();

    const form = page.getByRole("region", { name: "同義語を追加" });
    await form.getByRole("combobox", { name: "種類" }).selectOption("ONE_WAY");
    const terms = form.getByRole("textbox", { name: "語" });
    await terms.fill("残業、時間外勤務");
    await form.getByRole("button", { name: "追加する" }).click();
    await form.getByText("同じ同義語グループ「残業 → 時間外勤務」がすでに登録されています。").waitFor();
    expect(await terms.getAttribute("aria-invalid")).toBe("true");
    expect(await terms.evaluate((el) => el === document.activeElement)).toBe(true);

    // Contained in an existing group (full width, another order): refused the same way.
    await form.getByRole("combobox", { name: "種類" }).selectOption("EQUIVALENT");
    await terms.fill("ＣｈａｔＧＰＴ、生成AI");
    await form.getByRole("button", { name: "追加する" }).click();
    await form.getByText(/登録済みの同義語グループ「生成AI ⇔ ChatGPT ⇔ チャットGPT」に含まれています/).waitFor();

    // Still listed once, after a reload too (nothing was written).
    await page.reload();
    await list.getByText("残業 → 時間外勤務", { exact: true }).waitFor();
    expect(await list.getByText("残業 → 時間外勤務", { exact: true }).count()).toBe(1);
    await terms.fill("残業、時間外勤務");
    await form.getByRole("combobox", { name: "種類" }).selectOption("ONE_WAY");
    await form.getByRole("button", { name: "追加する" }).click();
    await form.getByText(/同じ同義語グループ「残業 → 時間外勤務」/).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, `synonym-duplicate-${viewport.name}`);
    // The way on: edit the group that already says it.
    await form.getByRole("button", { name: "登録済みの「残業 → 時間外勤務」を編集する" }).click();
    const editing = list.getByRole("listitem").filter({ has: page.getByRole("button", { name: "保存する" }) });
    expect(await editing.getByRole("textbox", { name: "語" }).inputValue()).toBe("残業、時間外勤務");
    await page.context().close();
  });

  it("offers staff without permission another login, coming back to the page, instead of a reload", async () => {
    const page = await openPage(viewport);
    await page.goto(`${baseUrl}login?next=%2Fadmin%2Fsynonyms`);
    await logIn(page, staff);
    const alert = page.getByRole("alert").filter({ hasText: "この情報を閲覧する権限がありません。" });
    await alert.waitFor();
    expect(await alert.getByRole("button", { name: "再読み込み" }).count()).toBe(0);
    await alert.getByText("ほかの役割（事務局・管理者など）のアカウントをお持ちなら").waitFor();
    expect(await alert.getByRole("link", { name: "好事例の検索へ" }).getAttribute("href")).toBe("/");
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, `forbidden-${viewport.name}`);

    await alert.getByRole("button", { name: "別のアカウントでログインし直す" }).click();
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fsynonyms$/);
    await logIn(page, secretariat);
    await page.waitForURL(/\/admin\/synonyms$/);
    await page.getByRole("region", { name: "登録済みの同義語" }).getByText("残業 → 時間外勤務", { exact: true }).waitFor();
    await page.getByRole("banner").getByText("佐藤 一郎（業務改革推進課）").waitFor();
    await page.context().close();
  });

  it("offers an anonymous visitor the login that comes back, and a not-found page the ways on", async () => {
    const page = await openPage(viewport);
    await page.goto(`${baseUrl}admin/synonyms`);
    const alert = page.getByRole("alert").filter({ hasText: "閲覧にはログインが必要です。" });
    await alert.waitFor();
    expect(await alert.getByRole("button", { name: "再読み込み" }).count()).toBe(0);
    expect(await alert.getByRole("link", { name: "ログインする" }).getAttribute("href")).toBe("/login?next=%2Fadmin%2Fsynonyms");

    await page.goto(`${baseUrl}no-such-page`);
    await page.getByRole("heading", { level: 1, name: "ページが見つかりません。" }).waitFor();
    const ways = page.getByRole("list", { name: "次にできること" });
    expect(await ways.getByRole("link", { name: "好事例の検索へ" }).getAttribute("href")).toBe("/");
    expect(await ways.getByRole("link", { name: "ログインする" }).getAttribute("href")).toBe("/login?next=%2Fno-such-page");
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, `not-found-${viewport.name}`);

    // A draft is "not found" to an anonymous reader: logging in leads back to it.
    await page.goto(`${baseUrl}cases/${caseId}`);
    await page.getByRole("heading", { level: 1, name: "この好事例は見つかりません。" }).waitFor();
    await page.getByRole("link", { name: "ログインする" }).click();
    await logIn(page, staff);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    await page.context().close();
  });
});

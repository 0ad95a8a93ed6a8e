import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";

/**
 * The admin import page in Debian's Chromium against the real server: an ADMIN uploads the repo's
 * kintone CSV export and Excel list with their example mappings, reads the dry run, imports with a
 * progress bar, reads the final report, and finds an imported case by search.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const EXAMPLES = path.join(REPO_ROOT, "seeds/import-examples");

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let admin: { email: string; password: string };
let staff: { email: string; password: string };

beforeAll(async () => {
  kb = await createTestBackend();
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課", displayName: "情報 三恵", email: `admin-${process.pid}@example.lg.jp`, password: "admin password 2026" });
  staff = await kb.createViewer({ role: "STAFF", department: "市民課", email: `staff-${process.pid}@example.lg.jp`, password: "staff password 2026" });
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

async function importExample(page: Page, file: string, example: string, expected: RegExp): Promise<void> {
  const form = page.getByRole("form", { name: "1. ファイルと対応付けを選ぶ" });
  await form.getByLabel("取り込むファイル").setInputFiles(path.join(EXAMPLES, file));
  await form.getByRole("combobox", { name: "対応付けの例" }).selectOption({ label: example });
  await expect.poll(() => form.getByRole("textbox", { name: "対応付け（JSON）" }).inputValue()).toContain('"fields"');
  await form.getByRole("radio", { name: "公開（すぐに検索で見つかります）" }).check();
  await form.getByRole("button", { name: "内容を確認する" }).click();

  const dryRun = page.getByRole("region", { name: "2. 確認結果（まだ取り込んでいません）" });
  await dryRun.getByText(expected).waitFor();
  const table = dryRun.getByRole("table", { name: "行ごとの確認結果" });
  await table.waitFor();
  await shot(page, `import-dry-run-${file}`);
  await dryRun.getByRole("button", { name: "取り込む" }).click();

  const progress = page.getByRole("region", { name: "3. 取り込み" });
  await progress.getByRole("status").filter({ hasText: /^取り込みが完了しました。新規 \d+件/ }).waitFor();
  const bar = progress.getByRole("progressbar", { name: "取り込みの進み具合" });
  expect(await bar.getAttribute("value")).toBe(await bar.getAttribute("max"));
  await shot(page, `import-done-${file}`);
}

describe("the admin import page in Chromium", () => {
  it("imports the kintone CSV export and the Excel list, and search finds what came in", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}login?next=${encodeURIComponent("/")}`);
    await logIn(page, admin);
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    await nav.getByRole("link", { name: "取り込み" }).click();
    await page.getByRole("heading", { level: 1, name: "好事例の取り込み" }).waitFor();

    // A mapping that is not JSON is refused on the field before anything is sent.
    const form = page.getByRole("form", { name: "1. ファイルと対応付けを選ぶ" });
    await form.getByLabel("取り込むファイル").setInputFiles(path.join(EXAMPLES, "kintone-export.csv"));
    const mapping = form.getByRole("textbox", { name: "対応付け（JSON）" });
    await mapping.fill("{ 件名 }");
    await form.getByRole("button", { name: "内容を確認する" }).click();
    await expect.poll(() => mapping.getAttribute("aria-invalid")).toBe("true");
    await form.getByText(/JSON として読めません/).waitFor();

    await importExample(page, "kintone-export.csv", "kintone「業務改善事例」アプリのCSV書き出し", /^取り込むと：新規 3件 \/ 更新 0件 \/ 変更なし 0件 \/ 誤り 0件$/);
    const table = page.getByRole("table", { name: "行ごとの確認結果" });
    await table.getByRole("row", { name: /2〜3行目 新規 kintone-kaizen-101 道路占用許可 申請進捗共有アプリ/ }).waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "好事例の取り込み" }).waitFor();
    await importExample(page, "case-list.xlsx", "事務局の好事例一覧（Excel）", /^取り込むと：新規 4件 \/ 更新 0件 \/ 変更なし 0件 \/ 誤り 0件$/);

    // Imported as published: search finds them (the server's worker indexes within moments).
    const titles = async (word: string) => {
      await page.goto(`${baseUrl}?q=${encodeURIComponent(word)}`);
      await page.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
      return page.getByRole("link", { name: /道路占用許可|会議録の作成/ }).allTextContents();
    };
    await expect.poll(() => titles("道路占用"), { timeout: 20_000, interval: 500 }).toContain("道路占用許可 申請進捗共有アプリ");
    await expect.poll(() => titles("文字起こし"), { timeout: 20_000, interval: 500 }).toContain("会議録の作成に音声文字起こしを導入");
    await page.close();
  });

  it("checking the kintone export again as 下書き says the published cases stay published, row by row", async () => {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ locale: "ja-JP", viewport: { width, height: 900 } });
      await page.goto(`${baseUrl}login?next=${encodeURIComponent("/admin/import")}`);
      await logIn(page, admin);
      await page.getByRole("heading", { level: 1, name: "好事例の取り込み" }).waitFor();
      const form = page.getByRole("form", { name: "1. ファイルと対応付けを選ぶ" });
      await form.getByLabel("取り込むファイル").setInputFiles(path.join(EXAMPLES, "kintone-export.csv"));
      await form.getByRole("combobox", { name: "対応付けの例" }).selectOption({ label: "kintone「業務改善事例」アプリのCSV書き出し" });
      await expect.poll(() => form.getByRole("textbox", { name: "対応付け（JSON）" }).inputValue()).toContain('"fields"');
      expect(await form.getByRole("checkbox", { name: "すでにある好事例の状態も、選んだ状態に変える" }).isChecked()).toBe(false);
      await form.getByRole("button", { name: "内容を確認する" }).click();
      const dryRun = page.getByRole("region", { name: "2. 確認結果（まだ取り込んでいません）" });
      await dryRun.getByText(/^取り込むと：新規 0件 \/ 更新 0件 \/ 変更なし 3件 \/ 誤り 0件$/).waitFor();
      await dryRun.getByText("すでにある好事例の状態：状態はそのまま 3件").waitFor();
      const table = dryRun.getByRole("table", { name: "行ごとの確認結果" });
      await table.getByRole("row", { name: /kintone-kaizen-101 .*状態は「公開中」のまま/ }).waitFor();
      await shot(page, `import-status-kept-${width}`);
      await page.close();
    }
  });

  it("is not offered to staff, and tells them so at its address", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}login?next=${encodeURIComponent("/admin/import")}`);
    await logIn(page, staff);
    await page.getByText("このページは管理者の方のみご利用いただけます。").waitFor();
    expect(await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "取り込み" }).count()).toBe(0);
    await page.close();
  });
});

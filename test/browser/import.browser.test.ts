import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";

/**
 * The admin import page in Debian's Chromium against the real server, as an admin (not a developer)
 * uses it: the example files come from the page itself, the columns are chosen from the
 * file's header (proposed by their names), problems say what to do and go away on the next attempt,
 * one state is on screen at a time, and a mapping is saved for next time. At 1280 px with the kintone
 * CSV export, at 390 px with the Excel list; search then finds what came in.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const SAVED = "業務改善アプリ（kintone の CSV）";

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let admin: { email: string; password: string };
let staff: { email: string; password: string };
let tmp: string;

beforeAll(async () => {
  kb = await createTestBackend();
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課", displayName: "情報 三恵", email: `admin-${process.pid}@example.lg.jp`, password: "admin password 2026" });
  staff = await kb.createViewer({ role: "STAFF", department: "市民課", email: `staff-${process.pid}@example.lg.jp`, password: "staff password 2026" });
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  tmp = mkdtempSync(path.join(tmpdir(), "kb-import-"));
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
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

async function openImport(page: Page): Promise<void> {
  await page.goto(`${baseUrl}login?next=${encodeURIComponent("/admin/import")}`);
  await logIn(page, admin);
  await page.getByRole("heading", { level: 1, name: "好事例の取り込み" }).waitFor();
}

/** Downloads an example file from the page's own 例で試す, as an admin would, and returns where it is. */
async function downloadExample(page: Page, example: string, link: RegExp): Promise<string> {
  await page.getByText("例で試す").click();
  await page.getByRole("combobox", { name: "例", exact: true }).selectOption({ label: example });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** The import page speaks to an admin: no repository paths, README sections or field codes. */
async function expectPlainWords(page: Page): Promise<void> {
  const text = await page.locator("main").innerText();
  for (const developerWord of ["seeds/", "README", "externalId", "JSON として読めません", "Unexpected"]) expect(text).not.toContain(developerWord);
}

const noOverflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);

describe("the admin import page in Chromium", () => {
  it("at 1280 px: the kintone CSV from the page's examples, columns chosen by name, a problem fixed, the mapping saved, imported", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await openImport(page);
    await expectPlainWords(page);

    // The examples are served by the page: the file and its mapping download from here.
    const csv = await downloadExample(page, "kintone「業務改善事例」アプリのCSV書き出し", /^例のファイル（kintone-export\.csv）をダウンロード$/);
    const [mappingDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "この例の対応付けをダウンロード（.json）" }).click()]);
    expect(mappingDownload.suggestedFilename()).toBe("kintone-export.mapping.json");

    // Choosing the file reads its header; each field's column is proposed from the names.
    await page.getByLabel("取り込むファイル").setInputFiles(csv);
    await page.getByRole("status").filter({ hasText: /^「kintone-export\.csv」から \d+列 を読み取りました。$/ }).waitFor();
    const title = page.getByRole("combobox", { name: "タイトル 必須" });
    await expect.poll(() => title.inputValue()).toBe("事例名");
    expect(await page.getByRole("combobox", { name: "事例を見分ける番号 必須" }).inputValue()).toBe("レコード番号");
    expect(await page.getByRole("combobox", { name: "所属（課） 必須" }).inputValue()).toBe("所属課");
    expect(await page.getByRole("combobox", { name: "単位" }).inputValue()).toBe("単位");
    await shot(page, "import-mapping-1280");

    // A field left without a column: the page says which, in words; choosing it clears the message.
    await title.selectOption({ label: "（使わない）" });
    await page.getByRole("button", { name: "内容を確認する（まだ取り込みません）" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "次の項目に使う列を選んでください：「タイトル」" });
    await alert.waitFor();
    await expectPlainWords(page);
    await title.selectOption("事例名");
    await expect.poll(() => alert.count()).toBe(0);

    // Saved for next time, on the server.
    await page.getByRole("textbox", { name: "保存する名前" }).fill(SAVED);
    await page.getByRole("button", { name: "この対応付けを保存する" }).click();
    await page.getByRole("status").filter({ hasText: `「${SAVED}」として保存しました。` }).waitFor();

    // The dry run is the one thing on screen, then the import, then its result alone.
    await page.getByRole("radio", { name: "公開（すぐに検索で見つかります）" }).check();
    await page.getByRole("button", { name: "内容を確認する（まだ取り込みません）" }).click();
    const result = page.getByRole("region", { name: "確認結果（まだ取り込んでいません）" });
    await result.getByText(/^取り込むと：新規 3件 \/ 更新 0件 \/ 変更なし 0件 \/ 誤り 0件$/).waitFor();
    const table = result.getByRole("table", { name: "行ごとの確認結果" });
    await table.getByRole("row", { name: /2〜3行目 新規 101 道路占用許可 申請進捗共有アプリ/ }).waitFor();
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["行", "結果", "番号", "タイトル", "内容"]);
    expect(await page.getByRole("button", { name: /^内容を確認する/ }).count()).toBe(0);
    await expectPlainWords(page);
    await shot(page, "import-dry-run-1280");
    await result.getByRole("button", { name: "取り込む" }).click();

    const done = page.getByRole("region", { name: "取り込みが完了しました" });
    await done.getByRole("status").filter({ hasText: /^取り込みが完了しました。新規 3件/ }).waitFor();
    const bar = done.getByRole("progressbar", { name: "取り込みの進み具合" });
    expect(await bar.getAttribute("value")).toBe(await bar.getAttribute("max"));
    expect(await page.getByRole("heading", { name: /確認結果/ }).count()).toBe(0);
    await shot(page, "import-done-1280");

    await done.getByRole("button", { name: "別のファイルを取り込む" }).click();
    await page.getByRole("heading", { level: 2, name: "1. ファイルを選ぶ" }).waitFor();
    expect(await page.getByRole("heading", { name: "取り込みが完了しました" }).count()).toBe(0);
    await page.close();
  }, 180_000);

  it("at 390 px: a file it cannot read is explained and forgotten on the next choice; the Excel list with the example's mapping; the saved mapping is offered", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 390, height: 844 }, acceptDownloads: true });
    await openImport(page);
    const xlsx = await downloadExample(page, "事務局の好事例一覧（Excel）", /^例のファイル（case-list\.xlsx）をダウンロード$/);

    const file = page.getByLabel("取り込むファイル");
    await file.setInputFiles({ name: "一覧.xls", mimeType: "application/vnd.ms-excel", buffer: Buffer.from("old excel") });
    const fileProblem = page.getByText(/Excel で \.xlsx 形式で保存し直してください/);
    await fileProblem.waitFor();
    expect(await file.getAttribute("aria-invalid")).toBe("true");
    await shot(page, "import-file-problem-390");
    await file.setInputFiles(xlsx);
    await page.getByRole("status").filter({ hasText: /^「case-list\.xlsx」から \d+列 を読み取りました。$/ }).waitFor();
    expect(await fileProblem.count()).toBe(0);

    // The mapping saved at 1280 px is offered; the example's own mapping is used here.
    // The list loads after the page: wait for it rather than read it once (a busy machine is slower).
    await expect.poll(() => page.getByRole("combobox", { name: "保存した対応付け" }).getByRole("option", { name: SAVED }).count()).toBe(1);
    await page.getByRole("button", { name: "この例の対応付けを使う" }).click();
    await page.getByText("「事務局の好事例一覧（Excel）」の対応付けを使っています。").waitFor();
    expect(await page.getByRole("combobox", { name: "タイトル 必須" }).inputValue()).toBe("件名");
    expect(await noOverflow(page)).toBe(true);
    await shot(page, "import-mapping-390");

    await page.getByRole("radio", { name: "公開（すぐに検索で見つかります）" }).check();
    await page.getByRole("button", { name: "内容を確認する（まだ取り込みません）" }).click();
    const result = page.getByRole("region", { name: "確認結果（まだ取り込んでいません）" });
    await result.getByText(/^取り込むと：新規 4件 \/ 更新 0件 \/ 変更なし 0件 \/ 誤り 0件$/).waitFor();
    expect(await noOverflow(page)).toBe(true);
    await shot(page, "import-dry-run-390");
    await result.getByRole("button", { name: "取り込む" }).click();
    await page.getByRole("region", { name: "取り込みが完了しました" }).getByRole("status").filter({ hasText: /^取り込みが完了しました。新規 4件/ }).waitFor();
    expect(await noOverflow(page)).toBe(true);
    await shot(page, "import-done-390");

    // Imported as published: search finds them (the server's worker indexes within moments).
    const titles = async (word: string) => {
      await page.goto(`${baseUrl}search?q=${encodeURIComponent(word)}`);
      await page.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
      return page.getByRole("link", { name: /道路占用許可|会議録の作成/ }).allTextContents();
    };
    await expect.poll(() => titles("道路占用"), { timeout: 20_000, interval: 500 }).toContain("道路占用許可 申請進捗共有アプリ");
    await expect.poll(() => titles("文字起こし"), { timeout: 20_000, interval: 500 }).toContain("会議録の作成に音声文字起こしを導入");
    await page.close();
  }, 180_000);

  it("checking the kintone export again as 下書き says the published cases stay published, row by row", async () => {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ locale: "ja-JP", viewport: { width, height: 900 }, acceptDownloads: true });
      await openImport(page);
      const csv = await downloadExample(page, "kintone「業務改善事例」アプリのCSV書き出し", /^例のファイル（kintone-export\.csv）をダウンロード$/);
      await page.getByLabel("取り込むファイル").setInputFiles(csv);
      await page.getByRole("status").filter({ hasText: /^「kintone-export\.csv」から \d+列 を読み取りました。$/ }).waitFor();
      await expect.poll(() => page.getByRole("combobox", { name: "タイトル 必須" }).inputValue()).toBe("事例名");
      expect(await page.getByRole("checkbox", { name: "すでにある好事例の状態も、選んだ状態に変える" }).isChecked()).toBe(false);
      await page.getByRole("button", { name: "内容を確認する（まだ取り込みません）" }).click();
      const result = page.getByRole("region", { name: "確認結果（まだ取り込んでいません）" });
      await result.getByText(/^取り込むと：新規 0件 \/ 更新 0件 \/ 変更なし 3件 \/ 誤り 0件$/).waitFor();
      await result.getByText("すでにある好事例の状態：状態はそのまま 3件").waitFor();
      const table = result.getByRole("table", { name: "行ごとの確認結果" });
      await table.getByRole("row", { name: /101 .*状態は「公開中」のまま/ }).waitFor();
      await shot(page, `import-status-kept-${width}`);
      await page.close();
    }
  }, 180_000);

  it("is not offered to staff, and tells them so at its address", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}login?next=${encodeURIComponent("/admin/import")}`);
    await logIn(page, staff);
    await page.getByText("このページは管理者の方のみご利用いただけます。").waitFor();
    // Staff have no 管理 entry (where the import is offered) in the header.
    expect(await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "管理", exact: true }).count()).toBe(0);
    await page.close();
  });
});

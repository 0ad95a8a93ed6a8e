import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";

/**
 * Tags as a shared vocabulary, in Debian's Chromium against the real server with the seeds: a staff
 * member of another department proposes a tag on a published case, the owning department accepts
 * it, and the case appears on the tag page; then the secretariat merges two tags after a preview,
 * undoes the merge, and tags search results in bulk with a progress bar. Screenshots go to
 * $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const TITLE = "児童扶養手当現況報告 来庁者予約アプリ"; // a seed case of 子育て支援課

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let owner: { email: string; password: string };
let proposer: { email: string; password: string };
let secretariat: { email: string; password: string };

beforeAll(async () => {
  kb = await createTestBackend();
  owner = await kb.createViewer({ department: "子育て支援課", displayName: "子育て 花子", email: `owner-${process.pid}@example.lg.jp`, password: "owner password 2026" });
  proposer = await kb.createViewer({ department: "市民課", displayName: "市民 一郎", email: `proposer-${process.pid}@example.lg.jp`, password: "proposer password 2026" });
  secretariat = await kb.createViewer({
    role: "SECRETARIAT",
    department: "業務改革推進課",
    displayName: "改革 次郎",
    email: `tags-secretariat-${process.pid}@example.lg.jp`,
    password: "secretariat password 2026",
  });
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

type Person = { email: string; password: string };
/** The shared sign-in (test/support/browser.ts), on this file's app. */
const logIn = (page: Page, who: Person, next: string) => signIn(page, baseUrl, who, next);

async function caseUrl(): Promise<string> {
  const [row] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where title = ?", [TITLE]);
  return `/cases/${row!.id}`;
}

describe("tags in Chromium", () => {
  it("staff proposes a tag, the owning department accepts it, and the case appears on the tag page", async () => {
    const path = await caseUrl();

    // ── 市民課 proposes スキル「デジタルリテラシー」 for a 子育て支援課 case, keyboard only. ──
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await logIn(page, proposer, path);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const panel = page.getByRole("region", { name: "タグの提案" });
    // Vocabulary terms the case's text mentions are offered (kintone is on the case already, so not).
    await panel.getByRole("group", { name: "本文から見つかったタグの候補" }).waitFor();
    expect(await panel.getByRole("button", { name: "「kintone」を提案に加える" }).count()).toBe(0);
    const input = panel.getByRole("combobox", { name: "提案するタグ" });
    await input.pressSequentially("リテラ");
    await panel.getByRole("option", { name: /^デジタルリテラシー（0件の好事例で使用）$/ }).waitFor();
    // Options are grouped by category.
    await panel.getByRole("group", { name: "スキル" }).getByRole("option", { name: /^デジタルリテラシー/ }).waitFor();
    await input.press("ArrowDown");
    await input.press("Enter");
    await panel.getByRole("list", { name: "追加したタグ" }).getByText("デジタルリテラシー").waitFor();
    await panel.getByRole("textbox", { name: "提案の理由（任意）" }).fill("DX研修の事例を探すときに使いたい");
    await shot(page, "tag-proposal-form");
    await panel.getByRole("button", { name: "提案する" }).click();
    await panel.getByRole("status").filter({ hasText: "タグ「デジタルリテラシー」を提案しました。" }).waitFor();
    await panel.getByText("提案：市民 一郎（市民課）「DX研修の事例を探すときに使いたい」").waitFor();
    // The proposer may not decide.
    expect(await panel.getByRole("button", { name: "「デジタルリテラシー」を採用する" }).count()).toBe(0);
    await page.close();

    // ── 子育て支援課 is told, and accepts from the case page. ──
    const ownerPage = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await logIn(ownerPage, owner, "/notifications");
    await ownerPage
      .getByRole("link", { name: `市民 一郎さんが「${TITLE}」にタグ「デジタルリテラシー」を提案しました。採用するか判断してください。` })
      .click();
    await ownerPage.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const ownerPanel = ownerPage.getByRole("region", { name: "タグの提案" });
    await shot(ownerPage, "tag-proposal-decide");
    await ownerPanel.getByRole("button", { name: "「デジタルリテラシー」を採用する" }).click();
    await ownerPanel.getByRole("status").filter({ hasText: "タグ「デジタルリテラシー」を採用しました。" }).waitFor();
    // The case's tags now link to the new tag's page.
    const chip = ownerPage.getByRole("list", { name: "タグ" }).first().getByRole("link", { name: "デジタルリテラシー", exact: true });
    await chip.waitFor();
    await chip.click();

    // ── The tag page: description, category, and (once the index has it) the case. ──
    await ownerPage.waitForURL(/\/tags\/%E3%83%87/);
    await ownerPage.getByRole("heading", { level: 1, name: "デジタルリテラシー" }).waitFor();
    await ownerPage.getByText("スキル", { exact: true }).first().waitFor();
    await ownerPage.getByText(/ツールやシステムを使いこなす力/).waitFor();
    await expect
      .poll(
        async () => {
          await ownerPage.reload();
          const cases = ownerPage.getByRole("region", { name: "このタグの好事例" });
          await cases.getByRole("status").filter({ hasText: /\d+件の好事例/ }).waitFor();
          return cases.getByRole("link", { name: TITLE, exact: true }).count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    await ownerPage.getByRole("region", { name: "このタグをよく使う所属" }).getByText(/子育て支援課/).waitFor();
    await ownerPage.getByRole("region", { name: "よく一緒に使われるタグ" }).getByRole("link", { name: "kintone" }).waitFor();
    // Facets still work on the tag page.
    await ownerPage.getByRole("group", { name: "種別" }).getByRole("checkbox", { name: /^kintoneアプリ \(1\)$/ }).check();
    await ownerPage.waitForURL(/kind=KINTONE_APP/);
    await shot(ownerPage, "tag-page");
    await ownerPage.close();
  });

  it("suggests vocabulary tags from the case's own text while writing", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await logIn(page, proposer, "/cases/new");
    const form = page.getByRole("form", { name: "好事例を投稿する" });
    await form.getByRole("radio", { name: "その他の業務改善" }).check();
    // キントーン is a search synonym of kintone; ペーパーレス is a tag's own name.
    await form.getByRole("textbox", { name: "概要 提出時に必須" }).fill("キントーンで会議資料をペーパーレスにしました。");
    const fromText = form.getByRole("group", { name: "本文から見つかったタグの候補" });
    const add = fromText.getByRole("button", { name: "タグ「kintone」を追加" });
    await add.waitFor();
    await fromText.getByRole("button", { name: "タグ「ペーパーレス」を追加" }).waitFor();
    await add.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => form.getByRole("list", { name: "追加したタグ" }).getByRole("listitem").allTextContents()).toEqual(["kintone×"]);
    expect(await add.count()).toBe(0); // an added tag is no longer offered
    await shot(page, "tag-from-text", false);
    await page.close();
  });

  it("secretariat merges two tags after a preview, old links still work, and the merge can be undone", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    page.on("dialog", (dialog) => void dialog.accept());
    await logIn(page, secretariat, "/admin/tags");
    await page.getByRole("heading", { level: 1, name: "タグの語彙" }).waitFor();
    await page.getByRole("searchbox", { name: "タグを検索" }).fill("ワークショップ");
    // The list narrows to the one tag (the search is debounced and IME-safe).
    const table = page.getByRole("table", { name: "登録済みのタグ（1件）" });
    await table.getByRole("rowheader", { name: "ワークショップ" }).waitFor();
    await page.getByRole("button", { name: "「ワークショップ」をほかのタグに統合" }).click();
    const merge = page.getByRole("form", { name: "「ワークショップ」をほかのタグに統合" });
    await merge.getByRole("combobox", { name: "統合先のタグ" }).selectOption({ label: "研修（テーマ）" });
    await merge.getByRole("status").filter({ hasText: /「ワークショップ」が付いた好事例8件（うち公開中8件）が「研修」に移ります。/ }).waitFor();
    await shot(page, "tag-merge-preview");
    await merge.getByRole("button", { name: "統合する" }).click();
    await page.getByRole("status").filter({ hasText: /「ワークショップ」を「研修」に統合しました。/ }).waitFor();

    // An old link to the merged tag lands on the tag it became.
    await page.goto(`${baseUrl}tags/${encodeURIComponent("ワークショップ")}`);
    await page.getByRole("heading", { level: 1, name: "研修" }).waitFor();
    await page.getByText("「ワークショップ」は「研修」にまとめられたため、「研修」のページを表示しています。").waitFor();

    await page.goto(`${baseUrl}admin/tags`);
    const undo = page.getByRole("button", { name: "「ワークショップ」と「研修」の統合を元に戻す" });
    await undo.click();
    await page.getByRole("status").filter({ hasText: /統合を元に戻しました。「ワークショップ」を8件の好事例に戻しています。/ }).waitFor();
    expect(await undo.count()).toBe(0);
    await page.close();
  });

  it("secretariat tags every result of a search in bulk, with a progress bar", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    page.on("dialog", (dialog) => void dialog.accept());
    await logIn(page, secretariat, `/?q=${encodeURIComponent("1on1")}`);
    await page.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
    await page.getByRole("button", { name: "一括タグ付け" }).click();
    const bulk = page.getByRole("region", { name: "一括タグ付け（事務局）" });
    await bulk.getByRole("radio", { name: /^この検索結果すべて（\d+件）$/ }).check();
    const tag = bulk.getByRole("combobox", { name: "タグ（1つ）" });
    await tag.pressSequentially("変革マインド");
    await bulk.getByRole("option", { name: /^変革マインド（0件の好事例で使用）$/ }).waitFor();
    await tag.press("ArrowDown");
    await tag.press("Enter");
    await bulk.getByRole("button", { name: "実行する" }).click();
    await bulk.getByRole("progressbar", { name: "一括タグ付けの進み具合" }).waitFor();
    await bulk.getByRole("status").filter({ hasText: /^完了しました：\d+件のうち\d+件に「変革マインド」を付けました。/ }).waitFor();
    await shot(page, "tag-bulk");
    // Search shows it: the tag facet lists the new tag.
    await expect
      .poll(
        async () => {
          await page.goto(`${baseUrl}?tag=${encodeURIComponent("変革マインド")}`);
          await page.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
          return page.getByRole("status").filter({ hasText: /^0件の好事例/ }).count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(0);
    await page.close();
  });
});

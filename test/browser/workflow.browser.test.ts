import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";

/**
 * The 投稿 → 審査 → 公開 journey in Debian's Chromium against the real server: a staff member logs
 * in, writes a kintone case through the form (tags through the autocomplete, one typed through an
 * IME), saves, edits, meets the personal-information guard and confirms it, submits; an anonymous
 * search does not find the case; the secretariat publishes it from the review queue; then search
 * finds it. Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;

/** A word no seeded case contains, so search results are about this case alone. */
const WORD = "ミモザ";
const TITLE = `${WORD}窓口 来庁予約アプリ`;
const PHONE = "03-1234-5678";

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let staff: Awaited<ReturnType<TestBackend["createViewer"]>>;
let secretariat: { email: string; password: string; displayName: string };

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({
    role: "STAFF",
    department: "子育て支援課",
    displayName: "山田 花子",
    email: `hanako-${process.pid}@example.lg.jp`,
    password: "staff password 2026",
  });
  secretariat = await kb.createViewer({
    role: "SECRETARIAT",
    department: "業務改革推進課",
    displayName: "佐藤 一郎",
    email: `ichiro-${process.pid}@example.lg.jp`,
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

/** The `text` variables of the TagSuggestions queries the page sends. */
function recordTagLookups(page: Page): string[] {
  const texts: string[] = [];
  page.on("request", (request) => {
    if (!request.url().endsWith("/graphql") || request.method() !== "POST") return;
    const body = request.postDataJSON() as { operationName?: string; variables?: { text?: string } };
    if (body.operationName === "TagSuggestions") texts.push(body.variables?.text ?? "");
  });
  return texts;
}

async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

/** Searches on the search page as a person would, reloading until the index has caught up. */
async function searchCount(page: Page, word: string): Promise<number> {
  await page.goto(`${baseUrl}?q=${encodeURIComponent(word)}`);
  await page.getByRole("status").filter({ hasText: /\d+件の好事例/ }).first().waitFor();
  return page.getByRole("link", { name: TITLE, exact: true }).count();
}

describe("posting, reviewing and publishing a case in Chromium", () => {
  it("takes a kintone case from the form through review to search", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const tagLookups = recordTagLookups(page);

    // ── Staff: an anonymous visit to 投稿する goes through the login page and comes back. ──
    await page.goto(`${baseUrl}cases/new`);
    await page.waitForURL(/\/login\?next=%2Fcases%2Fnew$/);
    await logIn(page, { email: staff.email, password: "wrong password" });
    await page.getByRole("alert").filter({ hasText: "メールアドレスまたはパスワードが正しくありません。" }).waitFor();
    await shot(page, "login-error", false);
    await page.getByLabel("パスワード").fill(staff.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("heading", { level: 1, name: "好事例を投稿する" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/cases/new");
    const header = page.getByRole("banner");
    await header.getByText("山田 花子（子育て支援課）").waitFor();
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    await nav.getByRole("link", { name: "自分の投稿" }).waitFor();
    expect(await nav.getByRole("link", { name: "審査", exact: true }).count()).toBe(0); // secretariat only

    // ── The form: kind first, then the fields. ──
    const form = page.getByRole("form", { name: "好事例を投稿する" });
    expect(await form.getByRole("textbox", { name: /^タイトル/ }).count()).toBe(0);
    await form.getByRole("radio", { name: "kintoneアプリ" }).check();
    await form.getByRole("textbox", { name: "タイトル 必須" }).fill(TITLE);
    await form.getByRole("combobox", { name: "年度 必須" }).selectOption({ label: "令和6年度（2024年度）" });

    // A tag typed through an IME: nothing is looked up mid-composition; the composed word is.
    const tags = form.getByRole("combobox", { name: "タグ 任意" });
    await tags.click();
    const cdp = await page.context().newCDPSession(page);
    for (const text of ["ま", "まど", "まどぐち"]) {
      await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(300); // longer than the lookup debounce: a naive input would query now
    }
    await cdp.send("Input.insertText", { text: "窓口" });
    await page.getByRole("option", { name: /^窓口DX（\d+件の好事例で使用）$/ }).waitFor();
    expect(tagLookups.filter((t) => /[ぁ-ん]/.test(t))).toEqual([]);
    expect(tagLookups).toContain("窓口");
    await tags.press("ArrowDown");
    expect(await tags.getAttribute("aria-activedescendant")).toBeTruthy();
    await tags.press("Enter");
    // And one by keyboard alone: type, pick the suggestion, Enter.
    await tags.pressSequentially("kinto");
    await page.getByRole("option", { name: /^kintone（\d+件の好事例で使用）$/ }).waitFor();
    await tags.press("ArrowDown");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/tag-suggestions.png`, clip: { x: 0, y: 250, width: 1280, height: 450 } });
    await tags.press("Enter");
    const tagList = form.getByRole("list", { name: "追加したタグ" });
    await expect.poll(() => tagList.getByRole("listitem").allTextContents()).toEqual(["窓口DX×", "kintone×"]);
    // Backspace in the empty box removes the last tag; the button removes a named one.
    await tags.press("Backspace");
    await expect.poll(() => tagList.getByRole("listitem").count()).toBe(1);
    await tags.pressSequentially("kintone");
    await tags.press("Enter");
    await expect.poll(() => tagList.getByRole("listitem").count()).toBe(2);

    await form.getByRole("textbox", { name: "概要 提出時に必須" }).fill("来庁予約をkintoneで受け付け、窓口の待ち時間を減らしました。");
    await form.getByRole("textbox", { name: "取組内容 提出時に必須" }).fill("- 予約フォームを公開\n- 職員は一覧で当日の予約を確認");
    await form.getByRole("textbox", { name: "成果 提出時に必須" }).fill("待ち時間が **半分** になりました。");
    await form.getByRole("textbox", { name: "工夫・苦労した点 任意" }).fill(`予約できない方のために、電話（${PHONE}）でも受け付けました。`);
    await form.getByRole("button", { name: "成果のプレビューを表示" }).click();
    await form.getByRole("region", { name: "成果のプレビュー" }).getByText("半分").waitFor();
    expect(await form.getByRole("region", { name: "成果のプレビュー" }).locator("strong").textContent()).toBe("半分");

    await form.getByRole("button", { name: "行を追加" }).click();
    const row = form.getByRole("group", { name: "1行目" });
    await row.getByRole("textbox", { name: "項目" }).fill("受付時間");
    await row.getByRole("textbox", { name: "導入前" }).fill("13");
    await row.getByRole("textbox", { name: "導入後" }).fill("8");
    await row.getByRole("textbox", { name: "単位" }).fill("分/件");

    await form.getByRole("textbox", { name: "アプリの目的" }).fill("来庁者の予約受付と当日の案内");
    await form.getByRole("textbox", { name: "主なフィールド" }).fill("氏名\n予約日時\n手続きの種類");
    await form.getByRole("combobox", { name: "LGWAN環境での利用" }).selectOption({ label: "利用できる" });
    await shot(page, "case-form");

    // ── 下書き保存: the draft gets an id and the edit page; attachments become possible. ──
    await form.getByRole("button", { name: "下書き保存" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/edit$/);
    await page.getByText("下書きを保存しました。続けて編集できます。").waitFor();
    const caseId = new URL(page.url()).pathname.split("/")[2]!;
    const editForm = page.getByRole("form", { name: "好事例を編集する" });
    await expect.poll(() => editForm.getByRole("textbox", { name: "タイトル 必須" }).inputValue()).toBe(TITLE);

    await page.getByLabel("添付するファイル").setInputFiles({ name: "予約アプリの手順.txt", mimeType: "text/plain", buffer: Buffer.from("手順書\n") });
    await page.getByRole("button", { name: "アップロード" }).click();
    await page.getByRole("status").filter({ hasText: "「予約アプリの手順.txt」を添付しました。" }).waitFor();
    await page.getByRole("link", { name: /^予約アプリの手順\.txt（\d+バイト）$/ }).waitFor();

    // A second save makes a second version, whose changes the history shows.
    const summary = editForm.getByRole("textbox", { name: "概要 提出時に必須" });
    await summary.fill("来庁予約をkintoneで受け付け、窓口の待ち時間を半分に減らしました。");
    await editForm.getByRole("button", { name: "下書き保存" }).click();
    await page.getByRole("status").filter({ hasText: /^下書きを保存しました。$/ }).waitFor();

    // ── 提出: the personal-information guard shows the phone number in context and needs a tick. ──
    await editForm.getByRole("button", { name: "審査に提出する" }).click();
    const guard = page.getByRole("region", { name: "個人情報の可能性がある箇所" });
    await guard.waitFor();
    expect(await guard.locator("mark").allTextContents()).toEqual([PHONE]);
    await guard.getByRole("link", { name: "工夫・苦労した点：電話番号" }).waitFor();
    await editForm.getByRole("button", { name: "審査に提出する" }).click();
    await guard.getByText("個人情報の可能性がある箇所を確認して、チェックを入れてください。").waitFor();
    const confirm = guard.getByRole("checkbox", { name: "確認しました（公開して問題ない情報です）" });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, "submit-guard");
    await confirm.check();
    await editForm.getByRole("button", { name: "審査に提出する" }).click();
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    await page.getByText("審査に提出しました。").waitFor();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByText("審査待ち", { exact: true }).first().waitFor();

    // 自分の投稿 lists it under 審査待ち.
    await nav.getByRole("link", { name: "自分の投稿" }).click();
    await page.getByRole("navigation", { name: "状態で絞り込む" }).getByRole("link", { name: "審査待ち" }).click();
    await page.getByRole("table").getByRole("link", { name: TITLE }).waitFor();
    await shot(page, "my-cases", false);

    // ── Anonymous: the submitted case is not searchable. ──
    await header.getByRole("button", { name: "ログアウト" }).click();
    await page.getByText("ログアウトしました。").waitFor();
    await header.getByRole("link", { name: "ログイン", exact: true }).waitFor();
    expect(await searchCount(page, WORD)).toBe(0);
    await page.getByText("0件の好事例", { exact: true }).waitFor();

    // ── Secretariat: 審査 → the case → 公開する with a comment. ──
    await header.getByRole("link", { name: "ログイン", exact: true }).click();
    await logIn(page, secretariat);
    await header.getByText("佐藤 一郎（業務改革推進課）").waitFor();
    await header.getByRole("link", { name: "お知らせ（未読1件）" }).waitFor();
    await nav.getByRole("link", { name: "審査", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "審査" }).waitFor();
    await page.getByRole("table", { name: "審査" }).getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const review = page.getByRole("region", { name: "審査", exact: true });
    await review.waitFor();
    expect(await review.locator("mark").allTextContents()).toEqual([PHONE]);
    // The revision history: version 2 changed the summary by a few characters.
    const history = page.getByRole("region", { name: "変更履歴" });
    const v2 = history.getByRole("button", { name: /^第2版/ });
    expect(await v2.getAttribute("aria-expanded")).toBe("false");
    await v2.press("Enter");
    expect(await v2.getAttribute("aria-expanded")).toBe("true");
    const summaryChange = history.getByRole("group", { name: /^概要を変更/ });
    await summaryChange.waitFor();
    expect(await summaryChange.getByRole("insertion").allTextContents()).toEqual(["［追加：半分に］"]);
    expect(await summaryChange.getByRole("deletion").count()).toBe(0);
    await page.getByRole("link", { name: /^予約アプリの手順\.txt/ }).waitFor();
    // 差し戻す needs a comment (the shared schema's rule), shown on the field.
    await review.getByRole("button", { name: "差し戻す" }).click();
    await review.getByText("差し戻し・不採用の理由をコメントに書いてください").waitFor();
    const comment = review.getByRole("textbox", { name: "コメント" });
    expect(await comment.getAttribute("aria-invalid")).toBe("true");
    await shot(page, "review");
    await comment.fill("窓口の負担が減る、ほかの課でも使える好事例です。");
    await review.getByRole("button", { name: "公開する" }).click();
    await page.waitForURL(/\/review$/);
    await page.getByText(`「${TITLE}」を公開しました。`).waitFor();
    await page.getByText("審査待ちの好事例はありません。").waitFor();

    // ── Search finds it now (the index follows within moments). ──
    await expect.poll(() => searchCount(page, WORD), { timeout: 20_000, interval: 500 }).toBe(1);
    await page.getByRole("link", { name: TITLE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("region", { name: "審査の履歴" }).getByText("窓口の負担が減る、ほかの課でも使える好事例です。").waitFor();
    await page.getByRole("table", { name: "定量効果" }).getByRole("rowheader", { name: "受付時間" }).waitFor();
    // The long texts are Markdown, rendered (and sanitised) once the renderer's chunk is in.
    await page.getByRole("region", { name: "成果", exact: true }).getByText("半分", { exact: true }).waitFor();
    expect(await page.getByRole("region", { name: "取組内容", exact: true }).getByRole("listitem").allTextContents()).toEqual([
      "予約フォームを公開",
      "職員は一覧で当日の予約を確認",
    ]);
    await shot(page, "published-case");

    // ── Staff: the bell says the case was published; the notification leads to it. ──
    await header.getByRole("button", { name: "ログアウト" }).click();
    await header.getByRole("link", { name: "ログイン", exact: true }).click();
    await logIn(page, staff);
    await header.getByRole("link", { name: "お知らせ（未読1件）" }).click();
    await page.getByRole("heading", { level: 1, name: "お知らせ" }).waitFor();
    await shot(page, "notifications", false);
    await page.getByRole("link", { name: `「${TITLE}」が公開されました。` }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await header.getByRole("link", { name: "お知らせ（未読なし）" }).waitFor();
    await page.close();
  });

  it("keeps the user's text on a CONFLICT and saves it on top of the latest version", async () => {
    const created = await kb.gql<{ createCase: { id: string } }>(
      `mutation { createCase(input: { kind: PRACTICE, title: "共有フォルダの整理ルール", fiscalYear: 2024, summary: "共有フォルダの構成を統一しました。" }) { id } }`,
      {},
      { viewer: staff },
    );
    const id = created.data!.createCase.id;
    const open = async () => {
      const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
      await page.goto(`${baseUrl}login?next=${encodeURIComponent(`/cases/${id}/edit`)}`);
      await logIn(page, staff);
      const form = page.getByRole("form", { name: "好事例を編集する" });
      await expect.poll(() => form.getByRole("textbox", { name: "タイトル 必須" }).inputValue()).toBe("共有フォルダの整理ルール");
      return { page, form };
    };
    const a = await open();
    const b = await open();

    await a.form.getByRole("textbox", { name: "タイトル 必須" }).fill("共有フォルダの整理ルール（全庁版）");
    await a.form.getByRole("button", { name: "下書き保存" }).click();
    await a.page.getByRole("status").filter({ hasText: /^下書きを保存しました。$/ }).waitFor();

    const summary = b.form.getByRole("textbox", { name: "概要 提出時に必須" });
    await summary.fill("共有フォルダの構成を課をまたいで統一しました。");
    await b.form.getByRole("button", { name: "下書き保存" }).click();
    const conflict = b.page.getByRole("region", { name: "ほかの人が先にこの好事例を更新しました" });
    await conflict.getByRole("alert").filter({ hasText: "ほかの人がこの好事例を先に更新しました。" }).waitFor();
    expect(await summary.inputValue()).toBe("共有フォルダの構成を課をまたいで統一しました。"); // nothing lost
    await conflict.getByRole("button", { name: "最新の内容を読み込む" }).click();
    const titleChange = conflict.getByRole("group", { name: /^タイトルを変更/ });
    await titleChange.waitFor();
    // The server stores titles NFKC-normalised: （全庁版） comes back as (全庁版).
    expect(await titleChange.getByRole("deletion").allTextContents()).toEqual(["［削除：(全庁版)］"]);
    expect(await conflict.getByRole("group", { name: /^概要を変更/ }).getByRole("insertion").allTextContents()).toEqual(["［追加：課をまたいで］"]);
    await shot(b.page, "conflict", false);
    await conflict.getByRole("button", { name: "自分の入力内容で保存し直す" }).click();
    await b.page.getByRole("status").filter({ hasText: /^下書きを保存しました。$/ }).waitFor();

    const saved = await kb.gql<{ case: { summary: string; version: number } }>(`query($id: ID!) { case(id: $id) { summary version } }`, { id }, { viewer: staff });
    expect(saved.data!.case.summary).toBe("共有フォルダの構成を課をまたいで統一しました。");

    // 提出する from the case page: the server's missing-field errors are listed with a way to fix them.
    await b.page.getByRole("link", { name: "好事例のページに戻る" }).click();
    // Exactly 提出する: until the case page's chunk has loaded the editor is still shown, and its
    // 審査に提出する would match a substring (a busy CI machine clicked it, and the editor kept the page).
    await b.page.getByRole("button", { name: "提出する", exact: true }).click();
    await b.page.getByText("個人情報の可能性がある箇所は見つかりませんでした。").waitFor();
    await b.page.getByRole("button", { name: "審査に提出する" }).click();
    const problems = b.page.getByRole("alert").filter({ hasText: "提出する前に、次の項目を入力してください。" });
    await problems.getByRole("listitem").filter({ hasText: "取組内容：審査に出す前に取組内容を入力してください" }).waitFor();
    await problems.getByRole("listitem").filter({ hasText: "成果：審査に出す前に成果を入力してください" }).waitFor();
    await problems.getByRole("link", { name: "編集して直す" }).click();
    await b.page.getByRole("heading", { level: 1, name: "好事例を編集する" }).waitFor();
    await a.page.close();
    await b.page.close();
  });

  it("shows the server's RATE_LIMITED message as it is", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}login`);
    const who = { email: `nobody-${process.pid}@example.lg.jp`, password: "wrong" };
    const alert = page.getByRole("alert");
    for (let i = 0; i < 5; i++) {
      await logIn(page, who);
      await alert.filter({ hasText: "メールアドレスまたはパスワードが正しくありません。" }).waitFor();
      await page.getByRole("button", { name: "ログイン" }).waitFor(); // enabled again
    }
    await page.getByRole("button", { name: "ログイン" }).click();
    await alert.filter({ hasText: /^ログインの失敗が続いたため、一時的にログインできません。15分ほど待ってからもう一度お試しください。$/ }).waitFor();
    await page.close();
  });

  it("keeps what was typed in this browser across a reload", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}login?next=%2Fcases%2Fnew`);
    await logIn(page, staff);
    const form = page.getByRole("form", { name: "好事例を投稿する" });
    await form.getByRole("radio", { name: "研修・ワークショップ" }).check();
    await form.getByRole("textbox", { name: "タイトル 必須" }).fill("ビジネススキルアップゼミ");
    await form.getByRole("textbox", { name: "参加者数" }).fill("たくさん");
    await page.getByText(/入力内容はこのブラウザに自動保存されています/).waitFor();
    await page.reload();
    await page.getByText(/自動保存されていた入力内容（.+）を復元しました。/).waitFor();
    await expect.poll(() => form.getByRole("textbox", { name: "タイトル 必須" }).inputValue()).toBe("ビジネススキルアップゼミ");
    // The schema's rule, in Japanese, on the field; focus goes to the first error.
    await form.getByRole("button", { name: "下書き保存" }).click();
    const count = form.getByRole("textbox", { name: "参加者数" });
    await expect.poll(() => count.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => count.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByText("数値で入力してください").count()).toBeGreaterThan(0);
    await shot(page, "form-errors", false);
    await page.close();
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * 横展開, the staff half of the 横展開 journey, in Debian's Chromium against the real server with the
 * seeds: a member of 市民課 finds a case of 子育て支援課 by searching, records 試行中 with a note and a
 * measured effect, and asks a question; the owning 課 is told of both, answers, and confirms the case's
 * content when it is due for a freshness check; the asker is told, accepts the answer; search sorts and
 * filters by adoption count; the department page lists what 市民課 adopted and asked.
 * (The secretariat's half — featuring it into a collection, the home page — is its own test.)
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const TITLE = "児童扶養手当現況報告 来庁者予約アプリ"; // a seed case of 子育て支援課

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let staff: { email: string; password: string };
let owner: { email: string; password: string };

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({ department: "市民課", displayName: "市民 花子", email: `adopter-${process.pid}@example.lg.jp`, password: "adopter password 2026" });
  owner = await kb.createViewer({ department: "子育て支援課", displayName: "子育て 一郎", email: `adoption-owner-${process.pid}@example.lg.jp`, password: "owner password 2026" });
  // Adoption counts reach the search index once per window (30 s by default); 2 s here.
  app = await startBrowserApp({ ...kb.env, KB_SEARCH_COUNTS_WINDOW_MS: "2000" });
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

const newPage = () => browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });

describe("横展開 in Chromium (staff)", () => {
  it("staff finds a case, records 試行中, asks a question; the owning 課 answers; the asker accepts", async () => {
    // ── 市民課 searches, opens the case. ──
    const page = await newPage();
    await logIn(page, staff, "/");
    await page.getByRole("searchbox", { name: "キーワード" }).fill("予約");
    const results = page.getByRole("region", { name: "「予約」の検索結果" });
    await results.getByRole("link", { name: TITLE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const casePath = new URL(page.url()).pathname;

    // ── Records 試行中 with a note, what changed and a measured effect (keyboard and labels only). ──
    const ledger = page.getByRole("region", { name: "横展開（この好事例を取り入れた課）" });
    await ledger.getByText("まだどの課も記録していません。").waitFor();
    const form = ledger.getByRole("form", { name: "あなたの課（市民課）の横展開を記録する" });
    // Nothing chosen: a field-level error, focus on the status radios.
    await form.getByRole("button", { name: "記録する" }).click();
    await form.getByText("状況を選んでください").waitFor();
    await form.getByRole("radio", { name: /^試行中/ }).check();
    await form.getByRole("textbox", { name: "メモ" }).fill("転入手続の窓口で4月から試しています");
    await form.getByRole("textbox", { name: "変わったこと" }).fill("来庁の予約制を始めた");
    await form.getByRole("button", { name: "効果の行を追加" }).click();
    const row = form.getByRole("group", { name: "効果 1" });
    await expect.poll(() => row.getByRole("textbox", { name: "項目" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await row.getByRole("textbox", { name: "項目" }).fill("待ち時間");
    await row.getByRole("textbox", { name: "導入前" }).fill("４０"); // full-width digits are read as numbers
    await row.getByRole("textbox", { name: "導入後" }).fill("10");
    await row.getByRole("textbox", { name: "単位" }).fill("分");
    await shot(page, "adoption-form");
    await form.getByRole("button", { name: "記録する" }).click();
    await ledger.getByRole("status").filter({ hasText: "横展開を「試行中」として記録しました。元の課に知らせました。" }).waitFor();
    await ledger.getByText("導入済 0課・試行中 1課・検討中 0課・見送り 0課").waitFor();
    await ledger.getByRole("link", { name: "市民課" }).waitFor();
    await ledger.getByRole("table", { name: "市民課で測った効果" }).getByRole("row", { name: /待ち時間 40 10 分/ }).waitFor();
    await ledger.getByRole("list", { name: "横展開の経過" }).getByText("市民課が「試行中」に").waitFor();
    // The form now updates the same record.
    await ledger.getByRole("form", { name: "あなたの課（市民課）の横展開を更新する" }).waitFor();

    // ── Asks a question. ──
    const qa = page.getByRole("region", { name: "質問と回答" });
    await qa.getByText("まだ質問はありません。").waitFor();
    await qa.getByRole("textbox", { name: "質問する内容" }).fill("予約枠は何分単位で設定しましたか？");
    await qa.getByRole("button", { name: "質問する" }).click();
    await qa.getByRole("status").filter({ hasText: "質問を送りました。" }).waitFor();
    const question = qa.getByRole("article", { name: /質問 1/ });
    await question.getByText("予約枠は何分単位で設定しましたか？").waitFor();
    await question.getByText("回答待ち").waitFor();
    await shot(page, "adoption-recorded");
    await page.close();

    // ── The owning 課 is told of both; the question notice leads to the Q&A; it answers. ──
    const ownerPage = await newPage();
    await logIn(ownerPage, owner, "/notifications");
    await ownerPage.getByRole("link", { name: `市民課が「${TITLE}」の横展開を「試行中」として記録しました。` }).waitFor();
    await ownerPage.getByRole("link", { name: `市民 花子さんから「${TITLE}」に質問が届きました：「予約枠は何分単位で設定しましたか？」` }).click();
    await ownerPage.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    expect(new URL(ownerPage.url()).hash).toBe("#qa");
    const ownerQa = ownerPage.getByRole("region", { name: "質問と回答" });
    await expect.poll(() => ownerQa.getByRole("heading", { name: "質問と回答" }).evaluate((el) => el === document.activeElement)).toBe(true);
    // The owning 課 answers rather than asks, and does not record adoptions of its own case.
    expect(await ownerQa.getByRole("textbox", { name: "質問する内容" }).count()).toBe(0);
    await ownerPage.getByText("この好事例はあなたの課のものです。ほかの課が記録すると、ここに表示されます。").waitFor();
    await ownerQa.getByRole("textbox", { name: "回答（質問 1）" }).fill("15分単位です。午前と午後で枠の数を変えています。");
    await ownerQa.getByRole("button", { name: "回答する" }).click();
    await ownerQa.getByRole("status").filter({ hasText: "回答しました。質問した人に知らせました。" }).waitFor();

    // ── Freshness: pretend the case was last reviewed three years ago; its 課 sees the flag and confirms. ──
    await kb.orm.em.fork().execute("update cases set published_at = published_at - interval '3 years' where title = ?", [TITLE]);
    await ownerPage.reload();
    const fresh = ownerPage.getByRole("region", { name: "内容の確認" });
    await fresh.getByText(/2年度以上、内容が確認されていません。今も正しいか確認し/).waitFor();
    await shot(ownerPage, "freshness-due");
    await fresh.getByRole("button", { name: "内容を確認した" }).click();
    await fresh.getByRole("status").filter({ hasText: "内容を確認したことを記録しました。" }).waitFor();
    await fresh.getByText(/確認した人：子育て 一郎/).waitFor();
    expect(await fresh.getByText(/2年度以上、内容が確認されていません/).count()).toBe(0);
    await ownerPage.close();

    // ── The asker is told, and accepts the answer. ──
    const back = await newPage();
    await logIn(back, staff, "/notifications");
    await back.getByRole("link", { name: `「${TITLE}」へのあなたの質問に子育て 一郎さんが回答しました。` }).click();
    await back.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const backQa = back.getByRole("region", { name: "質問と回答" });
    await backQa.getByRole("button", { name: "子育て 一郎さんの回答を採用する" }).click();
    await backQa.getByRole("status").filter({ hasText: "回答を採用しました。" }).waitFor();
    await backQa.getByText("採用された回答").waitFor();
    await backQa.getByText("解決済み").waitFor();
    await shot(back, "qa-accepted");
    expect(new URL(back.url()).pathname).toBe(casePath);

    // ── Search: 横展開の多い順 puts it first with its count; the filter keeps only adopted cases. ──
    await back.goto(`${baseUrl}?q=${encodeURIComponent("窓口")}`);
    await back.getByRole("combobox", { name: "並び順" }).selectOption({ label: "横展開の多い順" });
    await back.waitForURL(/sort=MOST_ADOPTED/);
    const first = back.locator("main ol article").first();
    // The order follows once the counts window has passed: reload as a user would.
    await expect
      .poll(
        async () => {
          await back.reload();
          return first.getByRole("link").first().textContent();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(TITLE);
    await first.getByText("横展開 1課").waitFor();
    await back.getByRole("combobox", { name: "横展開" }).selectOption({ label: "1課以上が取り入れた" });
    await back.waitForURL(/adopted=1/);
    await back.getByRole("status").filter({ hasText: "1件の好事例" }).waitFor();
    await shot(back, "search-most-adopted", false);

    // ── The department page: what 市民課 adopted and asked. ──
    await back.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "自分の課" }).click();
    await back.getByRole("heading", { level: 1, name: "市民課の部署ページ" }).waitFor();
    const adopted = back.getByRole("region", { name: /^取り入れた好事例（横展開）/ });
    await adopted.getByRole("link", { name: TITLE }).waitFor();
    await adopted.getByText("試行中").waitFor();
    const asked = back.getByRole("region", { name: /^質問した/ });
    await asked.getByRole("link", { name: TITLE }).waitFor();
    await asked.getByText("解決済み").waitFor();
    await shot(back, "department-page");
    await back.close();
  });
});

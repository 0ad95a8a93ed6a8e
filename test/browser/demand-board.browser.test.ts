import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * The demand board (issue 16 items 6–7, second acceptance journey) in Debian's Chromium against the
 * real server with the seeds and a REAL SMTP server (test/support/smtp-sink.ts, its own process):
 * staff of 宝塚市 search for something and find nothing; 宝塚市's secretariat sees it on 募集の掲示板
 * (through 管理) and turns it into a 募集 across the commons; staff of 熊本市 open 募集 from the
 * header and answer it with a case of theirs shared to the commons; the secretariat is told in the
 * app, and the e-mail arrives at the SMTP server. At 1280 px and 390 px.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const KUMAMOTO = "431001";
const OFFERED = "届出ナビの全区導入で住民異動の受付時間を短縮"; // a seed case of 熊本市 市民課

let kb: TestBackend;
let sink: SmtpSink;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  kb = await createTestBackend();
  sink = await startSmtpSink();
  // The seeds first (their organisations with them), so people of 熊本市 can be made; the server then finds them loaded.
  await kb.loadSeedCases();
  await kb.orm.em.fork().execute("update cases set sharing = 'COMMONS' where title = ?", [OFFERED]);
  await kb.syncSearch();
  app = await startBrowserApp({ ...kb.env, ...sink.env, KB_MAIL_POLL_MS: "200" });
  ({ baseUrl, browser } = app);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await sink?.stop();
  await kb?.close();
});

type Person = { email: string; password: string };
/** The shared sign-in (test/support/browser.ts), on this file's app. */
const logIn = (page: Page, who: Person) => signIn(page, baseUrl, who, "/");

/** The page's width is the viewport's: nothing sticks out sideways (390 px). */
async function fitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

describe("募集 in Chromium", () => {
  for (const [width, words] of [
    [1280, "ドローン受付"],
    [390, "無人受付ロボ"],
  ] as const) {
    it(`a search that found nothing becomes a 募集; another 自治体 answers it with a case; the requester is told (${width} px)`, { timeout: 240_000 }, async () => {
      const staff = await kb.createViewer({ department: "市民課", displayName: `宝塚 花子${width}` });
      const secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "行政改革課", displayName: `宝塚 事務局${width}`, email: `secretariat-${width}-${process.pid}@example.lg.jp` });
      const kumamoto = await kb.createViewer({ organisation: KUMAMOTO, department: "市民課", displayName: `熊本 太郎${width}` });
      const contexts: BrowserContext[] = [];
      const open = async () => {
        const context = await browser.newContext({ locale: "ja-JP", viewport: { width, height: 900 } });
        context.setDefaultTimeout(20_000);
        contexts.push(context);
        return context.newPage();
      };
      const shot = async (page: Page, name: string) => {
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/demand-${name}-${width}.png`, fullPage: true });
      };
      try {
        // ── 宝塚市's staff search and find nothing. ──
        const searcher = await open();
        await logIn(searcher, staff);
        await searcher.getByRole("searchbox", { name: "キーワード" }).fill(words);
        await searcher.getByRole("searchbox", { name: "キーワード" }).press("Enter");
        await searcher.getByText("条件に合う好事例は見つかりませんでした。").waitFor();

        // ── The secretariat finds it on 募集の掲示板 (管理 → 募集の掲示板); the counts are written within seconds. ──
        const desk = await open();
        await logIn(desk, secretariat);
        await desk.getByRole("banner").getByRole("link", { name: "管理" }).click();
        await desk.getByRole("link", { name: "募集の掲示板" }).click();
        await desk.getByRole("heading", { level: 1, name: "募集の掲示板" }).waitFor();
        const own = desk.getByRole("table", { name: "あなたの自治体で見つからなかった検索" });
        await expect
          .poll(
            async () => {
              if ((await own.getByRole("rowheader", { name: words }).count()) > 0) return true;
              await desk.reload();
              await desk.getByRole("heading", { level: 1, name: "募集の掲示板" }).waitFor();
              return false;
            },
            { timeout: 30_000, interval: 1000 },
          )
          .toBe(true);
        await own.getByRole("row", { name: new RegExp(words) }).getByText("1回").waitFor();
        await shot(desk, "board");
        await fitsWidth(desk);
        await own.getByRole("button", { name: `「${words}」を募集にする` }).click();
        const form = desk.getByRole("form", { name: `「${words}」の募集を作る` });
        await expect.poll(() => desk.getByRole("heading", { name: `「${words}」の募集を作る` }).evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await form.getByRole("textbox", { name: /題名/ }).inputValue()).toBe(`「${words}」の事例を募集しています`);
        // Titles are stored normalised (NFKC): the full-width brackets come back half-width.
        const typed = `窓口の待ち時間を減らした事例を募集しています（${width}）`;
        const title = typed.normalize("NFKC");
        await form.getByRole("textbox", { name: /題名/ }).fill(typed);
        await form.getByRole("textbox", { name: /説明/ }).fill("来庁者の待ち時間を減らした工夫を探しています。受付の自動化や予約制など。");
        await form.getByLabel(/期限/).fill(`${new Date().getFullYear() + 1}-03-31`);
        await form.getByRole("radio", { name: /自治体間で募集/ }).check();
        await shot(desk, "create");
        await form.getByRole("button", { name: "募集を出す" }).click();
        await desk.getByRole("heading", { level: 1, name: title }).waitFor();
        await desk.getByText("募集を出しました。").waitFor();
        await desk.getByText(`期限 ${new Date().getFullYear() + 1}年3月31日（令和`).waitFor();
        await desk.getByText("自治体間", { exact: true }).waitFor();
        const solicitationPath = new URL(desk.url()).pathname;
        await shot(desk, "created");
        await fitsWidth(desk);

        // ── The staff member who searched follows the 募集 (told too when it is answered). ──
        await searcher.goto(`${baseUrl}${solicitationPath.slice(1)}`);
        await searcher.getByRole("heading", { level: 1, name: title }).waitFor();
        await searcher.getByRole("button", { name: "この募集をフォローする" }).click();
        await searcher.getByRole("button", { name: "フォローを解除する", pressed: true }).waitFor();
        await searcher.getByText("フォロー中：好事例が寄せられるとお知らせします。").waitFor();

        // ── 熊本市's staff open 募集 from the header and answer with their commons case. ──
        const other = await open();
        await logIn(other, kumamoto);
        await other.getByRole("banner").getByRole("link", { name: "募集", exact: true }).click();
        await other.getByRole("heading", { level: 1, name: "募集" }).waitFor();
        await other.getByRole("link", { name: title }).click();
        await other.waitForURL((url) => url.pathname === solicitationPath);
        await other.getByText("まだ好事例は寄せられていません。").waitFor();
        const answer = other.getByRole("region", { name: "好事例を寄せる" });
        await answer.getByRole("searchbox", { name: "好事例のタイトルで探す" }).fill("届出ナビ");
        await answer.getByRole("button", { name: "探す" }).click();
        await answer.getByRole("radio", { name: new RegExp(OFFERED) }).check();
        await answer.getByRole("textbox", { name: /ひとこと/ }).fill("届出ナビで受付時間が短くなりました。");
        await shot(other, "answer");
        await fitsWidth(other);
        await answer.getByRole("button", { name: "この好事例を寄せる" }).click();
        await answer.getByRole("status").filter({ hasText: `「${OFFERED}」を寄せました。` }).waitFor();
        const answers = other.getByRole("region", { name: "寄せられた好事例" });
        await answers.getByRole("link", { name: OFFERED }).waitFor();
        await answers.getByText("熊本市 市民課").waitFor();
        await shot(other, "answered");

        // ── The requester is told in the app… ──
        const message = `募集「${title}」に、熊本市から好事例「${OFFERED}」が寄せられました。`;
        await desk.goto(`${baseUrl}notifications`);
        await desk.getByRole("link", { name: message }).waitFor();
        await shot(desk, "notified");
        await fitsWidth(desk);
        await desk.goto(`${baseUrl}${solicitationPath.slice(1)}`);
        await desk.getByRole("region", { name: "寄せられた好事例" }).getByRole("link", { name: OFFERED }).waitFor();

        // The follower is told as well, and sees what they follow on the account page.
        await searcher.goto(`${baseUrl}notifications`);
        await searcher.getByRole("link", { name: message }).waitFor();
        await searcher.getByRole("banner").getByRole("link", { name: "アカウント設定" }).click();
        const follows = searcher.getByRole("region", { name: "フォロー中" });
        await follows.getByRole("link", { name: title }).waitFor();
        await follows.getByRole("combobox", { name: "自治体をフォローする" }).selectOption({ label: "熊本県 熊本市" });
        await follows.getByRole("button", { name: "フォローする" }).click();
        await follows.getByRole("status").filter({ hasText: "「熊本市」をフォローしました。" }).waitFor();
        await follows.getByRole("link", { name: title }).waitFor();
        await shot(searcher, "follows");
        await fitsWidth(searcher);
        await follows.getByRole("button", { name: `「${title}」のフォローを解除` }).click();
        await follows.getByRole("status").filter({ hasText: `「${title}」のフォローを解除しました。` }).waitFor();
        expect(await follows.getByRole("link", { name: title }).count()).toBe(0);

        // ── …and by e-mail, through the SMTP server. ──
        const mail = await sink.waitFor((m) => m.to.includes(secretariat.email) && m.subject.includes(title), 30_000);
        expect(mail.subject).toBe(`【好事例ナレッジベース】募集「${title}」に好事例が寄せられました`);
        expect(mail.text).toContain(message);
        expect(mail.text).toContain(solicitationPath);
      } finally {
        for (const context of contexts) await context.close();
      }
    });
  }
});

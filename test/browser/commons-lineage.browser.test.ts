import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Issue 16's first acceptance journey, in Debian's Chromium against the real server with the seeds,
 * at 1280 px and 390 px: 自治体 A (宝塚市) shares a case with the commons; staff of 自治体 B (姫路市)
 * find it by searching, ask a question; A's 課 is told and answers; B records 導入済 with its own
 * effects, writes a case of its own naming A's as 参考にした好事例, and B's secretariat publishes it;
 * A's case page shows who adopted it (自治体 and 課), the derived case and both sets of effects, and
 * the home page the flow 「宝塚市の事例を姫路市が導入」.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const TITLE = "緊急通報利用者情報 報告管理アプリ"; // a seed case of 宝塚市 高齢福祉課
const HIMEJI = "282014"; // 中核市, 兵庫県 like 宝塚市: a town like it in one way (似た自治体)

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
type Person = { email: string; password: string; displayName: string };
let owner: Person;
let aSecretariat: Person;
let bSecretariat: Person;
let caseId: string;

beforeAll(async () => {
  kb = await createTestBackend();
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  const person = async (organisation: string | undefined, department: string, displayName: string, key: string, role: "STAFF" | "SECRETARIAT" = "STAFF") => {
    const p = { email: `${key}-${process.pid}@example.lg.jp`, password: `${key} password 2026`, displayName };
    await kb.createViewer({ ...(organisation ? { organisation } : {}), department, displayName, role, email: p.email, password: p.password });
    return p;
  };
  owner = await person(undefined, "高齢福祉課", "宝塚 一郎", "commons-owner");
  aSecretariat = await person(undefined, "業務改革推進課", "宝塚 事務局", "commons-a-secretariat", "SECRETARIAT");
  bSecretariat = await person(HIMEJI, "改革推進課", "姫路 事務局", "commons-b-secretariat", "SECRETARIAT");
  const [row] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where title = ?", [TITLE]);
  caseId = row!.id;
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

const RUNS = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, department: "高齢者支援課", staff: "播磨 花子", derived: "姫路市版 緊急通報の報告管理", after: 12 },
  { name: "phone", viewport: { width: 390, height: 844 }, department: "地域包括ケア推進課", staff: "飾磨 次郎", derived: "姫路市 地域包括ケアの通報管理", after: 15 },
] as const;

describe("the commons: 横展開 across 自治体 with lineage", () => {
  it.each(RUNS)("A shares, B finds, asks, adopts and derives; A's page shows the lineage ($name)", async (run) => {
    const staff = await (async () => {
      const p = { email: `commons-b-${run.name}-${process.pid}@example.lg.jp`, password: `commons b ${run.name} 2026`, displayName: run.staff };
      await kb.createViewer({ organisation: HIMEJI, department: run.department, displayName: run.staff, email: p.email, password: p.password });
      return p;
    })();
    const contexts: BrowserContext[] = [];
    const newPage = async () => {
      const context = await browser.newContext({ viewport: run.viewport, locale: "ja-JP" });
      contexts.push(context);
      return context.newPage();
    };
    const shot = async (page: Page, name: string) => {
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/commons-${name}-${run.name}.png`, fullPage: true });
    };
    /** One part of the page, close up (full-page shots of a long case page are too small to read). */
    const part = async (locator: ReturnType<Page["locator"]>, name: string) => {
      if (SHOTS) await locator.screenshot({ path: `${SHOTS}/commons-${name}-${run.name}.png` });
    };
    const question = `${run.department}から：報告の集計はどの画面で行っていますか？`;
    try {
      // ── 自治体 A's secretariat shares the case with the commons (it starts 庁内限定 in each run). ──
      await kb.orm.em.fork().execute("update cases set sharing = 'ORGANISATION' where id = ?", [caseId]);
      await kb.syncSearch();
      const sec = await newPage();
      sec.on("dialog", (dialog) => void dialog.accept());
      await signIn(sec, baseUrl, aSecretariat, `/cases/${caseId}`);
      const sharing = sec.getByRole("region", { name: "公開範囲" });
      await sharing.getByText("現在の公開範囲: 庁内限定").waitFor();
      await sharing.getByRole("button", { name: "自治体間で共有する" }).click();
      await sharing.getByRole("status").filter({ hasText: "自治体間で共有しました。" }).waitFor();
      await kb.syncSearch();

      // ── B's staff find A's commons case by searching. ──
      const b = await newPage();
      await signIn(b, baseUrl, staff, "/");
      await b.getByRole("searchbox", { name: "キーワード" }).fill("緊急通報");
      await b.getByRole("searchbox", { name: "キーワード" }).press("Enter");
      const results = b.getByRole("region", { name: "「緊急通報」の検索結果" });
      // ── 似た自治体: on by default for staff, and the card says why 宝塚市's case comes first. ──
      expect(await b.getByRole("checkbox", { name: "似た自治体を優先" }).isChecked()).toBe(true);
      const card = results.getByRole("listitem").filter({ has: b.getByRole("link", { name: TITLE, exact: true }) });
      await card.getByText("同じ兵庫県の事例").waitFor();
      await part(card, "part-similar");
      await results.getByRole("link", { name: TITLE, exact: true }).click();
      await b.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      await b.getByText("宝塚市", { exact: true }).first().waitFor();

      // ── B asks a question. ──
      const qa = b.getByRole("region", { name: "質問と回答" });
      await qa.getByRole("textbox", { name: "質問する内容" }).fill(question);
      await qa.getByRole("button", { name: "質問する" }).click();
      await qa.getByRole("status").filter({ hasText: "質問を送りました。" }).waitFor();
      await shot(b, "asked");
      await part(qa, "part-asked");

      // ── A's 課 is told, and answers. ──
      const a = await newPage();
      await signIn(a, baseUrl, owner, "/notifications");
      await a.getByRole("link", { name: `姫路市の${run.staff}さんから「${TITLE}」に質問が届きました：「${question.slice(0, 40)}${question.length > 40 ? "…" : ""}」` }).click();
      await a.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      const ownerQa = a.getByRole("region", { name: "質問と回答" });
      const asked = ownerQa.getByRole("article").filter({ hasText: question });
      await asked.getByRole("textbox", { name: /^回答/ }).fill("月末に一覧画面から CSV を出して集計しています。");
      await asked.getByRole("button", { name: "回答する" }).click();
      await ownerQa.getByRole("status").filter({ hasText: "回答しました。質問した人に知らせました。" }).waitFor();

      // ── B reads the answer and records 導入済 with its own effects. ──
      await b.reload();
      await qa.getByRole("article").filter({ hasText: question }).getByText("月末に一覧画面から CSV を出して集計しています。").waitFor();
      const ledger = b.getByRole("region", { name: "横展開（この好事例を取り入れた課）" });
      const form = ledger.getByRole("form", { name: `あなたの課（${run.department}）の横展開を記録する` });
      await form.getByRole("radio", { name: /^導入済/ }).check();
      await form.getByRole("textbox", { name: "メモ" }).fill("宝塚市の回答をもとに、姫路市でも導入しました");
      await form.getByRole("button", { name: "効果の行を追加" }).click();
      const row = form.getByRole("group", { name: "効果 1" });
      await row.getByRole("textbox", { name: "項目" }).fill("月次集計作業");
      await row.getByRole("textbox", { name: "導入前" }).fill("5");
      await row.getByRole("textbox", { name: "導入後" }).fill(String(run.after / 10));
      await row.getByRole("textbox", { name: "単位" }).fill("時間/月");
      await form.getByRole("button", { name: "記録する" }).click();
      await ledger.getByRole("status").filter({ hasText: "横展開を「導入済」として記録しました。" }).waitFor();
      await ledger.getByText(`姫路市 ${run.department}`, { exact: false }).first().waitFor();
      await shot(b, "adopted");
      await noSidewaysScroll(b);

      // ── B writes its own case, naming A's as 参考にした好事例, and submits it. ──
      await b.goto(`${baseUrl}cases/new`);
      const editor = b.getByRole("form", { name: "好事例を投稿する" });
      await editor.getByRole("radio", { name: "その他の業務改善" }).check();
      await editor.getByRole("textbox", { name: "タイトル 必須" }).fill(run.derived);
      await editor.getByRole("combobox", { name: "年度 必須" }).selectOption({ label: "令和6年度（2024年度）" });
      await editor.getByRole("textbox", { name: "概要 提出時に必須" }).fill("宝塚市の緊急通報の報告管理アプリを参考に、姫路市の運用に合わせて導入しました。");
      await editor.getByRole("textbox", { name: "取組内容 提出時に必須" }).fill("宝塚市に質問して集計の手順を確かめ、同じ仕組みを作りました。");
      await editor.getByRole("textbox", { name: "成果 提出時に必須" }).fill("月次の集計作業が短くなりました。");
      await editor.getByRole("button", { name: "行を追加" }).click();
      const effect = editor.getByRole("group", { name: "1行目" });
      await effect.getByRole("textbox", { name: "項目" }).fill("月次集計作業");
      await effect.getByRole("textbox", { name: "導入前" }).fill("5");
      await effect.getByRole("textbox", { name: "導入後" }).fill(String(run.after / 10));
      await effect.getByRole("textbox", { name: "単位" }).fill("時間/月");
      await editor.getByRole("button", { name: "下書き保存" }).click();
      await b.waitForURL(/\/cases\/[0-9a-f-]{36}\/edit$/);
      const derivedId = new URL(b.url()).pathname.split("/")[2]!;
      const picker = b.getByRole("region", { name: "参考にした好事例（任意）" });
      await picker.getByText("まだ選んでいません。").waitFor();
      await picker.getByRole("searchbox", { name: "事例を探す" }).fill("緊急通報");
      await picker.getByRole("button", { name: "探す" }).click();
      await picker.getByRole("button", { name: `「${TITLE}」を参考にした好事例にする` }).click();
      await picker.getByRole("status").filter({ hasText: `「${TITLE}」を参考にした好事例にしました。` }).waitFor();
      await picker.getByRole("link", { name: TITLE }).waitFor();
      await shot(b, "picker");
      await part(picker, "part-picker");
      await noSidewaysScroll(b);
      await b.getByRole("form", { name: "好事例を編集する" }).getByRole("button", { name: "審査に提出する" }).click();
      await b.waitForURL(new RegExp(`/cases/${derivedId}$`));
      await b.getByText("審査に提出しました。").waitFor();

      // ── B's secretariat publishes it. ──
      const s = await newPage();
      await signIn(s, baseUrl, bSecretariat, `/cases/${derivedId}`);
      await s.getByRole("heading", { level: 1, name: run.derived }).waitFor();
      await s.getByRole("region", { name: "参考にした好事例" }).getByRole("link", { name: TITLE }).waitFor();
      const review = s.getByRole("region", { name: "審査", exact: true });
      await review.getByRole("textbox", { name: "コメント" }).fill("宝塚市の事例をもとにした、ほかの自治体にも役立つ事例です。");
      // Published to the commons, so 宝塚市's readers see it on their case's page.
      await review.getByRole("radio", { name: /^自治体間で共有/ }).check();
      await review.getByRole("button", { name: "公開する" }).click();
      await s.waitForURL(/\/review$/);

      // ── A's case page: who adopted it, the derived case and both sets of effects. ──
      await a.goto(`${baseUrl}cases/${caseId}`);
      await a.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      const adopters = a.getByRole("region", { name: "横展開（この好事例を取り入れた課）" });
      await adopters.getByText(`姫路市 ${run.department}`, { exact: false }).first().waitFor();
      await adopters.getByRole("table", { name: `姫路市 ${run.department}で測った効果` }).or(adopters.getByRole("list", { name: `姫路市 ${run.department}で測った効果` })).first().waitFor();
      const lineage = a.getByRole("region", { name: "この事例を参考にした事例" });
      await lineage.getByRole("link", { name: run.derived }).waitFor();
      await lineage.getByText(`姫路市 ${run.department}`, { exact: true }).first().waitFor();
      // Both sets of effects, side by side: this case's own and the derived case's.
      const own = lineage.getByRole("table", { name: "この事例の効果" }).or(lineage.getByRole("list", { name: "この事例の効果" })).first();
      await own.waitFor();
      const theirs = lineage.getByRole("table", { name: `姫路市 ${run.department}の効果` }).or(lineage.getByRole("list", { name: `姫路市 ${run.department}の効果` })).first();
      await theirs.waitFor();
      expect(await theirs.textContent()).toContain(String(run.after / 10));
      await lineage.scrollIntoViewIfNeeded();
      await shot(a, "lineage");
      await part(adopters, "part-adopters");
      await part(lineage, "part-lineage");
      await part(a.locator("article header"), "part-meta");
      await noSidewaysScroll(a);

      // ── The home page: the flow between the two 自治体. ──
      await a.goto(baseUrl);
      const flows = a.getByRole("region", { name: "自治体間の横展開" });
      await flows.getByText("宝塚市の事例を姫路市が導入").waitFor();
      await flows.scrollIntoViewIfNeeded();
      await shot(a, "home-flows");
      await part(flows, "part-flows");
      await noSidewaysScroll(a);
    } finally {
      for (const context of contexts) await context.close();
    }
  }, 240_000); // four people, an editor and a review: about a minute on 2 shared cores
});

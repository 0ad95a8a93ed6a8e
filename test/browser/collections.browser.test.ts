import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Curation, the secretariat's half of the curation journey, in Debian's Chromium against the real server
 * with the seeds: the secretariat creates a 好事例集, features a case found by searching (with a 選定理由)
 * into it with two more, reorders them with the keyboard alone, publishes it, and the home page shows it
 * (to anonymous visitors too) with the case among the most adopted. Then the printable 好事例集 is
 * rendered to PDF by Chromium and read back (poppler's pdfinfo / pdftotext): A4, the title and contents on
 * the first page, the cases flowing on in order under their own headings, no more than a page per case. And the search page's CSV button downloads a
 * CSV with a BOM. Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const TITLE = "児童扶養手当現況報告 来庁者予約アプリ"; // a seed case of 子育て支援課
const COLLECTION = "令和6年度 好事例集";
const REASON = "来庁予約で窓口の待ち時間を大きく減らし、ほかの手当の窓口にも広げられる";

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let secretariat: { email: string; password: string };
let tmp: string;
const titles: string[] = [];

beforeAll(async () => {
  for (const tool of ["pdfinfo", "pdftotext", "pdftohtml"]) {
    try {
      execFileSync(tool, ["-v"], { stdio: "ignore" });
    } catch {
      throw new Error(`${tool} not found: install Debian's poppler-utils (apt-get install poppler-utils); .ci/run does`);
    }
  }
  kb = await createTestBackend();
  secretariat = await kb.createViewer({
    role: "SECRETARIAT",
    department: "業務改革推進課",
    displayName: "改革 三郎",
    email: `curation-${process.pid}@example.lg.jp`,
    password: "secretariat password 2026",
  });
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  tmp = mkdtempSync(path.join(tmpdir(), "kb-book-"));
  // The staff half of the journey (adoption.browser.test.ts) records 試行中; here it is set up directly.
  const staff = await kb.createViewer({ department: "市民課" });
  const [row] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where title = ?", [TITLE]);
  const recorded = await kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { status } }`, { input: { caseId: row!.id, status: "TRIAL" } }, { viewer: staff });
  expect(recorded.errors).toBeUndefined();
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

type Person = { email: string; password: string };
/** The shared sign-in (test/support/browser.ts), on this file's app. */
const logIn = (page: Page, who: Person, next: string) => signIn(page, baseUrl, who, next);

/** Finds a case by searching, opens it, and adds it to the collection with a reason (featuring it first if asked). */
async function collect(page: Page, word: string, title: string, reason: string, feature: boolean): Promise<void> {
  await page.goto(`${baseUrl}search?q=${encodeURIComponent(word)}`);
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByRole("button", { name: "注目・好事例集を編集" }).click();
  const tools = page.getByRole("group", { name: "注目・好事例集（事務局）" });
  if (feature) {
    const featureForm = tools.getByRole("form", { name: "事務局のおすすめ（注目の好事例）" });
    await featureForm.getByRole("textbox", { name: "選定理由 必須" }).fill(reason);
    await featureForm.getByRole("button", { name: "おすすめにする" }).click();
    await tools.getByRole("status").filter({ hasText: "おすすめにしました。" }).waitFor();
    // Readers now see the mark and its reason on the case page.
    await page.getByText("事務局おすすめ").first().waitFor();
  }
  const addForm = tools.getByRole("form", { name: "好事例集に追加" });
  await addForm.getByRole("combobox", { name: "追加先の好事例集 必須" }).selectOption({ label: `${COLLECTION}（非公開）` });
  const entryReason = addForm.getByRole("textbox", { name: "この好事例集での選定理由 必須" });
  if (feature) expect(await entryReason.inputValue()).toBe(reason); // the featured reason is offered
  await entryReason.fill(reason);
  await addForm.getByRole("button", { name: "好事例集に追加" }).click();
  await tools.getByRole("status").filter({ hasText: `「${COLLECTION}」に追加しました。` }).waitFor();
  titles.push(title);
}

describe("featuring cases into a collection in Chromium", () => {
  let collectionPath: string;

  it("the secretariat features a case into a new collection, orders it by keyboard, publishes it, and the home page shows it", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await logIn(page, secretariat, "/collections");

    // ── Create the collection (unpublished). ──
    const create = page.getByRole("form", { name: "好事例集を作る（事務局）" });
    await create.getByRole("textbox", { name: /^名前/ }).fill(COLLECTION);
    await create.getByRole("combobox", { name: /^対象年度/ }).selectOption({ label: "令和6年度（2024年度）" });
    await create.getByRole("textbox", { name: /^説明/ }).fill("令和6年度に庁内で生まれた好事例から、事務局が選びました。");
    await create.getByRole("button", { name: "作る（非公開で作成）" }).click();
    await page.getByRole("heading", { level: 1, name: COLLECTION }).waitFor();
    collectionPath = new URL(page.url()).pathname;
    expect(collectionPath).toMatch(/^\/collections\/[0-9a-f-]{36}$/);

    // ── Feature the case found by searching, and add two more. ──
    await collect(page, "予約", TITLE, REASON, true);
    await shot(page, "case-curation", false);
    await collect(page, "公用車", "公用車 運行記録・点検管理アプリ", "紙の運行記録をやめ、点検の漏れをなくした", false);
    await collect(page, "生成AI", "生成AI活用ハンズオン研修", "生成AIのはじめの一歩として、どの課でも開ける", false);
    expect(titles).toHaveLength(3);

    // ── Reorder with the keyboard: the focus stays with the moved case; a live region says where it went. ──
    await page.goto(`${baseUrl}${collectionPath.slice(1)}`);
    const entries = page.getByRole("region", { name: "収録している好事例" });
    const order = () => entries.getByRole("listitem").locator("h3").allTextContents();
    await expect.poll(order).toEqual(titles);
    await entries.getByRole("button", { name: `「${titles[0]}」を1つ下へ移動` }).focus();
    await page.keyboard.press("Enter");
    await entries.getByRole("status").filter({ hasText: `「${titles[0]}」を3件中2番目に移動しました。` }).waitFor();
    await expect.poll(order).toEqual([titles[1], titles[0], titles[2]]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`「${titles[0]}」を1つ下へ移動`);
    await page.keyboard.press("Enter");
    await expect.poll(order).toEqual([titles[1], titles[2], titles[0]]);
    // At the bottom "下へ" is disabled: the focus moved to "上へ" of the same case.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`「${titles[0]}」を1つ上へ移動`);
    await page.keyboard.press("Enter");
    await expect.poll(order).toEqual([titles[1], titles[0], titles[2]]);
    // Saved (once the list is no longer busy): a reload shows the same order.
    await entries.locator("ol[aria-busy='false']").waitFor();
    await page.reload();
    await expect.poll(order).toEqual([titles[1], titles[0], titles[2]]);
    titles.splice(0, titles.length, titles[1]!, titles[0]!, titles[2]!);
    await shot(page, "collection-reorder");

    // ── Publish. ──
    await page.getByRole("button", { name: "公開する" }).click();
    await page.getByRole("status").filter({ hasText: "公開しました。" }).waitFor();

    // ── The home page shows it: the collection, the featured case with its reason, the most adopted. ──
    await page.goto(baseUrl);
    const featured = page.getByRole("region", { name: "注目の好事例集" });
    await featured.getByRole("link", { name: COLLECTION }).waitFor();
    for (const title of titles) await featured.getByRole("link", { name: title }).waitFor();
    const picks = page.getByRole("region", { name: "事務局おすすめの好事例" });
    await picks.getByRole("link", { name: TITLE }).waitFor();
    await picks.getByText(REASON).waitFor();
    const adopted = page.getByRole("region", { name: "多くの課が取り入れている好事例" });
    await adopted.getByRole("link", { name: TITLE }).waitFor();
    await adopted.getByText("1課が試行・導入").waitFor();
    await shot(page, "home");

    // Anonymous visitors see the published collection too, and the page behind it.
    const anonymous = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await anonymous.goto(baseUrl);
    await anonymous.getByRole("region", { name: "注目の好事例集" }).getByRole("link", { name: COLLECTION }).click();
    await anonymous.getByRole("heading", { level: 1, name: COLLECTION }).waitFor();
    await expect.poll(() => anonymous.getByRole("region", { name: "収録している好事例" }).getByRole("listitem").locator("h3").allTextContents()).toEqual(titles);
    expect(await anonymous.getByRole("button", { name: /を1つ下へ移動$/ }).count()).toBe(0);
    await anonymous.close();
    await page.close();
  }, 180_000); // a long journey; the default minute is short on a busy machine

  it("prints the collection as a compact A4 好事例集: title and contents, then the cases flowing on under their own headings", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}${collectionPath.slice(1)}/print`);
    await page.locator("[data-kb-ready]").waitFor();
    await page.getByRole("heading", { level: 1, name: COLLECTION }).waitFor();
    const toc = page.getByRole("navigation", { name: "目次" });
    expect(await toc.getByRole("link").count()).toBe(titles.length);
    for (const title of titles) expect(await page.getByRole("heading", { level: 2, name: title, exact: true }).count()).toBe(1);
    await shot(page, "book-screen", false);

    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "印刷する" }).isVisible()).toBe(false); // the toolbar is not printed
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    const file = path.join(tmp, "book.pdf");
    writeFileSync(file, pdf);
    if (SHOTS) writeFileSync(path.join(SHOTS, "collection-book.pdf"), pdf);

    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    // Compact: three cases were eight A4 pages, the cover and the contents alone on theirs and
    // every case on fresh pages, some near empty. Now the cases flow on: a page per case or less.
    expect(titles).toHaveLength(3);
    expect(pages).toBeLessThanOrEqual(1 + titles.length);
    expect(info).toMatch(/^Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)$/m);

    // Page by page: the title and the contents open the first page, then each case in order, its heading
    // never alone at the foot of a page (the page where its title is also holds its 選定理由).
    const squash = (text: string) => text.replace(/\s+/g, "");
    const pageText = (n: number) => squash(execFileSync("pdftotext", ["-f", String(n), "-l", String(n), "-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
    const texts = Array.from({ length: pages }, (_, i) => pageText(i + 1));
    expect(texts[0]).toMatch(new RegExp(`^${squash(`好事例集${COLLECTION}`)}`));
    expect(texts[0]).toContain("令和6年度");
    expect(texts[0]).toContain("目次");
    for (const title of titles) expect(texts[0]).toContain(squash(title));
    const heading = (i: number) => squash(`事例 ${i + 1}${titles[i]}`);
    const starts = titles.map((_, i) => texts.findIndex((t) => t.includes(heading(i))));
    expect(starts.every((p) => p >= 0)).toBe(true);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    const reasons = await page.locator(".kb-book-reason p").allTextContents();
    titles.forEach((_, i) => expect(texts[starts[i]!]!.slice(texts[starts[i]!]!.indexOf(heading(i)))).toContain(`選定理由${squash(reasons[i]!)}`));

    // As headings: Chromium builds the PDF's outline from the page's headings (h1 › h2 › h3). Read it
    // back with poppler: the collection is the one top entry, under it 目次 and each case title, in order,
    // each on the page where that case starts.
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const xml = execFileSync("pdftohtml", ["-xml", "-stdout", "-i", "-q", file], { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
    const outline: { level: number; page: number; title: string }[] = [];
    let level = 0;
    for (const token of xml.slice(xml.indexOf("<outline>")).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
      if (token[0] === "<outline>") level++;
      else if (token[0] === "</outline>") level--;
      else outline.push({ level, page: Number(token[1]), title: token[2]!.replace(/&amp;/g, "&") });
    }
    expect(outline.filter((o) => o.level === 1)).toEqual([{ level: 1, page: 1, title: COLLECTION }]);
    const second = outline.filter((o) => o.level === 2);
    expect(second.map((o) => o.title)).toEqual(["目次", ...titles]);
    expect(second[0]!.page).toBe(1);
    expect(second.slice(1).map((o) => o.page)).toEqual(starts.map((p) => p + 1));
    await page.close();
  });

  it("shows the secretariat's dashboard, every chart with a table view", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await logIn(page, secretariat, "/admin/dashboard");
    await page.getByRole("heading", { level: 1, name: "ダッシュボード" }).waitFor();
    const byYear = page.getByRole("region", { name: "年度×種別の好事例数" });
    await byYear.getByRole("img", { name: /^年度×種別の好事例数のグラフ/ }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes("グラフを準備しています"));
    await shot(page, "dashboard");
    // Every chart names what it counts and its unit on its value axis (時間 was missing).
    const images = await page.getByRole("img", { name: /のグラフ/ }).evaluateAll((els) => els.map((el) => el.getAttribute("aria-label") ?? ""));
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const name of images) expect(name).toMatch(/のグラフ（.+（(件|回|時間)）/);
    expect(images).toContainEqual(expect.stringContaining("定量効果（年度別の年間短縮時間の推計）のグラフ（年間短縮時間の推計（時間））"));
    const charts = page.getByRole("group", { name: /の表示形式$/ });
    expect(await charts.count()).toBeGreaterThanOrEqual(7);
    // Every chart switches to a table of the same numbers.
    for (const group of await charts.all()) {
      await group.getByRole("button", { name: /^(表|一覧)$/ }).click();
      expect(await group.getByRole("button", { name: /^(表|一覧)$/ }).getAttribute("aria-pressed")).toBe("true");
    }
    const table = byYear.getByRole("table");
    await table.getByRole("rowheader", { name: "令和6年度（2024年度）" }).waitFor();
    // …and every table says its unit too.
    for (const group of await charts.all()) {
      const section = group.locator("xpath=ancestor::section[1]"); // the chart's own
      await section.getByText(/^単位：(件|回|時間)$/).waitFor();
    }
    await page.getByRole("region", { name: "定量効果（年度別の年間短縮時間の推計）" }).getByText("単位：時間").waitFor();
    // The seeds' 令和6年度 kintone cases are counted; the adoption recorded above flows 子育て支援課 → 市民課.
    const flows = page.getByRole("region", { name: "横展開の流れ（事例の所属課 → 取り入れた課）" });
    await flows.getByRole("row", { name: /市民課 子育て支援課 0 1 0 0 1/ }).waitFor();
    await shot(page, "dashboard-tables");
    await page.close();
  });

  it("downloads the CSV of a search result from the search page", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await logIn(page, secretariat, "/search?q=%E4%BA%88%E7%B4%84");
    const button = page.getByRole("link", { name: "検索結果をCSVで書き出す" });
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^好事例_検索結果_\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(tmp, "search.csv");
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain(TITLE);
    await page.close();
  });
});

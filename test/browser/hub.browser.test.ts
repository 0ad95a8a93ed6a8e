import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localGovernmentCheckDigit } from "@kb/shared";
import { createOrganisation } from "../../server/src/organisations/index.js";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * The hub's view (issue 16 item 8) in the browser, at 1280 px and 390 px: the installation's
 * 広域事務局 (a member of 神戸市) finds its tools under 管理, creates a 全国の好事例集, adds commons cases
 * of two organisations (宝塚市, 熊本市) by their addresses and publishes it; staff of a third
 * organisation (姫路市) read it; the hub's numbers show 横展開 from 宝塚市 to 熊本市; the commons
 * export downloads. Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
type Person = { email: string; password: string };
let hub: Person;
let himeji: Person;
const shared: { id: string; title: string }[] = [];

beforeAll(async () => {
  kb = await createTestBackend();
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  // After the seeds: their 自治体 exist now (seeds/organisations.json). Fifty more 町 (北海道, none
  // sharing yet) put the organisations' table on two pages.
  for (let n = 1; n <= 50; n++) {
    const firstFive = `01${String(900 + n).padStart(3, "0")}`;
    await createOrganisation(kb.orm.em.fork(), { name: `試験町${n}`, kana: `しけんちょう${n}`, prefecture: "北海道", kind: "TOWN", code: `${firstFive}${localGovernmentCheckDigit(firstFive)}` }, null);
  }
  hub = await kb.createViewer({
    organisation: "281000",
    department: "広域連携課",
    displayName: "広域 つなぐ",
    email: `hub-${process.pid}@example.lg.jp`,
    password: "hub secretariat password 2026",
    installationRole: "HUB_SECRETARIAT",
  });
  himeji = await kb.createViewer({ organisation: "282014", department: "市民窓口課", displayName: "姫路 春香", email: `himeji-${process.pid}@example.lg.jp`, password: "himeji password 2026" });
  const kumamoto = await kb.createViewer({ organisation: "431001", department: "窓口サービス課", displayName: "肥後 菜々" });
  const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);
  // One published case of each, shared with every organisation by its owner (set directly here: the
  // sharing choice is item 1's screen).
  for (const code of ["282146", "431001"]) {
    const [row] = await sql<{ id: string; title: string }>(
      "select c.id, c.title from cases c join organisations o on o.id = c.organisation_id where o.code = ? and c.status = 'PUBLISHED' order by c.title limit 1",
      [code],
    );
    shared.push(row!);
  }
  await sql("update cases set sharing = 'COMMONS' where id in (?)", [shared.map((c) => c.id)]);
  // 熊本市's 窓口サービス課 adopted 宝塚市's case: 横展開 between organisations.
  await sql(
    "insert into adoptions (id, organisation_id, case_id, department_id, status, effects, created_at, updated_at) values (gen_random_uuid(), ?, ?, ?, 'ADOPTED', '[]', now(), now())",
    [kumamoto.organisationId, shared[0]!.id, kumamoto.departmentId],
  );
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** The shared sign-in (test/support/browser.ts), on this file's app. */
const logIn = (page: Page, who: Person, next: string) => signIn(page, baseUrl, who, next);

async function noSideways(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe("the 広域事務局", () => {
  it.each([
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const)("makes a 全国の好事例集 from two organisations' cases that a third reads; sees the numbers; downloads the export (%s)", async (name, viewport) => {
    const title = name === "desktop" ? "令和7年度 全国の好事例集" : "令和7年度 全国の好事例集 窓口編";
    const context = await browser.newContext({ viewport, locale: "ja-JP", acceptDownloads: true });
    const page = await context.newPage();
    try {
      await logIn(page, hub, "/admin");
      await page.getByRole("link", { name: "全国の好事例（広域事務局）" }).click();
      await page.waitForURL((url) => url.pathname === "/admin/hub");
      await page.getByRole("heading", { level: 1, name: "全国の好事例（広域事務局）" }).waitFor();

      // The numbers: only commons cases, and 横展開 between organisations.
      const numbers = page.getByRole("region", { name: "団体をまたぐ状況" });
      await numbers.getByText("宝塚市の事例を熊本市が導入").waitFor();
      const cross = numbers.locator("dl > div").filter({ hasText: "団体をまたぐ横展開" });
      await expect(cross.locator("dd").textContent()).resolves.toBe("1件");
      await noSideways(page);
      await shot(page, `hub-page-${name}`);
      // 57 organisations, 50 a page: the seeds' seven share and come first, then the 試験町 by code.
      await numbers.getByRole("navigation", { name: "ページ送り" }).getByRole("link", { name: "次へ" }).click();
      await page.waitForURL((url) => url.searchParams.get("page") === "2");
      await numbers.getByText("2ページ中 2ページ目").waitFor();
      await numbers.getByText("試験町50").filter({ visible: true }).first().waitFor();
      await expect(numbers.getByText("試験町43").count()).resolves.toBe(0); // the last of page 1
      await noSideways(page);
      await shot(page, `hub-page-2-${name}`);
      await page.goBack();
      await numbers.getByText("宝塚市の事例を熊本市が導入").waitFor();

      // The export downloads: every commons case, with its organisation.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV（Excel 向け）" }).click()]);
      const csv = readFileSync((await download.path())!, "utf8");
      expect(csv.split("\r\n")[0]).toMatch(/^\uFEFF"団体コード","団体名","都道府県","ID"/);
      for (const c of shared) expect(csv).toContain(c.id);
      expect(csv).toContain('"282146","宝塚市","兵庫県"');
      expect(csv).toContain('"431001","熊本市","熊本県"');

      // A 全国の好事例集: created, two organisations' cases added by address, published.
      await page.getByRole("textbox", { name: /^名前/ }).fill(title);
      await page.getByRole("button", { name: "作成する" }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await page.getByText("全国の好事例集", { exact: true }).first().waitFor();
      // 宝塚市's case by its address, on the collection's page…
      const collectionPath = new URL(page.url()).pathname;
      await page.getByRole("textbox", { name: /好事例のアドレスまたはID/ }).fill(`${baseUrl}cases/${shared[0]!.id}`);
      await page.getByRole("textbox", { name: /選定理由/ }).last().fill("ほかの自治体でも取り入れやすい");
      await page.getByRole("button", { name: "追加する" }).click();
      await page.getByRole("status").filter({ hasText: "好事例を追加しました。" }).waitFor();
      await page.locator("main").getByText(shared[0]!.title).first().waitFor();
      // …熊本市's from the case's own page (a commons case: the hub reads it there).
      await page.goto(`${baseUrl}cases/${shared[1]!.id}`);
      await page.getByRole("heading", { level: 1, name: shared[1]!.title }).waitFor();
      await page.getByRole("button", { name: "全国の好事例集に入れる" }).click();
      await page.getByRole("combobox", { name: /入れる好事例集/ }).selectOption({ label: title });
      await page.getByRole("textbox", { name: /選定理由/ }).last().fill("窓口の負担を減らした好例");
      await page.getByRole("button", { name: "この好事例を入れる" }).click();
      await page.getByRole("status").filter({ hasText: `「${title}」に入れました。` }).waitFor();
      await shot(page, `hub-case-panel-${name}`);
      await page.goto(`${baseUrl}${collectionPath.slice(1)}`);
      for (const c of shared) await page.locator("main").getByText(c.title).first().waitFor();
      await page.getByRole("button", { name: "公開する" }).click();
      await page.getByText("公開しました。").waitFor();
      await noSideways(page);
      await shot(page, `hub-collection-${name}`);
      await context.clearCookies();

      // Staff of a third organisation read it.
      await logIn(page, himeji, collectionPath);
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      for (const c of shared) await page.getByText(c.title, { exact: true }).first().waitFor();
      await expect(page.getByRole("button", { name: "公開する" }).count()).resolves.toBe(0);
      await noSideways(page);
      await shot(page, `hub-collection-reader-${name}`);
      // …and open a case of another organisation from it (a commons case: readable by every organisation's staff).
      await page.getByRole("link", { name: shared[1]!.title, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: shared[1]!.title }).waitFor();
    } finally {
      await context.close();
    }
  });
});

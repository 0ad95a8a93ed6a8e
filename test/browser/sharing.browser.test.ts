import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import { createOrganisation } from "../../server/src/organisations/index.js";

/**
 * Issue 16 item 1 in the browser, at 1280 px and 390 px: 自治体 A's secretariat publishes a case and
 * chooses 自治体間で共有 in the review panel; staff of 自治体 B find it and read it, with its 公開範囲
 * shown; A's secretariat withdraws it to 庁内限定 from the case page, and B's search no longer finds
 * it. Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const A = "282014"; // 姫路市 (private: its default is 庁内限定)
const B = "011002"; // 札幌市

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
type User = Awaited<ReturnType<TestBackend["createViewer"]>>;
let a: { staff: User; secretariat: User };
let b: User;

beforeAll(async () => {
  kb = await createTestBackend();
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  for (const [code, name, kana, prefecture, kind] of [
    [A, "姫路市", "ひめじし", "兵庫県", "CORE_CITY"],
    [B, "札幌市", "さっぽろし", "北海道", "DESIGNATED_CITY"],
  ] as const) {
    const known = await kb.orm.em.fork().execute("select 1 from organisations where code = ?", [code]);
    if (!known.length) await createOrganisation(kb.orm.em.fork(), { name, kana, prefecture, kind, code }, null);
  }
  await kb.orm.em.fork().execute("update organisations set public_reading = false where code = ?", [A]);
  a = {
    staff: await kb.createViewer({ organisation: A, role: "STAFF", department: "市民窓口課", displayName: "播磨 太郎", email: `himeji-staff-${process.pid}@example.lg.jp`, password: "himeji staff password" }),
    secretariat: await kb.createViewer({ organisation: A, role: "SECRETARIAT", department: "行政改革推進課", displayName: "白鷺 花子", email: `himeji-sec-${process.pid}@example.lg.jp`, password: "himeji secretariat password" }),
  };
  b = await kb.createViewer({ organisation: B, role: "STAFF", department: "区政課", displayName: "札幌 一郎", email: `sapporo-${process.pid}@example.lg.jp`, password: "sapporo staff password" });
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function submittedCase(title: string): Promise<string> {
  const created = await kb.gql<{ createCase: { id: string; version: number } }>(
    `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`,
    { input: { kind: "PRACTICE", title, summary: "窓口の番号札をやめ、スマートフォンで順番を知らせるようにした。", actions: "取組", results: "待ち時間が半分になった。", fiscalYear: 2025, tags: ["窓口"] } },
    { viewer: a.staff },
  );
  const { id, version } = created.data!.createCase;
  const submitted = await kb.gql(`mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { id } }`, { id, version }, { viewer: a.staff });
  expect(submitted.errors).toBeUndefined();
  return id;
}

/** B's search for `word`: the titles found, once the server's search worker has caught up (polls). */
async function searchAsB(page: Page, word: string, expectFound: boolean): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(`${baseUrl}search?q=${encodeURIComponent(word)}`);
    await page.locator("main").getByRole("heading", { level: 1 }).first().waitFor();
    await page.waitForLoadState("networkidle");
    const found = await page.getByRole("link", { name: new RegExp(word) }).count();
    if ((found > 0) === expectFound) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`B's search for ${word}: expected ${expectFound ? "a hit" : "nothing"}`);
}

describe("公開範囲: share with every 自治体, then withdraw", () => {
  it.each([
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const)("A publishes to the commons, B reads it, A withdraws it (%s)", async (name, viewport) => {
    const word = name === "desktop" ? "ツバメ番号札" : "カササギ番号札";
    const id = await submittedCase(`${word} 窓口の順番をスマホで知らせる`);
    const secretariat = await browser.newContext({ viewport, locale: "ja-JP" });
    const sapporo = await browser.newContext({ viewport, locale: "ja-JP" });
    try {
      // A's secretariat reviews: the choice is there, 庁内限定 chosen by default (A does not read publicly).
      const pageA = await secretariat.newPage();
      await signIn(pageA, baseUrl, a.secretariat, `/cases/${id}`);
      const review = pageA.getByRole("region", { name: "審査" });
      const scope = review.getByRole("group", { name: "公開範囲" });
      expect(await scope.getByRole("radio", { name: /庁内限定/ }).isChecked()).toBe(true);
      await scope.getByRole("radio", { name: /自治体間で共有/ }).check();
      await shot(pageA, `sharing-review-${name}`);
      await review.getByRole("button", { name: "公開する" }).click();
      await pageA.waitForURL((url) => url.pathname === "/review");

      // B finds it and reads it, read-only, its 公開範囲 said.
      const pageB = await sapporo.newPage();
      await signIn(pageB, baseUrl, b, "/");
      await searchAsB(pageB, word, true);
      await pageB.getByRole("link", { name: new RegExp(word) }).first().click();
      await pageB.getByRole("heading", { level: 1, name: new RegExp(word) }).waitFor();
      await pageB.getByText("自治体間で共有", { exact: true }).waitFor();
      expect(await pageB.getByRole("region", { name: "公開範囲" }).count()).toBe(0);
      const overflow = await pageB.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(pageB, `sharing-read-by-b-${name}`);

      // A withdraws it from the case page, after a confirmation.
      await pageA.goto(`${baseUrl}cases/${id}`);
      const panel = pageA.getByRole("region", { name: "公開範囲" });
      await panel.getByText("現在の公開範囲: 自治体間で共有").waitFor();
      pageA.once("dialog", (dialog) => void dialog.accept());
      await panel.getByRole("button", { name: "共有をやめて庁内限定にする" }).click();
      await panel.getByRole("status").getByText("庁内限定にしました。").waitFor();
      await panel.getByRole("button", { name: "自治体間で共有する" }).waitFor();
      await shot(pageA, `sharing-withdrawn-${name}`);

      // B's search no longer finds it, and its page is gone for B.
      await searchAsB(pageB, word, false);
      await pageB.goto(`${baseUrl}cases/${id}`);
      await pageB.getByText("この好事例は見つかりません。").waitFor();
    } finally {
      await secretariat.close();
      await sapporo.close();
    }
  });
});

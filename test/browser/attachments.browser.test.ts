import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeAttachment } from "../../server/src/attachments/attachment.service.js";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Issue 12: a file attached by mistake is removed from the edit form, by keyboard, after a
 * confirmation; it is gone (the download answers 404), the form still saves (the removal moved the
 * case's version on), and the case page's 変更履歴 says what was removed.
 * Screenshots go to $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let staff: Awaited<ReturnType<TestBackend["createViewer"]>>;

beforeAll(async () => {
  kb = await createTestBackend();
  staff = await kb.createViewer({
    department: "子育て支援課",
    displayName: "添付 花子",
    email: `attachments-${process.pid}@example.lg.jp`,
    password: "attachments password 2026",
  });
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

/** At 1280 px and 390 px: the whole page, or only `part` of it. */
async function shot(page: Page, name: string, part?: Locator): Promise<void> {
  if (!SHOTS) return;
  const take = (width: number) => (part ? part.screenshot({ path: `${SHOTS}/${name}-${width}.png` }) : page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true }));
  await take(1280);
  await page.setViewportSize({ width: 390, height: 844 });
  await take(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("removing an attachment in Chromium", () => {
  it("the owning 課 removes a mistaken file from its draft with the keyboard, after confirming", async () => {
    const created = await kb.gql<{ createCase: { id: string } }>(
      `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`,
      { input: { kind: "PRACTICE", title: "窓口の案内表示の改善", fiscalYear: 2024 } },
      { viewer: staff },
    );
    const caseId = created.data!.createCase.id;
    const mistaken = await storeAttachment(kb.orm.em.fork(), staff, caseId, { fileName: "来庁者名簿.pdf", bytes: PDF, isKintoneTemplate: false });
    await storeAttachment(kb.orm.em.fork(), staff, caseId, { fileName: "案内表示の写真.pdf", bytes: PDF, isKintoneTemplate: false });

    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const next = `/cases/${caseId}/edit`;
    await page.goto(`${baseUrl}login?next=${encodeURIComponent(next)}`);
    await page.getByRole("textbox", { name: "メールアドレス" }).fill(staff.email);
    await page.getByLabel("パスワード").fill(staff.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL((url) => url.pathname === next);

    const section = page.getByRole("region", { name: "添付ファイル" });
    const link = section.getByRole("link", { name: /^来庁者名簿\.pdf/ });
    await link.waitFor();
    expect((await page.request.get(`${baseUrl}api/attachments/${mistaken.id}`)).status()).toBe(200);

    const dialogs: string[] = [];
    // First a change of mind: the confirmation is dismissed and nothing is removed.
    page.once("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const remove = section.getByRole("button", { name: "添付ファイル「来庁者名簿.pdf」を削除" });
    await link.focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => remove.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain("添付ファイル「来庁者名簿.pdf」を削除しますか？");
    expect(await link.count()).toBe(1);

    // Then for real.
    page.once("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await remove.focus();
    await page.keyboard.press("Enter");
    const status = section.getByRole("status").filter({ hasText: "「来庁者名簿.pdf」を削除しました。" });
    await status.waitFor();
    expect(await link.count()).toBe(0);
    await section.getByRole("link", { name: /^案内表示の写真\.pdf/ }).waitFor();
    // The keyboard's place is kept next to the list, not lost with the removed button.
    await expect.poll(() => status.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await page.request.get(`${baseUrl}api/attachments/${mistaken.id}`)).status()).toBe(404);
    await shot(page, "attachment-removed-edit", section);

    // The form saves on top of the removal without a conflict.
    await page.getByRole("textbox", { name: "タイトル" }).fill("窓口の案内表示の改善（写真つき）");
    await page.getByRole("button", { name: "下書き保存" }).click();
    await page.getByText("下書きを保存しました。").waitFor();

    // The case page's 変更履歴 records the removal.
    await page.goto(`${baseUrl}cases/${caseId}`);
    const history = page.getByRole("region", { name: "変更履歴" });
    await history.getByText(/添付ファイル「来庁者名簿\.pdf」（.+）を削除/).waitFor();
    await shot(page, "attachment-removed-history");
    await page.close();
  });
});

import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import type { Viewer } from "../../server/src/kernel/index.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Collections give feedback where the hand is, at 1280 px and on a 390 px phone:
 * adding a case from its page confirms beside the button (in view), clears the form and lists the
 * collections that now hold the case, with links; and the secretariat ticks several search results
 * and adds them to a collection at once, told which were in already. Screenshots go to
 * $KB_SCREENSHOTS when it is set.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const TITLE = "児童扶養手当現況報告 来庁者予約アプリ"; // a seed case, the top hit for 予約
const REASON = "来庁予約で窓口の待ち時間を大きく減らした";

let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
let browser: Browser;
let secretariat: Viewer & { email: string; password: string };
let caseId: string;

beforeAll(async () => {
  kb = await createTestBackend();
  secretariat = await kb.createViewer({
    role: "SECRETARIAT",
    department: "業務改革推進課",
    displayName: "改革 四郎",
    email: `feedback-${process.pid}@example.lg.jp`,
    password: "secretariat password 2026",
  });
  app = await startBrowserApp(kb.env);
  ({ baseUrl, browser } = app);
  const [row] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where title = ?", [TITLE]);
  caseId = row!.id;
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

async function logIn(page: Page, next: string): Promise<void> {
  await page.goto(`${baseUrl}login?next=${encodeURIComponent(next)}`);
  await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(secretariat.email);
  await page.getByLabel("パスワード").fill(secretariat.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

async function createCollection(title: string): Promise<string> {
  const result = await kb.gql<{ createCollection: { id: string } }>(
    `mutation ($input: CollectionInput!) { createCollection(input: $input) { id } }`,
    { input: { title, description: "" } },
    { viewer: secretariat },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createCollection.id;
}

/** Whether the element is wholly inside the window as it is now (nothing scrolled by the test). */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
}

describe.each([
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
])("collections feedback in Chromium ($name, $width px)", ({ name, width, height }) => {
  const first = `事例集A ${name}`;
  const second = `事例集B ${name}`;
  let firstId: string;
  let secondId: string;

  beforeAll(async () => {
    firstId = await createCollection(first);
    secondId = await createCollection(second);
  });

  it("adding from the case page confirms beside the button, clears the form and lists the collections holding the case", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width, height } });
    await logIn(page, `/cases/${caseId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("button", { name: "注目・好事例集を編集" }).click();
    const addForm = page.getByRole("form", { name: "好事例集に追加" });
    await addForm.getByText("この好事例が入っている好事例集").waitFor();
    expect(await addForm.getByRole("link", { name: first }).count()).toBe(0);

    const picker = addForm.getByRole("combobox", { name: "追加先の好事例集 必須" });
    const reason = addForm.getByRole("textbox", { name: "この好事例集での選定理由 必須" });
    await picker.selectOption({ label: `${first}（非公開）` });
    await reason.fill(REASON);
    const button = addForm.getByRole("button", { name: "好事例集に追加" });
    await button.click();

    // The confirmation is in the form, beside the button, and in view without scrolling.
    const status = addForm.getByRole("status").filter({ hasText: `「${first}」に追加しました。` });
    await status.waitFor();
    expect(await inView(page, status)).toBe(true);
    expect(await inView(page, button)).toBe(true);
    // The form is cleared, so it is plain that the addition took.
    expect(await picker.inputValue()).toBe("");
    expect(await reason.inputValue()).toBe("");
    // The collections holding the case are listed above the picker, with links.
    const heldBy = addForm.getByRole("list", { name: "この好事例が入っている好事例集" });
    await heldBy.getByRole("link", { name: first }).waitFor();
    expect(await heldBy.getByRole("link", { name: first }).getAttribute("href")).toBe(`/collections/${firstId}`);
    expect(await picker.locator("option", { hasText: first }).isDisabled()).toBe(true);
    await shot(page, `curation-added-${name}`);
    await page.close();
  });

  it("the secretariat ticks several search results and adds them to a collection at once, told which were in already", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width, height } });
    // The case added above goes into the second collection first, so one of the three is in already.
    await logIn(page, `/cases/${caseId}`);
    await page.getByRole("button", { name: "注目・好事例集を編集" }).click();
    const addForm = page.getByRole("form", { name: "好事例集に追加" });
    await addForm.getByRole("combobox", { name: "追加先の好事例集 必須" }).selectOption({ label: `${second}（非公開）` });
    await addForm.getByRole("textbox", { name: "この好事例集での選定理由 必須" }).fill(REASON);
    await addForm.getByRole("button", { name: "好事例集に追加" }).click();
    await addForm.getByRole("status").filter({ hasText: `「${second}」に追加しました。` }).waitFor();

    // That case and the first two other results for アプリ.
    await page.goto(`${baseUrl}search?q=${encodeURIComponent("アプリ")}`);
    const boxes = page.getByRole("checkbox", { name: /^「.+」を選ぶ$/ });
    await page.getByRole("checkbox", { name: `「${TITLE}」を選ぶ` }).check();
    const picked = [TITLE];
    for (const label of await boxes.evaluateAll((els) => els.map((el) => el.getAttribute("aria-label")!))) {
      const title = /^「(.+)」を選ぶ$/.exec(label)![1]!;
      if (picked.length === 3 || title === TITLE) continue;
      await page.getByRole("checkbox", { name: label, exact: true }).check();
      picked.push(title);
    }
    expect(picked).toHaveLength(3);

    const bar = page.getByRole("region", { name: "選んだ好事例" });
    await bar.getByText("3件を選んでいます").waitFor();
    expect(await inView(page, bar)).toBe(true); // it stays at the foot of the window, by the ticks
    await bar.getByRole("button", { name: "選んだ3件を好事例集に追加" }).click();
    const form = bar.getByRole("form", { name: "選んだ好事例を好事例集に追加" });
    // Nothing chosen yet: said at the field, nothing sent.
    await form.getByRole("button", { name: "3件を追加する" }).click();
    await form.locator("p", { hasText: "好事例集を選んでください" }).waitFor();
    expect(await form.getByRole("combobox", { name: "追加先の好事例集 必須" }).getAttribute("aria-invalid")).toBe("true");
    await form.getByRole("combobox", { name: "追加先の好事例集 必須" }).selectOption({ label: `${second}（非公開）` });
    await form.getByRole("textbox", { name: "この好事例集での選定理由 必須" }).fill("予約の仕組みを、どの窓口でもまねできる");
    await shot(page, `bulk-form-${name}`);
    await form.getByRole("button", { name: "3件を追加する" }).click();

    const status = bar.getByRole("status");
    await status.getByText(`「${second}」に2件追加しました。1件はすでに入っていたので、そのままにしました（「${TITLE}」）。`).waitFor();
    expect(await inView(page, status)).toBe(true);
    await shot(page, `bulk-added-${name}`);
    // The ticks are cleared; the message leads to the collection.
    expect(await boxes.evaluateAll((els) => els.filter((el) => (el as HTMLInputElement).checked).length)).toBe(0);
    expect(await status.getByRole("link", { name: "好事例集を開く" }).getAttribute("href")).toBe(`/collections/${secondId}`);

    const rows = await kb.orm.em
      .fork()
      .execute<{ title: string; position: number }[]>(
        "select c.title, e.position from collection_entries e join cases c on c.id = e.case_id where e.collection_id = ? order by e.position",
        [secondId],
      );
    expect(rows.map((r) => r.title)).toEqual(picked);
    await page.close();
  });
});

describe("readers of search results", () => {
  it("see no checkboxes: ticking results is the secretariat's", async () => {
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}search?q=${encodeURIComponent("予約")}`);
    await page.getByRole("link", { name: TITLE, exact: true }).waitFor();
    expect(await page.getByRole("checkbox", { name: /を選ぶ$/ }).count()).toBe(0);
    await page.close();
  });
});

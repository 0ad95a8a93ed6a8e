import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import { HttpSession } from "../support/http.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";
import type { Viewer } from "../../server/src/kernel/index.js";

/**
 * No user string runs as script. XSS payloads go into every text field people can write — the case
 * (title, summary, Markdown bodies, kintone details, effects, tags), review comments, 横展開 notes
 * and effects, questions and answers, tag proposals, vocabulary terms and descriptions, synonyms,
 * 好事例集 titles, descriptions and 選定理由, 注目 reasons, department and display names, attachment
 * file names, search words (echoed, highlighted, counted on the dashboard) and an imported CSV (its
 * file name and rows in the import report) — through the real GraphQL API, upload routes and import
 * page. Then Chromium, against the built server, opens every page that shows them and checks that:
 * no payload ran (a trap on window.__xss in every frame, reported to the test; no dialog), the
 * payload is on the page as text (so the test cannot pass because nothing rendered), and the DOM
 * holds no event-handler attributes, iframes, or javascript:/vbscript:/data: links or sources.
 *
 * The browser context bypasses Content-Security-Policy on purpose: this test is about how the client
 * renders text, not about a CSP header that would hide a rendering hole.
 */
let kb: TestBackend;
let app: BrowserApp | undefined;
let baseUrl: string;
const executed: string[] = [];
const dialogs: string[] = [];

/** A short payload for names (tags, units, terms: ≤ 30 characters with a 1–3 character label). */
const short = (label: string) => `${label}<img src=x onerror=__xss=1>`;
/** A medium payload for names up to 100 characters. */
const medium = (label: string) => `${label}<img src=x onerror="__xss='${label}'"><svg onload=__xss=1>`;
/** A long payload for prose fields. */
const long = (label: string) =>
  `${label} <script>window.__xss='${label}'</script><img src=x onerror="window.__xss='${label}'">"><iframe srcdoc="<script>parent.__xss='${label}'</script>"></iframe><a href="javascript:window.__xss=1">${label}-a</a><img src=x onerror=alert(1)>`;
/** Markdown with raw HTML, unsafe link protocols, autolinks, images and reference links. */
const markdown = (label: string) =>
  [
    `${label}本文 <img src=x onerror="window.__xss='${label}'"> <b onmouseover=__xss=1>太字</b>`,
    `<script>window.__xss='${label}'</script>`,
    "",
    `[${label}-js](javascript:window.__xss='${label}') [${label}-JS](JaVaScRiPt:window.__xss=1) [${label}-ent](java&#x73;cript:window.__xss=1) [${label}-tab](java\tscript:window.__xss=1)`,
    `[${label}-data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==) [${label}-vb](vbscript:msgbox(1)) [${label}-ok](https://example.lg.jp/)`,
    "",
    `<javascript:window.__xss=1> <data:text/html,<script>__xss=1</script>>`,
    "",
    `![${label}-img](x "t\\" onerror=\\"window.__xss=1") ![${label}-img2](javascript:window.__xss=1)`,
    "",
    `<a href="javascript:window.__xss=1">${label}-raw</a> <details open ontoggle="window.__xss='${label}'">d</details>`,
    `"><iframe srcdoc="<script>parent.__xss='${label}'</script>"></iframe>`,
    "",
    `[${label}-ref][r]`,
    "",
    `[r]: javascript:window.__xss=1`,
  ].join("\n");

type Who = Viewer & { email: string; password: string };
let owner: Who;
let asker: Who;
let secretariat: Who;
let admin: Who;
const ids: Record<string, string> = {};

async function ok<T>(promise: Promise<{ data?: T; errors?: readonly { message: string }[] }>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const TITLE = `窓口予約 T1 ${medium("T1")}`;
const QUERY = short("Q1");

beforeAll(async () => {
  kb = await createTestBackend();
  owner = await kb.createViewer({ department: medium("D1"), displayName: medium("N1"), email: `xss-owner-${process.pid}@example.lg.jp`, password: "owner password 2026" });
  asker = await kb.createViewer({ department: "市民課", displayName: medium("N2"), email: `xss-asker-${process.pid}@example.lg.jp`, password: "asker password 2026" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課", email: `xss-sec-${process.pid}@example.lg.jp`, password: "secretariat password 2026" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課", email: `xss-admin-${process.pid}@example.lg.jp`, password: "admin password 2026" });
  app = await startBrowserApp(kb.env);
  baseUrl = app.baseUrl;

  // ── The case, with a payload in every field, its attachment, review round trip and publication. ──
  const as = (who: Viewer) => ({ viewer: who });
  const CASE = "id version";
  const input = {
    kind: "KINTONE_APP",
    title: TITLE,
    summary: markdown("S1"),
    background: markdown("B1"),
    actions: markdown("A1"),
    results: markdown("R1"),
    tips: markdown("P1"),
    fiscalYear: 2024,
    tags: [short("G1"), "窓口DX"],
    effects: [{ label: medium("E1"), before: 20, after: 5, unit: short("U1") }],
    details: {
      purpose: long("K1"),
      mainFields: [long("K2")],
      processSteps: [long("K3")],
      plugins: [long("K4")],
      recordVolume: medium("K5"),
      runsOnLgwan: true,
    },
  };
  let c = (await ok(kb.gql<{ createCase: { id: string; version: number } }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { ${CASE} } }`, { input }, as(owner)))).createCase;
  ids.case = c.id;
  const http = new HttpSession(baseUrl.replace(/\/$/, ""));
  expect((await http.login(owner.email, owner.password)).errors).toBeUndefined();
  const upload = await http.upload(c.id, `${short("F1")}.txt`, new TextEncoder().encode("添付のテキスト"));
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  const submit = `mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { ${CASE} } }`;
  const review = `mutation ($id: ID!, $input: ReviewInput!) { reviewCase(id: $id, input: $input) { ${CASE} } }`;
  c = (await ok(kb.gql<{ submitCase: typeof c }>(submit, { id: c.id, version: (await caseVersion(c.id)) }, as(owner)))).submitCase;
  c = (await ok(kb.gql<{ reviewCase: typeof c }>(review, { id: c.id, input: { decision: "REQUEST_CHANGES", comment: long("C1") } }, as(secretariat)))).reviewCase;
  c = (await ok(kb.gql<{ submitCase: typeof c }>(submit, { id: c.id, version: c.version }, as(owner)))).submitCase;
  c = (await ok(kb.gql<{ reviewCase: typeof c }>(review, { id: c.id, input: { decision: "PUBLISH", comment: long("C2") } }, as(secretariat)))).reviewCase;

  // A second case waits in the review queue.
  const queued = (
    await ok(
      kb.gql<{ createCase: typeof c }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { ${CASE} } }`, {
        input: { kind: "PRACTICE", title: `審査待ち ${medium("T2")}`, summary: markdown("S2"), actions: "取組", results: "成果", fiscalYear: 2025 },
      }, as(owner)),
    )
  ).createCase;
  ids.queued = queued.id;
  await ok(kb.gql(submit, { id: queued.id, version: queued.version }, as(owner)));

  // A draft, to open in the editor (whose Markdown preview renders the bodies).
  const draft = (
    await ok(
      kb.gql<{ createCase: typeof c }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { ${CASE} } }`, { input: { ...input, title: `下書き ${medium("T3")}` } }, as(owner)),
    )
  ).createCase;
  ids.draft = draft.id;

  // ── 横展開, Q&A and a tag proposal from another 課; the answer from the owner. ──
  await ok(
    kb.gql(`mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id } }`, {
      input: { caseId: c.id, status: "TRIAL", note: long("M1"), changes: long("M2"), effects: [{ label: medium("E2"), before: 40, after: 10, unit: short("U2") }] },
    }, as(asker)),
  );
  const question = (await ok(kb.gql<{ askQuestion: { id: string } }>(`mutation ($input: QuestionInput!) { askQuestion(input: $input) { id } }`, { input: { caseId: c.id, body: long("Q2") } }, as(asker)))).askQuestion;
  await ok(kb.gql(`mutation ($input: AnswerInput!) { answerQuestion(input: $input) { id } }`, { input: { questionId: question.id, body: long("Q3") } }, as(owner)));
  await ok(kb.gql(`mutation ($input: TagProposalInput!) { proposeTag(input: $input) { id } }`, { input: { caseId: c.id, tag: short("G2"), category: "THEME", comment: long("G3") } }, as(asker)));

  // ── The secretariat: vocabulary, synonyms, a published 好事例集 and a 注目 mark. ──
  await ok(kb.gql(`mutation ($input: TagCreateInput!) { createTag(input: $input) { affectedCases } }`, { input: { name: short("G4"), category: "TOOL", description: long("G5") } }, as(secretariat)));
  await ok(kb.gql(`mutation ($input: SynonymGroupInput!) { createSynonymGroup(input: $input) { affectedCases } }`, { input: { terms: [short("Y1"), "窓口予約"], note: long("Y2") } }, as(secretariat)));
  const collection = (
    await ok(
      kb.gql<{ createCollection: { id: string; version: number } }>(`mutation ($input: CollectionInput!) { createCollection(input: $input) { id version } }`, {
        input: { title: medium("L1"), description: markdown("L2"), fiscalYear: 2024 },
      }, as(secretariat)),
    )
  ).createCollection;
  ids.collection = collection.id;
  const entry = (
    await ok(kb.gql<{ addCollectionEntry: { version: number } }>(`mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { version } }`, {
      input: { collectionId: collection.id, caseId: c.id, reason: long("L3") },
    }, as(secretariat)))
  ).addCollectionEntry;
  await ok(kb.gql(`mutation ($id: ID!, $version: Int!) { publishCollection(id: $id, version: $version) { id } }`, { id: collection.id, version: entry.version }, as(secretariat)));
  await ok(kb.gql(`mutation ($input: FeatureCaseInput!) { featureCase(input: $input) { reason } }`, { input: { caseId: c.id, reason: long("H1") } }, as(secretariat)));
  await kb.syncSearch();
});

afterAll(async () => {
  await app?.stop();
  await kb?.close();
});

async function caseVersion(id: string): Promise<number> {
  const [row] = await kb.orm.em.fork().execute<{ version: number }[]>("select version from cases where id = ?", [id]);
  return row!.version;
}

/**
 * A fresh browser context (its own cookies) whose every frame has a trap on window.__xss that
 * reports to the test, and whose dialogs are recorded.
 */
async function newContext(): Promise<BrowserContext> {
  const context = await app!.browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await context.exposeBinding("__kbXssRan", (_source, value: string) => {
    executed.push(value);
  });
  await context.addInitScript(() => {
    // Any payload that runs assigns window.__xss (or parent.__xss from a frame): record it.
    Object.defineProperty(window, "__xss", {
      configurable: false,
      get: () => undefined,
      set: (value: unknown) => void (window as unknown as { __kbXssRan(v: string): void }).__kbXssRan(String(value)),
    });
  });
  context.on("page", (page) => page.on("dialog", (dialog) => void (dialogs.push(dialog.message()), dialog.dismiss())));
  return context;
}

/** A new page, in a context of its own, logged in as someone. */
async function pageAs(who: { email: string; password: string }): Promise<Page> {
  const page = await (await newContext()).newPage();
  await page.goto(`${baseUrl}login?next=${encodeURIComponent("/my/cases")}`);
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL((url) => url.pathname === "/my/cases");
  return page;
}

async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** What the DOM holds that could run: handler attributes, frames, script-bearing URLs, our payload scripts. */
async function dangerousMarkup(page: Page) {
  return page.evaluate(() => {
    // The page's own head (icons, the app's script) is ours; user text renders into the body.
    const all = Array.from(document.body.querySelectorAll("*"));
    const handlers = all.filter((el) => Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith("on"))).map((el) => el.outerHTML.slice(0, 120));
    const urls = all
      .flatMap((el) => ["href", "src", "action", "formaction", "xlink:href", "srcdoc"].map((name) => [el.tagName, el.getAttribute(name)] as const))
      // Browsers ignore control characters and spaces inside a scheme (java\tscript:), so the check does too.
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .filter(([, v]) => v !== null && /^(javascript|vbscript|data):/i.test(v.replace(/[\u0000-\u0020]/g, "")))
      .map(([tag, v]) => `${tag} ${v!.slice(0, 80)}`);
    const frames = document.querySelectorAll("iframe, frame, object, embed").length;
    const scripts = Array.from(document.body.querySelectorAll("script")).filter((s) => (s.textContent ?? "").includes("__xss")).length;
    return { handlers, urls, frames, scripts };
  });
}

/**
 * Opens a page, waits until each expected text is shown (as text), gives late payloads (image
 * errors, lazy chunks) a moment, and checks that nothing ran and nothing dangerous is in the DOM.
 */
async function visit(page: Page, path: string, expected: string[], after?: () => Promise<void>): Promise<void> {
  await page.goto(`${baseUrl}${path.replace(/^\//, "")}`);
  for (const text of expected) {
    await page.getByText(text, { exact: false }).first().waitFor({ timeout: 20_000 });
  }
  await after?.();
  // Let any image error, lazy Markdown chunk or frame load fire before looking.
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));
  expect({ path, executed, dialogs }).toEqual({ path, executed: [], dialogs: [] });
  expect({ path, ...(await dangerousMarkup(page)) }).toEqual({ path, handlers: [], urls: [], frames: 0, scripts: 0 });
}

describe("user text is shown as text, never run (Chromium, built app)", () => {
  it("the trap itself catches a payload that runs, in the page and from a frame (control)", async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${baseUrl}login`);
    await page.evaluate(() => {
      document.body.insertAdjacentHTML("beforeend", `<img src=x onerror="window.__xss='probe-img'"><iframe srcdoc="<script>parent.__xss='probe-frame'</script>"></iframe>`);
    });
    await expect.poll(() => [...executed].sort()).toEqual(["probe-frame", "probe-img"]);
    expect((await dangerousMarkup(page)).frames).toBe(1);
    await closePage(page);
    executed.length = 0;
  });

  it("case page, editor, search, home, collections and print, department, tags, my cases (owner)", async () => {
    const page = await pageAs(owner);
    // The case page: every field, the attachment, review history, 横展開, Q&A, the 注目 reason.
    await visit(page, `/cases/${ids.case}`, [TITLE, "S1本文", "B1本文", "A1本文", "R1本文", "P1本文", short("G1"), medium("E1"), short("U1"), long("K1").slice(0, 30), "K2", "K5", `${short("F1")}.txt`, "M1", "Q2", "Q3", medium("N2"), medium("D1")]);
    // Markdown link text stays, its unsafe target does not; safe links keep theirs.
    const main = page.getByRole("main");
    await main.getByText("S1-js").first().waitFor();
    expect(await main.locator("a", { hasText: "S1-ok" }).first().getAttribute("href")).toBe("https://example.lg.jp/");
    for (const label of ["S1-js", "S1-JS", "S1-ent", "S1-data", "S1-vb", "S1-ref"]) {
      const hrefs = await main.locator("a", { hasText: label }).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      for (const href of hrefs) expect(href, label).not.toMatch(/^\s*(javascript|vbscript|data):/i);
    }
    // The editor holds the payloads as values; its preview renders the Markdown as readers see it.
    await visit(page, `/cases/${ids.draft}/edit`, [], async () => {
      expect(await page.getByRole("textbox", { name: /タイトル/ }).first().inputValue()).toBe(`下書き ${medium("T3")}`);
      await page.getByRole("button", { name: /のプレビューを表示$/ }).first().click();
      await page.getByRole("region", { name: /のプレビュー$/ }).getByText(/-js$/).first().waitFor();
    });
    await visit(page, "/my/cases", [TITLE, medium("T2")]);
    await visit(page, "/notifications", [medium("N2")]);
    // Search: the query is echoed, the results are highlighted (the title holds the payload).
    await visit(page, `/search?q=${encodeURIComponent(QUERY)}`, [QUERY]);
    await visit(page, `/search?q=${encodeURIComponent("窓口予約")}`, [TITLE]);
    await visit(page, `/search?q=${encodeURIComponent("T1")}`, [TITLE]);
    await visit(page, "/", [TITLE, medium("L1"), "H1"]);
    await visit(page, "/collections", [medium("L1")]);
    await visit(page, `/collections/${ids.collection}`, [medium("L1"), "L2本文", "L3", TITLE]);
    await visit(page, `/collections/${ids.collection}/print`, [medium("L1"), "L2本文", "L3", TITLE, "S1本文"]);
    await visit(page, `/departments/${owner.departmentId}`, [medium("D1"), TITLE]);
    await visit(page, `/tags/${encodeURIComponent(short("G1"))}`, [short("G1"), TITLE]);
    await visit(page, `/tags/${encodeURIComponent(short("G4"))}`, [short("G4"), "G5"]);
    await closePage(page);
  });

  it("the asker's notifications and department page", async () => {
    const page = await pageAs(asker);
    await visit(page, "/notifications", [TITLE]);
    await visit(page, `/departments/${asker.departmentId}`, [TITLE]);
    await visit(page, `/cases/${ids.case}`, [TITLE, "Q3", medium("N1")]);
    await closePage(page);
  });

  it("the secretariat's review queue, vocabulary, synonyms and dashboard (search words counted)", async () => {
    const page = await pageAs(secretariat);
    await visit(page, "/review", [medium("T2")]);
    await visit(page, `/cases/${ids.queued}`, [medium("T2"), "S2本文"]);
    await visit(page, `/cases/${ids.case}`, [TITLE, "C1", "C2"]);
    await visit(page, "/admin/tags", [short("G4"), "G5", short("G2")]);
    await visit(page, "/admin/synonyms", [short("Y1"), "Y2"]);
    await visit(page, `/search?q=${encodeURIComponent(QUERY)}`, [QUERY]);
    // The dashboard counts search words (written every few seconds); charts draw on canvas, and each
    // has a table view, where the words are text.
    await expect
      .poll(
        async () => {
          await page.goto(`${baseUrl}admin/dashboard`);
          const tables = page.getByRole("button", { name: "表", exact: true });
          await tables.first().waitFor();
          for (const button of await tables.all()) await button.click();
          return page
            .getByText(QUERY)
            .first()
            .waitFor({ timeout: 2_000 })
            .then(() => true, () => false);
        },
        { timeout: 40_000 },
      )
      .toBe(true);
    await visitCurrent(page, []);
    await closePage(page);
  });

  it("the import page: a CSV whose name and rows carry payloads, checked and reported", async () => {
    const page = await pageAs(admin);
    await visit(page, "/admin/import", []);
    const row = (cells: string[]) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(",");
    const csv = [
      row(["番号", "年度", "担当課", "種別", "件名", "概要", "取組", "補足", "タグ", "処理時間（前）", "処理時間（後）"]),
      row(["1", "2024", short("I1"), "その他", medium("I2"), long("I3"), "取組", "補足", short("I4"), "15", "9"]),
      row(["2", short("I5"), "市民課", "その他", medium("I6"), "概要", "取組", "補足", "タグ", "abc", "9"]),
    ].join("\n");
    const form = page.getByRole("form", { name: "好事例の取り込み" });
    await form.getByLabel("取り込むファイル").setInputFiles({ name: `${short("I7")}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    // The file's columns are read first; the detailed mapping is written as JSON (the builder's advanced part).
    await form.getByText("対応付けを JSON で見る・直す（詳しい方向け）").click();
    await form.getByRole("textbox", { name: "対応付け（JSON）" }).fill(
      JSON.stringify({
        name: medium("I8"),
        fields: {
          externalId: { column: "番号", prefix: "xss-" },
          kind: { column: "種別", default: "PRACTICE" },
          title: "件名",
          summary: "概要",
          actions: { columns: ["取組", "補足"], join: "\n\n" },
          department: "担当課",
          fiscalYear: "年度",
          tags: { column: "タグ", split: ["、", ","] },
          effects: [{ label: { value: "処理時間" }, before: "処理時間（前）", after: "処理時間（後）", unit: { value: "分/件" } }],
        },
      }),
    );
    await form.getByRole("button", { name: "JSON の内容を反映する" }).click();
    await form.getByRole("button", { name: "内容を確認する（まだ取り込みません）" }).click();
    const report = page.getByRole("region", { name: "確認結果（まだ取り込んでいません）" });
    await report.getByText(medium("I2")).waitFor();
    await visitCurrent(page, [medium("I2"), medium("I6"), `${short("I7")}.csv`]);
    await closePage(page);
  });
});

/** The same checks on the page as it is now (after an interaction). */
async function visitCurrent(page: Page, expected: string[]): Promise<void> {
  for (const text of expected) await page.getByText(text, { exact: false }).first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));
  expect({ executed, dialogs }).toEqual({ executed: [], dialogs: [] });
  expect(await dangerousMarkup(page)).toEqual({ handlers: [], urls: [], frames: 0, scripts: 0 });
}

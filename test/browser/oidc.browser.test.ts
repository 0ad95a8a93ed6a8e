import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIRECTORY_SIGN_IN_ERRORS } from "@kb/shared";
import { configureOrganisationSignIn } from "../../server/src/directory-sign-in/index.js";
import { createOrganisation } from "../../server/src/organisations/index.js";
import { startBrowserApp, type BrowserApp } from "../support/browser.js";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * Issue 15: sign-in with the organisation's directory, in Debian's Chromium against the real built
 * server and a real OpenID provider (oidc-provider) started here, through the provider's own login,
 * consent and logout pages: discovery and login (the account made just in time in the 課 of the
 * 所属コード), logout at the provider too, a wrong `state`, an expired code, and a person of another
 * organisation. Our pages are watched for CSP violations. Screenshots go to $KB_SCREENSHOTS.
 */
const SHOTS = process.env.KB_SCREENSHOTS;
const A = "282146"; // 宝塚市
const B = "011002"; // 札幌市

let kb: TestBackend;
let app: BrowserApp | undefined;
let op: TestOidcProvider;
let base: string;

beforeAll(async () => {
  kb = await createTestBackend();
  const a = await createOrganisation(kb.orm.em.fork(), { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: A }, null);
  const b = await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: B }, null);
  await kb.createViewer({ organisation: A, department: "行政経営課" });
  await kb.createViewer({ organisation: B, department: "デジタル戦略課" });
  await kb.orm.em.fork().execute("update departments set code = '1203' where organisation_id = ? and name = '行政経営課'", [a.id]);
  await kb.orm.em.fork().execute("update departments set code = 'S-77' where organisation_id = ? and name = 'デジタル戦略課'", [b.id]);
  app = await startBrowserApp(kb.env);
  base = app.baseUrl.replace(/\/$/, "");
  op = await startOidcProvider({
    accounts: [
      { login: "hanako", email: "hanako@city.takarazuka.example.jp", name: "宝塚 花子", departmentCode: "1203" },
      { login: "taro", email: "taro@city.sapporo.example.jp", name: "札幌 太郎", departmentCode: "S-77" },
    ],
    clients: [
      { clientId: "kb-takarazuka", clientSecret: "secret-a", redirectUris: [`${base}/auth/directory/callback`], postLogoutRedirectUris: [`${base}/`] },
      { clientId: "kb-sapporo", clientSecret: "secret-b", redirectUris: [`${base}/auth/directory/callback`], postLogoutRedirectUris: [`${base}/`] },
    ],
  });
  await configureOrganisationSignIn(kb.orm.em.fork(), A, { issuer: op.issuer, clientId: "kb-takarazuka", clientSecret: "secret-a" }, null);
  await configureOrganisationSignIn(kb.orm.em.fork(), B, { issuer: op.issuer, clientId: "kb-sapporo", clientSecret: "secret-b" }, null);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await op?.close();
  await kb?.close();
});

async function open(width = 1280): Promise<{ context: BrowserContext; page: Page; violations: () => Promise<string[]> }> {
  const context = await app!.browser.newContext({ locale: "ja-JP", viewport: { width, height: 900 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  // CSP violations of our own pages (the provider's pages are the provider's).
  await page.addInitScript((origin) => {
    if (location.origin !== origin) return;
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  }, base);
  const violations = async () => (new URL(page.url()).origin === base ? await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []) : []);
  return { context, page, violations };
}

/** On the provider's pages: its login form (any password), then its consent page, until the browser is back with us. */
async function throughProvider(page: Page, login: string, held?: Promise<string>): Promise<void> {
  let isHeld = false;
  void held?.then(() => (isHeld = true));
  for (let step = 0; step < 6; step++) {
    await page.waitForLoadState();
    if (new URL(page.url()).origin === base || isHeld) return;
    const loginBox = page.locator("input[name=login]");
    if (await loginBox.count()) {
      await loginBox.fill(login);
      await page.locator("input[name=password]").fill("any password");
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign-in", exact: true }).click()]);
      continue;
    }
    const consent = page.getByRole("button", { name: "Continue", exact: true });
    if (await consent.count()) {
      await Promise.all([page.waitForNavigation(), consent.click()]);
      continue;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`stuck on the provider at ${page.url()}`);
}

const button = (page: Page, organisation: string) => page.getByRole("link", { name: `${organisation}のアカウントでログイン`, exact: true });

/**
 * Holds the provider's redirect back to our callback instead of letting it through; answers its URL.
 * Playwright routes only the first request of a navigation, not the redirects after it, so the
 * consent form's POST is sent from the route and its redirects followed by hand (the context's
 * cookies both ways) until the one that points at our callback.
 */
async function holdCallback(page: Page): Promise<{ url: Promise<string>; release(): Promise<void> }> {
  let resolve!: (url: string) => void;
  const url = new Promise<string>((r) => (resolve = r));
  const pattern = `${op.issuer}/interaction/**`;
  await page.route(pattern, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.postData()?.includes("prompt=consent")) return route.continue();
    let response = await route.fetch({ maxRedirects: 0 });
    for (let hop = 0; hop < 5; hop++) {
      const location = response.headers()["location"];
      if (!location) break;
      const next = new URL(location, response.url()).href;
      if (next.startsWith(`${base}/auth/directory/callback`)) {
        resolve(next);
        return route.fulfill({ status: 200, contentType: "text/plain", body: "held" });
      }
      response = await page.context().request.get(next, { maxRedirects: 0 });
    }
    return route.fulfill({ response });
  });
  return { url, release: () => page.unroute(pattern) };
}

describe("directory sign-in (OpenID Connect) in Chromium", () => {
  it("shows a button per organisation beside the password form, at 1280 and 390 px", async () => {
    for (const width of [1280, 390]) {
      const { context, page, violations } = await open(width);
      await page.goto(`${base}/login`);
      await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
      await button(page, "宝塚市").waitFor();
      await button(page, "札幌市").waitFor();
      await page.getByRole("heading", { level: 2, name: "パスワードでログイン", exact: true }).waitFor();
      await page.getByRole("textbox", { name: "メールアドレス" }).waitFor();
      // Keyboard: the first button is reached by Tab and shows its focus.
      await button(page, "宝塚市").focus();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/oidc-login-${width}.png`, fullPage: true });
      expect(await violations()).toEqual([]);
      await context.close();
    }
  });

  it("signs in through the provider (discovery, login, consent), makes the account in the 課 of the 所属コード, and logs out at the provider too", { timeout: 120_000 }, async () => {
    const { context, page, violations } = await open();
    await page.goto(`${base}/login?next=${encodeURIComponent("/my-cases")}`);
    await button(page, "宝塚市").click();
    await page.waitForURL((url) => url.origin === op.issuer);
    expect(op.requests).toContain("GET /.well-known/openid-configuration");
    await throughProvider(page, "hanako");
    await page.waitForURL((url) => url.origin === base && url.pathname === "/my-cases");
    const header = page.getByRole("banner");
    await header.getByRole("button", { name: "ログアウト", exact: true }).waitFor();
    await header.getByText("宝塚 花子").waitFor();
    expect(await violations()).toEqual([]);
    const [user] = await kb.orm.em.fork().execute<{ role: string; department: string; code: string }[]>(
      "select u.role, d.name as department, o.code from users u join departments d on d.id = u.department_id join organisations o on o.id = u.organisation_id where u.email = 'hanako@city.takarazuka.example.jp'",
    );
    expect(user).toEqual({ role: "STAFF", department: "行政経営課", code: A });

    // Logout: our session ends, then the provider's logout page, then back to our top page.
    await header.getByRole("button", { name: "ログアウト", exact: true }).click();
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.getByRole("button", { name: "Yes, sign me out", exact: true }).click();
    await page.waitForURL((url) => url.origin === base && url.pathname === "/");
    await page.getByRole("banner").getByRole("link", { name: "ログイン", exact: true }).waitFor();
    // The provider's session ended too: signing in again asks for the login again.
    await page.goto(`${base}/login`);
    await button(page, "宝塚市").click();
    await page.locator("input[name=login]").waitFor();
    await context.close();
  });

  it("refuses a wrong state with a Japanese message on the login page", { timeout: 120_000 }, async () => {
    const { context, page, violations } = await open();
    await page.goto(`${base}/login`);
    const held = await holdCallback(page);
    await button(page, "宝塚市").click();
    await throughProvider(page, "hanako", held.url);
    const forged = new URL(await held.url);
    forged.searchParams.set("state", "a-state-this-browser-never-sent");
    await held.release();
    await page.goto(forged.href);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe(DIRECTORY_SIGN_IN_ERRORS.STATE_MISMATCH);
    expect(new URL(page.url()).pathname).toBe("/login");
    // Not signed in: the header offers no ログアウト, and the password form is still there.
    await page.getByRole("textbox", { name: "メールアドレス" }).waitFor();
    expect(await page.getByRole("banner").getByRole("button", { name: "ログアウト", exact: true }).count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/oidc-wrong-state-1280.png`, fullPage: true });
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it("refuses an expired code", { timeout: 120_000 }, async () => {
    const { context, page } = await open();
    op.codeTtlSeconds = 1;
    try {
      await page.goto(`${base}/login`);
      const held = await holdCallback(page);
      await button(page, "宝塚市").click();
      await throughProvider(page, "hanako", held.url);
      const url = await held.url;
      await new Promise((r) => setTimeout(r, 2_500));
      await held.release();
      await page.goto(url);
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toBe(DIRECTORY_SIGN_IN_ERRORS.CODE_REJECTED);
    } finally {
      op.codeTtlSeconds = 60;
    }
    await context.close();
  });

  it("refuses a person of another organisation who tries this organisation's button", { timeout: 120_000 }, async () => {
    const { context, page } = await open(390);
    // 札幌 太郎 signs in to 札幌市 (his identity is 札幌市's) …
    await page.goto(`${base}/login`);
    await button(page, "札幌市").click();
    await throughProvider(page, "taro");
    await page.getByRole("banner").getByText("札幌 太郎").waitFor();
    await context.clearCookies({ domain: new URL(base).hostname }); // our session only: the provider still knows him
    // … then tries 宝塚市's button: the provider signs him in, we refuse.
    await page.goto(`${base}/login`);
    await button(page, "宝塚市").click();
    await throughProvider(page, "taro");
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toBe(DIRECTORY_SIGN_IN_ERRORS.WRONG_ORGANISATION);
    await expect(page.getByRole("alert").evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/oidc-other-organisation-390.png`, fullPage: true });
    const [{ n }] = (await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) n from audit_log where action = 'sign-in.directory.refused' and after->>'code' = 'WRONG_ORGANISATION'")) as [{ n: string }];
    expect(Number(n)).toBe(1);
    await context.close();
  });
});

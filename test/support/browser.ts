import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { spawnNode, type Spawned } from "./processes.js";

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launches headless Chromium for the browser tests. The flags keep it from reaching out to the
 * network (this machine's network is closed; without them it retries connections at every start).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The real built server (seeding its empty database, as `npm start` does) and a browser in front of it. */
export interface BrowserApp {
  server: Spawned;
  baseUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startBrowserApp(env: Record<string, string>): Promise<BrowserApp> {
  const server = spawnNode("server/dist/main.js", [], { ...env, PORT: "0", KB_SEED: "true" });
  const baseUrl = (await server.waitForOutput(/is running: (http:\/\/localhost:\d+\/)/))[1]!;
  const browser = await launchChromium();
  return {
    server,
    baseUrl,
    browser,
    async stop() {
      await browser.close();
      if (server.child.exitCode === null) {
        server.child.kill("SIGTERM");
        await server.exited;
      }
    },
  };
}

/** Signs in through the login page and waits until the app has gone on to `next`. */
export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }, next = "/"): Promise<void> {
  await page.goto(`${baseUrl}login?next=${encodeURIComponent(next)}`);
  await page.getByRole("textbox", { name: "メールアドレス" }).fill(user.email);
  await page.getByLabel("パスワード").fill(user.password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
  const path = next.split("?")[0];
  await page.waitForURL((url) => url.pathname === path);
}

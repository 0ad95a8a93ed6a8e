import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "./auth.service.js";

/** Issue 12: the login limit under a burst, whom X-Forwarded-For is believed from, sessions a person controls. */
type Http = Awaited<ReturnType<typeof startHttp>>;
let kb: TestBackend;
let http: Http;
const opened: Http[] = [];

beforeAll(async () => {
  kb = await createTestBackend();
  // A proxy on the same host, as the reproduction had it: every request brings its own address.
  http = await startHttp(kb, { KB_TRUST_PROXY: "loopback" });
  opened.push(http);
});
afterAll(async () => {
  for (const server of opened) await server.close();
  await kb?.close();
});

let ipSequence = 1;
const freshIp = () => `10.12.${Math.floor(ipSequence / 250)}.${(ipSequence++ % 250) + 1}`;

const checksOf = async (email: string) =>
  Number((await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from login_attempts where email_key = ?", [email]))[0]!.n);

describe("login limit under a burst", () => {
  it("checks at most 5 passwords of 40 logins fired at once, then refuses even the right password", async () => {
    const victim = await kb.createViewer();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => new HttpSession(http.url, freshIp()).login(victim.email, "wrong guess")),
    );
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.["code"]);
    expect(codes.every((code) => code === "UNAUTHENTICATED" || code === "RATE_LIMITED")).toBe(true);
    // Every password check leaves one row; a refusal before the check leaves none.
    expect(await checksOf(victim.email)).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(codes.filter((code) => code === "UNAUTHENTICATED").length).toBe(await checksOf(victim.email));

    const right = await new HttpSession(http.url, freshIp()).login(victim.email, victim.password);
    expect(right.errors?.[0]?.extensions?.["code"]).toBe("RATE_LIMITED");
    expect(right.data?.login).toBeFalsy();
    expect(await checksOf(victim.email)).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
  });
});

describe("X-Forwarded-For (KB_TRUST_PROXY)", () => {
  it("is not believed by default: spraying addresses from one client does not escape the per-address limit", async () => {
    const plain = await startHttp(kb, { KB_TRUST_PROXY: "" }); // empty = unset = the default
    opened.push(plain);
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await new HttpSession(plain.url, freshIp()).login(`spray-default-${i}@example.lg.jp`, "guess");
    const fresh = await kb.createViewer();
    const answer = await new HttpSession(plain.url, freshIp()).login(fresh.email, fresh.password);
    expect(answer.errors?.[0]?.extensions?.["code"]).toBe("RATE_LIMITED");
  });
});

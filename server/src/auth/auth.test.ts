import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { setUserActive } from "../users/index.js";
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

const SESSIONS = `{ mySessions { id createdAt lastSeenAt userAgent address current } }`;
const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }`;
type SessionRow = { id: string; createdAt: string; lastSeenAt: string; userAgent: string | null; address: string | null; current: boolean };

/** An HttpSession that also sends a User-Agent, as a browser does. */
class Browser extends HttpSession {
  constructor(url: string, ip: string, readonly agent: string) {
    super(url, ip);
  }
  override async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": this.agent, "x-forwarded-for": this.forwardedFor, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    this.keepCookie(res);
    return (await res.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }
  async me() {
    return (await this.gql<{ me: { id: string } | null }>("{ me { id } }")).data?.me ?? null;
  }
}

async function signedIn(email: string, password: string, agent: string): Promise<Browser> {
  const browser = new Browser(http.url, freshIp(), agent);
  expect((await browser.login(email, password)).errors).toBeUndefined();
  return browser;
}

describe("sessions a person controls", () => {
  it("lists one's own sessions, this device first, and ends the others", async () => {
    const person = await kb.createViewer();
    const stranger = await kb.createViewer();
    const office = await signedIn(person.email, person.password, "Mozilla/5.0 (Windows NT 10.0) Chrome/140");
    const phone = await signedIn(person.email, person.password, "Mozilla/5.0 (iPhone) Safari/18");
    const theirs = await signedIn(stranger.email, stranger.password, "Mozilla/5.0 (X11) Firefox/140");

    const list = (await office.gql<{ mySessions: SessionRow[] }>(SESSIONS)).data!.mySessions;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ current: true, userAgent: office.agent, address: office.forwardedFor });
    expect(list[1]).toMatchObject({ current: false, userAgent: phone.agent, address: phone.forwardedFor });
    expect(Date.parse(list[1]!.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(list[1]!.createdAt));

    // Another person's session cannot be named, nor can garbage.
    const theirId = (await theirs.gql<{ mySessions: SessionRow[] }>(SESSIONS)).data!.mySessions[0]!.id;
    for (const id of [theirId, "not-a-uuid"]) {
      const refused = await office.gql(`mutation ($id: ID!) { endSession(id: $id) }`, { id });
      expect(refused.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");
    }
    expect(await theirs.me()).not.toBeNull();

    expect((await office.gql<{ endOtherSessions: number }>("mutation { endOtherSessions }")).data?.endOtherSessions).toBe(1);
    expect(await phone.me()).toBeNull();
    expect(await office.me()).not.toBeNull();
    expect(await theirs.me()).not.toBeNull();
    expect((await office.gql<{ mySessions: SessionRow[] }>(SESSIONS)).data!.mySessions.map((s) => s.current)).toEqual([true]);

    const anonymous = await new HttpSession(http.url, freshIp()).gql(SESSIONS);
    expect(anonymous.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");

    // Each sign-in stays in the audit log after its session is gone; a refused one is not a sign-in.
    expect((await new HttpSession(http.url, freshIp()).login(person.email, "not the password")).errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    const signIns = await kb.orm.em.fork().execute<{ after: { via: string; ip: string } }[]>(
      "select after from audit_log where subject_id = ? and action = 'user.sign_in' order by id",
      [person.userId],
    );
    expect(signIns.map((r) => r.after)).toEqual([
      { via: "password", ip: office.forwardedFor },
      { via: "password", ip: phone.forwardedFor },
    ]);
  });

  it("changes one's password with the current one, ends every other session and keeps this one", async () => {
    const person = await kb.createViewer();
    const here = await signedIn(person.email, person.password, "here");
    const elsewhere = await signedIn(person.email, person.password, "elsewhere");
    const newPassword = "新しい合言葉-2026-冬";

    const wrong = await here.gql(CHANGE, { input: { currentPassword: "not it", newPassword } });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "currentPassword", message: "現在のパスワードが正しくありません" }] });
    const short = await here.gql(CHANGE, { input: { currentPassword: person.password, newPassword: "short" } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "newPassword", message: "パスワードは12文字以上にしてください" }] });
    expect(await elsewhere.me()).not.toBeNull();

    const changed = await here.gql<{ changePassword: number }>(CHANGE, { input: { currentPassword: person.password, newPassword } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.changePassword).toBe(1);
    expect(await elsewhere.me()).toBeNull();
    expect(await here.me()).not.toBeNull();

    expect((await new HttpSession(http.url, freshIp()).login(person.email, person.password)).errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    expect((await new HttpSession(http.url, freshIp()).login(person.email, newPassword)).errors).toBeUndefined();
    const audit = await kb.orm.em.fork().execute<{ action: string }[]>("select action from audit_log where subject_id = ? and action = 'user.password.change'", [person.userId]);
    expect(audit).toHaveLength(1);
  });

  it("counts wrong current passwords against the account's login limit", async () => {
    const person = await kb.createViewer();
    const here = await signedIn(person.email, person.password, "here");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await here.gql(CHANGE, { input: { currentPassword: `guess ${i}`, newPassword: "とても長い新しいパスワード" } });
    const refused = await here.gql(CHANGE, { input: { currentPassword: person.password, newPassword: "とても長い新しいパスワード" } });
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("RATE_LIMITED");
    expect(refused.errors?.[0]?.message).toMatch(/^パスワードの確認に続けて失敗したため/);
  });

  it("sends password changes through the write limit (KB_MUTATION_RATE_PER_MINUTE)", async () => {
    const limited = await startHttp(kb, { KB_MUTATION_RATE_PER_MINUTE: "2" });
    opened.push(limited);
    const person = await kb.createViewer();
    const here = new Browser(limited.url, freshIp(), "here");
    await here.login(person.email, person.password); // anonymous: counted per address
    await here.gql(CHANGE, { input: { currentPassword: "wrong", newPassword: "とても長い新しいパスワード" } });
    await here.gql(CHANGE, { input: { currentPassword: "wrong", newPassword: "とても長い新しいパスワード" } });
    const third = await here.gql(CHANGE, { input: { currentPassword: person.password, newPassword: "とても長い新しいパスワード" } });
    expect(third.errors?.[0]?.extensions?.["code"]).toBe("RATE_LIMITED");
    expect(third.errors?.[0]?.message).toMatch(/^操作が続いたため/);
  });

  it("ends every session of a deactivated account; reactivating it revives none", async () => {
    const person = await kb.createViewer();
    const one = await signedIn(person.email, person.password, "one");
    const two = await signedIn(person.email, person.password, "two");
    const { endedSessions } = await setUserActive(kb.orm.em.fork(), person.email, false);
    expect(endedSessions).toBe(2);
    await setUserActive(kb.orm.em.fork(), person.email, true);
    expect(await one.me()).toBeNull();
    expect(await two.me()).toBeNull();
    expect(Number((await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from sessions where user_id = ?", [person.userId]))[0]!.n)).toBe(0);
  });
});

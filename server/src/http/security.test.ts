import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { ConfigError, parseConfig } from "../config/index.js";
import { GRAPHQL_LIMITS } from "../graphql/index.js";
import type { Viewer } from "../kernel/index.js";
import { RequestDeadline } from "./request-deadline.js";

/** Issue 6: headers, cookies behind TLS, request limits, writes per minute, the request deadline. */
type Http = Awaited<ReturnType<typeof startHttp>>;
let kb: TestBackend;
let http: Http;
let production: Http;
let staff: Viewer & { email: string; password: string };
const opened: Http[] = [];

beforeAll(async () => {
  kb = await createTestBackend();
  http = await startHttp(kb);
  production = await startHttp(kb, { NODE_ENV: "production" });
  opened.push(http, production);
  staff = await kb.createViewer({ department: "情報政策課" });
});
afterAll(async () => {
  for (const server of opened) await server.close();
  await kb?.close();
});

async function open(env: Record<string, string>): Promise<Http> {
  const server = await startHttp(kb, env);
  opened.push(server);
  return server;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

async function loginCookie(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await post(url, JSON.stringify({ query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, variables: { e: staff.email, p: staff.password } }), headers);
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie") ?? "";
}

const createDraft = `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version title } }`;
const draftInput = (title: string) => ({ input: { kind: "PRACTICE", title, summary: "概要。", actions: "取組。", results: "成果。", fiscalYear: 2024 } });

describe("security headers", () => {
  it("sends a strict CSP, nosniff, no framing and a referrer policy on pages and API answers", async () => {
    for (const path of ["/", "/cases/x", "/healthz"]) {
      const res = await fetch(`${http.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("x-powered-by")).toBeNull();
    }
    const gql = await post(http.url, JSON.stringify({ query: "{ me { id } }" }));
    expect(gql.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(gql.headers.get("x-content-type-options")).toBe("nosniff");
    // GraphQL answers are never stored (Apollo's cache-control plugin said so; http-app.ts now does).
    expect(gql.headers.get("cache-control")).toBe("no-store");
  });

  it("sends HSTS only in production and only over TLS (as told by the trusted proxy)", async () => {
    expect((await fetch(`${http.url}/healthz`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${production.url}/healthz`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${production.url}/healthz`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBe("max-age=15552000");
    // A proxy that is not trusted cannot claim TLS.
    const untrusting = await open({ NODE_ENV: "production", KB_TRUST_PROXY: "false" });
    expect((await fetch(`${untrusting.url}/healthz`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("session cookie Secure flag (KB_COOKIE_SECURE, KB_TRUST_PROXY)", () => {
  it("auto: Secure when the request came over TLS through the trusted proxy, not over plain HTTP", async () => {
    expect(await loginCookie(http.url)).not.toMatch(/;\s*Secure/i);
    expect(await loginCookie(http.url, { "x-forwarded-proto": "https" })).toMatch(/;\s*Secure/i);
    const untrusting = await open({ KB_TRUST_PROXY: "false" });
    expect(await loginCookie(untrusting.url, { "x-forwarded-proto": "https" })).not.toMatch(/;\s*Secure/i);
  });

  it("auto is always Secure in production; always and never say so whatever the request", async () => {
    expect(await loginCookie(production.url)).toMatch(/;\s*Secure/i);
    const never = await open({ NODE_ENV: "production", KB_COOKIE_SECURE: "never" });
    expect(await loginCookie(never.url, { "x-forwarded-proto": "https" })).not.toMatch(/;\s*Secure/i);
    const always = await open({ KB_COOKIE_SECURE: "always" });
    expect(await loginCookie(always.url)).toMatch(/;\s*Secure/i);
  });

  it("reads KB_TRUST_PROXY as Express does (boolean, hop count, addresses) and refuses an unknown KB_COOKIE_SECURE", () => {
    expect(parseConfig({ KB_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(parseConfig({ KB_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(parseConfig({ KB_TRUST_PROXY: "10.0.0.0/24, loopback" }).trustProxy).toBe("10.0.0.0/24, loopback");
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({}).cookieSecure).toBe("tls");
    expect(parseConfig({ NODE_ENV: "production" }).cookieSecure).toBe("always");
    expect(() => parseConfig({ KB_COOKIE_SECURE: "sometimes" })).toThrow(ConfigError);
  });
});

describe("GraphQL request limits", () => {
  it("refuses a cross-site style text/plain POST (Apollo CSRF prevention) and batched requests", async () => {
    const csrf = await fetch(`${http.url}/graphql`, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ me { id } }"}' });
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/CSRF/);
    const batch = await post(http.url, JSON.stringify([{ query: "{ me { id } }" }, { query: "{ me { id } }" }]));
    expect(batch.status).toBe(400);
  });

  it("answers a body over 1 MB with a clean 413 and a coded Japanese error, and broken JSON with 400", async () => {
    const big = await post(http.url, JSON.stringify({ query: `{ me { id } }`, variables: { pad: "あ".repeat(400_000) } }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ errors: [{ message: "リクエストが大きすぎます（1MBまで）。", extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
    const broken = await post(http.url, "{ not json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses deep, aliased and over-long operations with QUERY_TOO_COMPLEX (400) before running them", async () => {
    const aliases = `{ ${Array.from({ length: GRAPHQL_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: me { id }`).join(" ")} }`;
    // Depth counts fields (fragments are flattened): the schema's cycle case → adoptions → case … goes deep.
    const cycle = (n: number): string => (n <= 0 ? "id" : `adoptions { case { ${cycle(n - 1)} } }`);
    const deep = `{ myCases { items { ${cycle(GRAPHQL_LIMITS.maxDepth / 2)} } } }`;
    const long = `{ me { ${"id ".repeat(GRAPHQL_LIMITS.maxTokens)} } }`;
    for (const [query, what] of [[aliases, "別名"], [deep, "入れ子の深さ"], [long, "字句数"]] as const) {
      const res = await post(http.url, JSON.stringify({ query }));
      expect(res.status, what).toBe(400);
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code), what).toContain("QUERY_TOO_COMPLEX");
      expect(body.errors.find((e) => e.message.includes(what))?.message, what).toMatch(/^問い合わせが複雑すぎるため受け付けられません（.+が上限の[\d,]+を超えています）。$/);
    }
  });

  it("has no introspection, no landing page and no field suggestions in production", async () => {
    const schema = await post(production.url, JSON.stringify({ query: "{ __schema { types { name } } }" }));
    expect(schema.status).toBe(400);
    expect(JSON.stringify(await schema.json())).toMatch(/introspection/i);
    expect((await post(http.url, JSON.stringify({ query: "{ __schema { types { name } } }" }))).status).toBe(200);

    const landing = await fetch(`${production.url}/graphql`, { headers: { accept: "text/html" } });
    expect(await landing.text()).not.toMatch(/<html/i);

    const typo = (await (await post(production.url, JSON.stringify({ query: "{ searchCase(query: \"a\") { total } }" }))).json()) as { errors: { message: string }[] };
    expect(typo.errors[0]!.message).not.toMatch(/Did you mean/);
  });
});

describe("writes per minute (KB_MUTATION_RATE_PER_MINUTE)", () => {
  it("stops a user's mutations and uploads past the budget with RATE_LIMITED / 429 and Retry-After; reads go on", async () => {
    const limited = await open({ KB_MUTATION_RATE_PER_MINUTE: "3" });
    const session = new HttpSession(limited.url, "10.1.0.1");
    expect((await session.login(staff.email, staff.password)).errors).toBeUndefined(); // anonymous: counted per address
    for (let i = 0; i < 3; i++) expect((await session.gql(createDraft, draftInput(`制限前 ${i}`))).errors).toBeUndefined();

    const res = await fetch(`${limited.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: session.cookie!, "x-forwarded-for": "10.1.0.1" },
      body: JSON.stringify({ query: createDraft, variables: draftInput("制限後") }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe("RATE_LIMITED");
    expect(body.errors[0]!.message).toMatch(/^操作が続いたため、しばらく受け付けを停止しています。\d+(秒|分)ほど待ってからもう一度お試しください。$/);
    const saved = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where title = ?", ["制限後"]);
    expect(Number(saved[0]!.n)).toBe(0);

    // Reads are not counted.
    expect((await session.gql<{ me: { id: string } }>("{ me { id } }")).data?.me.id).toBe(staff.userId);
    // Uploads share the budget: 429, Retry-After, a Japanese JSON message.
    const upload = await fetch(`${limited.url}/api/cases/any/attachments`, {
      method: "POST",
      headers: { "x-kb-request": "1", cookie: session.cookie!, "x-forwarded-for": "10.1.0.1" },
      body: new FormData(),
    });
    expect(upload.status).toBe(429);
    expect(Number(upload.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await upload.json()).toEqual({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/^操作が続いたため/), fields: [] } });

    // Another user has their own budget.
    const other = await kb.createViewer({ department: "情報政策課" });
    const otherSession = new HttpSession(limited.url, "10.1.0.1");
    await otherSession.login(other.email, other.password);
    expect((await otherSession.gql(createDraft, draftInput("別の人"))).errors).toBeUndefined();
  });

  it("counts every mutation field of an operation", async () => {
    const limited = await open({ KB_MUTATION_RATE_PER_MINUTE: "2" });
    const session = new HttpSession(limited.url, "10.1.0.2");
    // A user of their own: the budgets are kept in the database, so the first test's user has none left.
    const fresh = await kb.createViewer({ department: "情報政策課" });
    await session.login(fresh.email, fresh.password);
    const three = `mutation ($input: CaseDraftInput!) { a: createCase(input: $input) { id } b: createCase(input: $input) { id } c: createCase(input: $input) { id } }`;
    const answer = await session.gql(three, draftInput("三つ同時"));
    expect(answer.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("is one budget for every server instance on the database, and starts again after its minute", async () => {
    const [one, two] = [await open({ KB_MUTATION_RATE_PER_MINUTE: "4" }), await open({ KB_MUTATION_RATE_PER_MINUTE: "4" })];
    const user = await kb.createViewer({ department: "情報政策課" });
    const onOne = new HttpSession(one.url, "10.1.0.3");
    await onOne.login(user.email, user.password);
    const onTwo = new HttpSession(two.url, "10.1.0.3");
    onTwo.cookie = onOne.cookie;
    // Four writes alternating between the two instances use up the one budget of four...
    for (let i = 0; i < 4; i++) expect((await (i % 2 ? onTwo : onOne).gql(createDraft, draftInput(`二台 ${i}`))).errors).toBeUndefined();
    // ...so the fifth is refused on either (each instance alone has seen only two).
    expect((await onOne.gql(createDraft, draftInput("二台 4"))).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect((await onTwo.gql(createDraft, draftInput("二台 5"))).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    // The minute is over (as the database's clock says): the budget is whole again, on both.
    await kb.orm.em.fork().execute("update rate_limit_buckets set resets_at = now() - interval '1 second' where key = ?", [`user:${user.userId}`]);
    expect((await onTwo.gql(createDraft, draftInput("二台 6"))).errors).toBeUndefined();
    expect((await onOne.gql(createDraft, draftInput("二台 7"))).errors).toBeUndefined();
  });

  it("is on by default (120 a minute) and cannot be turned off in production", () => {
    expect(parseConfig({}).mutationRatePerMinute).toBe(120);
    expect(parseConfig({ KB_MUTATION_RATE_PER_MINUTE: "0" }).mutationRatePerMinute).toBe(0);
    expect(() => parseConfig({ NODE_ENV: "production", KB_MUTATION_RATE_PER_MINUTE: "0" })).toThrow(/not allowed in production/);
  });
});

describe("request deadline (KB_REQUEST_TIMEOUT_MS)", () => {
  it("refuses to commit a transaction once the deadline has passed, and never cuts a request that has committed", async () => {
    const em = kb.orm.em.fork();
    const created = await kb.gql<{ createCase: { id: string } }>(createDraft, draftInput("期限の確認"), { viewer: staff });
    const id = created.data!.createCase.id;

    const late = new RequestDeadline(600_000);
    const attempt = late.run(() =>
      kb.orm.em.fork().transactional(async (tx) => {
        await tx.execute("update cases set title = ? where id = ?", ["期限後の変更", id]);
        expect(late.expire()).toBe(true);
      }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "REQUEST_TIMEOUT" });
    late.finish();
    expect((await em.execute<{ title: string }[]>("select title from cases where id = ?", [id]))[0]!.title).toBe("期限の確認");

    const done = new RequestDeadline(600_000);
    await done.run(() => kb.orm.em.fork().transactional((tx) => tx.execute("update cases set title = ? where id = ?", ["保存済み", id])));
    expect(done.expire()).toBe(false);
    expect(done.signal.aborted).toBe(false);
    done.finish();
  });

  it("answers a request stuck past the deadline with REQUEST_TIMEOUT and leaves nothing of it in the database", async () => {
    // Sessions live in PostgreSQL: log in on the normal server, send the slow request to one with a short deadline.
    const session = new HttpSession(http.url, "10.1.0.3");
    await session.login(staff.email, staff.password);
    const created = await session.gql<{ createCase: { id: string; version: number } }>(createDraft, draftInput("ロック中"));
    const { id, version } = created.data!.createCase;
    const hurried = await open({ KB_REQUEST_TIMEOUT_MS: "500" });

    // Another transaction holds the case row: the update waits for it however fast the machine is.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = kb.orm.em.fork().transactional(async (tx) => {
      await tx.execute("select id from cases where id = ? for update", [id]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;

    const res = await fetch(`${hurried.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", cookie: session.cookie! },
      body: JSON.stringify({
        query: `mutation ($id: ID!, $version: Int!, $input: CaseDraftInput!) { updateCase(id: $id, version: $version, input: $input) { id } }`,
        variables: { id, version, ...draftInput("期限切れの更新") },
      }),
    });
    // The deadline cancels the waiting statement in PostgreSQL: nobody waits for the lock any more.
    const waiting = async () =>
      Number(
        (await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"))[0]!.n,
      );
    for (let i = 0; i < 200 && (await waiting()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await waiting()).toBe(0);
    release();
    await holder;
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/application\/graphql-response\+json/);
    expect(await res.json()).toEqual({
      errors: [{ message: "処理に時間がかかりすぎたため中止しました（この操作による変更は保存されていません）。しばらくしてからもう一度お試しください。", extensions: { code: "REQUEST_TIMEOUT" } }],
    });

    // The cancelled statement and its transaction are gone from PostgreSQL; the row is as it was.
    const others = async () =>
      Number(
        (await kb.orm.em.fork().execute<{ n: string }[]>(
          "select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state in ('active', 'idle in transaction', 'idle in transaction (aborted)')",
        ))[0]!.n,
      );
    for (let i = 0; i < 200 && (await others()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const row = (await kb.orm.em.fork().execute<{ title: string; version: number }[]>("select title, version from cases where id = ?", [id]))[0]!;
    expect(row).toEqual({ title: "ロック中", version });
    // The server goes on answering.
    expect((await session.gql<{ me: { id: string } }>("{ me { id } }")).data?.me.id).toBe(staff.userId);
  });
});

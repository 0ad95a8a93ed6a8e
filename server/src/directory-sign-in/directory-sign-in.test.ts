import fs from "node:fs/promises";
import nodeHttp from "node:http";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode } from "../../../test/support/processes.js";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { FlowClient, startOidcProvider, type TestOidcProvider } from "../../../test/support/oidc-provider.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { createOrganisation } from "../organisations/index.js";
import { setUserActive } from "../users/index.js";
import { configureOrganisationSignIn } from "./directory-sign-in.service.js";

/**
 * Directory sign-in (issue 15) against a real OpenID provider (oidc-provider, started here): the
 * authorisation code flow with PKCE through the provider's own login and consent forms, then our
 * callback. Two organisations, A (宝塚市) and B (札幌市), each with its client at the provider.
 */
const A = "282146";
const B = "011002";

let kb: TestBackend;
let http: Awaited<ReturnType<typeof startHttp>>;
let op: TestOidcProvider;
let callback: string;
let ips = 1;

const audit = async (action: string) =>
  kb.orm.em.fork().execute<{ action: string; after: Record<string, unknown>; organisation_id: string }[]>("select action, after, organisation_id from audit_log where action = ? order by id", [action]);

beforeAll(async () => {
  kb = await createTestBackend();
  const a = await createOrganisation(kb.orm.em.fork(), { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: A }, null);
  const b = await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: B }, null);
  await kb.createViewer({ organisation: A, department: "情報政策課" });
  await kb.createViewer({ organisation: B, department: "デジタル戦略課" });
  await kb.createViewer({ organisation: B, department: "デジタル戦略課", email: "taken@sapporo.example.jp" });
  await kb.orm.em.fork().execute("update departments set code = 'A-101' where organisation_id = ? and name = '情報政策課'", [a.id]);
  await kb.orm.em.fork().execute("update departments set code = 'B-201' where organisation_id = ? and name = 'デジタル戦略課'", [b.id]);
  http = await startHttp(kb);
  callback = `${http.url}/auth/directory/callback`;
  op = await startOidcProvider({
    accounts: [
      { login: "hanako", email: "hanako@takarazuka.example.jp", name: "宝塚 花子", departmentCode: "A-101" },
      { login: "taro", email: "taro@sapporo.example.jp", name: "札幌 太郎", departmentCode: "B-201" },
      { login: "stranger", email: "stranger@takarazuka.example.jp", name: "所属 不明", departmentCode: "Z-999" },
      { login: "taken", email: "taken@sapporo.example.jp", name: "同じ アドレス", departmentCode: "A-101" },
      { login: "gone", email: "gone@takarazuka.example.jp", name: "退職 予定", departmentCode: "A-101" },
    ],
    clients: [
      { clientId: "kb-takarazuka", clientSecret: "secret-a", redirectUris: [callback], postLogoutRedirectUris: [`${http.url}/`] },
      { clientId: "kb-sapporo", clientSecret: "secret-b", redirectUris: [callback], postLogoutRedirectUris: [`${http.url}/`] },
    ],
  });
  await configureOrganisationSignIn(kb.orm.em.fork(), A, { issuer: op.issuer, clientId: "kb-takarazuka", clientSecret: "secret-a" }, null);
  await configureOrganisationSignIn(kb.orm.em.fork(), B, { issuer: op.issuer, clientId: "kb-sapporo", clientSecret: "secret-b", allowLocalPasswords: false }, null);
}, 120_000);

afterAll(async () => {
  await op?.close();
  await http?.close();
  await kb?.close();
});

/** Start → the provider's pages as `login` → our callback; answers where the callback sent the browser, and the client. */
async function signIn(code: string, login: string, next = "/mine") {
  const client = new FlowClient(`10.20.0.${ips++}`);
  const back = await client.walk(`${http.url}/auth/directory/${code}/start?next=${encodeURIComponent(next)}`, login, callback);
  const res = await client.request(back);
  // Where on our site the callback sent the browser (a path).
  return { client, res, location: (res.location ?? "").replace(http.url, "") };
}

const me = async (client: FlowClient) => {
  const session = new HttpSession(http.url);
  const cookie = client.cookieOf(http.url, "kb_session");
  session.cookie = cookie ? `kb_session=${cookie}` : null;
  return (await session.gql<{ me: { email: string; displayName: string; role: string; directorySignIn: boolean; department: { name: string } } | null }>(
    "{ me { email displayName role directorySignIn department { name } } }",
  )).data!.me;
};

describe("directory sign-in (OpenID Connect) against a real provider", () => {
  it("starts with discovery and sends the browser to the provider with PKCE (S256), state and nonce", async () => {
    const client = new FlowClient();
    const start = await client.request(`${http.url}/auth/directory/${A}/start?next=/search`);
    expect(start.status).toBe(303);
    const to = new URL(start.location!);
    expect(to.origin).toBe(op.issuer);
    expect(to.searchParams.get("client_id")).toBe("kb-takarazuka");
    expect(to.searchParams.get("redirect_uri")).toBe(callback);
    expect(to.searchParams.get("code_challenge_method")).toBe("S256");
    for (const p of ["code_challenge", "state", "nonce"]) expect(to.searchParams.get(p)).toBeTruthy();
    expect(op.requests).toContain("GET /.well-known/openid-configuration");
    expect(client.cookieOf(http.url, "kb_sign_in")).toBeTruthy();
  });

  it("makes the account just in time in the 課 of the 所属コード, as STAFF, and signs in (the same session as a password login)", async () => {
    const { client, res, location } = await signIn(A, "hanako");
    expect(res.status).toBe(303);
    expect(location).toBe("/mine");
    expect(await me(client)).toEqual({ email: "hanako@takarazuka.example.jp", displayName: "宝塚 花子", role: "STAFF", directorySignIn: true, department: { name: "情報政策課" } });
    const created = (await audit("user.create")).filter((r) => r.after.via === "directory");
    expect(created.map((r) => r.after.email)).toEqual(["hanako@takarazuka.example.jp"]);
    expect((await audit("user.sign_in")).map((r) => r.after.via)).toContain("directory");
    // A second sign-in finds the same person by issuer + subject, even after the directory changed the address.
    op.accounts.get("hanako")!.email = "hanako.new@takarazuka.example.jp";
    const again = await signIn(A, "hanako");
    expect((await me(again.client))?.email).toBe("hanako@takarazuka.example.jp");
    const [{ n }] = (await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) n from users where email like 'hanako%'")) as [{ n: string }];
    expect(Number(n)).toBe(1);
    op.accounts.get("hanako")!.email = "hanako@takarazuka.example.jp";
  });

  it("returns only to a path on this site", async () => {
    const { location } = await signIn(A, "hanako", "//evil.example/steal");
    expect(location).toBe("/");
  });

  it("logs out locally and at the provider's end_session_endpoint", async () => {
    const { client } = await signIn(A, "hanako");
    const out = await client.request(`${http.url}/auth/logout`);
    expect(out.status).toBe(303);
    const to = new URL(out.location!);
    expect(`${to.origin}${to.pathname}`).toBe(`${op.issuer}/session/end`);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${http.url}/`);
    expect(to.searchParams.get("client_id")).toBe("kb-takarazuka");
    expect(await me(client)).toBeNull();
  });

  it("refuses a wrong state, and audits it", async () => {
    const client = new FlowClient();
    const back = await client.walk(`${http.url}/auth/directory/${A}/start`, "hanako", callback);
    const forged = new URL(back);
    forged.searchParams.set("state", "forged-state-value");
    const res = await client.request(forged.href);
    expect(res.location).toBe(`${http.url}/login?signInError=STATE_MISMATCH`);
    expect(client.cookieOf(http.url, "kb_session")).toBeUndefined();
    // The attempt is used up: the genuine answer afterwards is refused too.
    expect((await client.request(back)).location).toBe(`${http.url}/login?signInError=STATE_MISMATCH`);
    expect((await audit("sign-in.directory.refused")).some((r) => r.after.code === "STATE_MISMATCH")).toBe(true);
  });

  it("refuses a callback from another browser (no attempt cookie)", async () => {
    const back = await new FlowClient().walk(`${http.url}/auth/directory/${A}/start`, "hanako", callback);
    const res = await new FlowClient().request(back);
    expect(res.location).toBe(`${http.url}/login?signInError=STATE_MISMATCH`);
  });

  it("refuses an expired code", async () => {
    op.codeTtlSeconds = 1;
    try {
      const client = new FlowClient();
      const back = await client.walk(`${http.url}/auth/directory/${A}/start`, "hanako", callback);
      await new Promise((r) => setTimeout(r, 2_500));
      const res = await client.request(back);
      expect(res.location).toBe(`${http.url}/login?signInError=CODE_REJECTED`);
      expect((await audit("sign-in.directory.refused")).some((r) => r.after.code === "CODE_REJECTED" && r.after.error === "invalid_grant")).toBe(true);
    } finally {
      op.codeTtlSeconds = 60;
    }
  });

  it("refuses a person of another organisation, an address another organisation uses, an unknown 所属コード, a deactivated account", async () => {
    // 札幌 太郎 signs in to 札幌市 (B) first: his identity is B's.
    const inB = await signIn(B, "taro");
    expect((await me(inB.client))?.department.name).toBe("デジタル戦略課");
    expect((await signIn(A, "taro")).location).toBe("/login?signInError=WRONG_ORGANISATION");
    expect((await signIn(A, "taken")).location).toBe("/login?signInError=EMAIL_TAKEN");
    expect((await signIn(A, "stranger")).location).toBe("/login?signInError=UNKNOWN_DEPARTMENT");
    await signIn(A, "gone");
    await setUserActive(kb.orm.em.fork(), "gone@takarazuka.example.jp", false);
    expect((await signIn(A, "gone")).location).toBe("/login?signInError=DEACTIVATED");
    const refused = await audit("sign-in.directory.refused");
    expect(refused.map((r) => r.after.code)).toEqual(expect.arrayContaining(["WRONG_ORGANISATION", "EMAIL_TAKEN", "UNKNOWN_DEPARTMENT", "DEACTIVATED"]));
    const [{ n }] = (await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) n from users where email in ('stranger@takarazuka.example.jp', 'taro@sapporo.example.jp')")) as [{ n: string }];
    expect(Number(n)).toBe(1); // 太郎 in B only; the stranger nowhere
  });

  it("says when the provider is down, and when an organisation has no directory sign-in", async () => {
    await createOrganisation(kb.orm.em.fork(), { name: "大阪市", kana: "おおさかし", prefecture: "大阪府", kind: "DESIGNATED_CITY", code: "271004" }, null);
    await configureOrganisationSignIn(kb.orm.em.fork(), "271004", { issuer: "http://127.0.0.1:9/", clientId: "x", clientSecret: "y" }, null);
    expect((await new FlowClient().request(`${http.url}/auth/directory/271004/start`)).location).toBe(`${http.url}/login?signInError=PROVIDER_UNAVAILABLE`);
    expect((await new FlowClient().request(`${http.url}/auth/directory/999999/start`)).location).toBe(`${http.url}/login?signInError=NOT_CONFIGURED`);
  });

  it("takes the redirect URI from KB_PUBLIC_URL when set, whatever Host the request names", async () => {
    const forgedHostStart = (url: string) =>
      new Promise<string>((resolve, reject) => {
        const req = nodeHttp.get(`${url}/auth/directory/${A}/start`, { headers: { host: "evil.example", "x-forwarded-for": "10.23.0.1" } }, (res) => {
          res.resume();
          resolve(res.headers.location ?? "");
        });
        req.on("error", reject);
      });
    const redirectUriOf = (location: string) => new URL(location).searchParams.get("redirect_uri");
    // Without it the Host decides (the provider refuses an unregistered redirect URI) …
    expect(redirectUriOf(await forgedHostStart(http.url))).toBe("http://evil.example/auth/directory/callback");
    // … with it no request header does.
    const pinned = await startHttp(kb, { KB_PUBLIC_URL: "https://kb.city.example.jp/" });
    try {
      expect(redirectUriOf(await forgedHostStart(pinned.url))).toBe("https://kb.city.example.jp/auth/directory/callback");
    } finally {
      await pinned.close();
    }
  });

  it("counts starts and callbacks against the address's write budget", async () => {
    const tight = await startHttp(kb, { KB_MUTATION_RATE_PER_MINUTE: "1" }); // 5 a minute for an anonymous address
    try {
      const client = new FlowClient("10.22.0.1");
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await client.request(`${tight.url}/auth/directory/${A}/start`)).location ?? "");
      expect(answers.slice(0, 5).every((l) => l.startsWith(op.issuer))).toBe(true);
      expect(answers[5]).toBe(`${tight.url}/login?signInError=RATE_LIMITED`);
    } finally {
      await tight.close();
    }
  });

  it("refuses a local password where the organisation turned them off (B), keeps it where allowed (A)", async () => {
    const inB = await kb.createViewer({ organisation: B, department: "デジタル戦略課" });
    const inA = await kb.createViewer({ organisation: A, department: "情報政策課" });
    const refused = await new HttpSession(http.url, "10.21.0.1").login(inB.email, inB.password);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await new HttpSession(http.url, "10.21.0.2").login(inA.email, inA.password)).data?.login.id).toBe(inA.userId);
  });
});

describe("directory sign-in settings over GraphQL", () => {
  const SET = `mutation ($code: String!, $input: OrganisationSignInInput!) { setOrganisationSignIn(organisationCode: $code, input: $input) { issuer clientId scopes allowLocalPasswords enabled redirectPath } }`;

  it("lists the buttons for anyone, names only", async () => {
    const r = await kb.gql<{ signInOptions: { passwords: boolean; directories: { organisationName: string; startPath: string }[] } }>(
      "{ signInOptions { passwords directories { organisationName organisationCode startPath } } }",
    );
    expect(r.data!.signInOptions.passwords).toBe(true);
    expect(r.data!.signInOptions.directories).toEqual(
      expect.arrayContaining([{ organisationName: "宝塚市", organisationCode: A, startPath: `/auth/directory/${A}/start` }]),
    );
    expect(JSON.stringify(r)).not.toContain("secret");
  });

  it("is set by an operator only, validated by the shared schema; an ADMIN reads their own (never the secret)", async () => {
    const operator = await kb.createViewer({ installationRole: "OPERATOR" });
    const adminA = await kb.createViewer({ organisation: A, role: "ADMIN", department: "情報政策課" });
    const adminB = await kb.createViewer({ organisation: B, role: "ADMIN", department: "デジタル戦略課" });
    const input = { issuer: op.issuer, clientId: "kb-takarazuka", allowLocalPasswords: true };
    expect((await kb.gql(SET, { code: A, input }, { viewer: adminA })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const bad = await kb.gql(SET, { code: A, input: { ...input, issuer: "http://idp.example.jp", scopes: "email" } }, { viewer: operator });
    expect((bad.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path).sort()).toEqual(["issuer", "scopes"]);
    const ok = await kb.gql<{ setOrganisationSignIn: { redirectPath: string } }>(SET, { code: A, input }, { viewer: operator });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.setOrganisationSignIn.redirectPath).toBe("/auth/directory/callback");
    const [{ client_secret }] = (await kb.orm.em.fork().execute<{ client_secret: string }[]>("select client_secret from organisation_sign_ins s join organisations o on o.id = s.organisation_id where o.code = ?", [A])) as [{ client_secret: string }];
    expect(client_secret).toBe("secret-a"); // kept: the update gave none
    const READ = "query ($id: ID!) { organisationSignIn(organisationId: $id) { issuer clientId } }";
    expect((await kb.gql(READ, { id: adminA.organisationId }, { viewer: adminA })).data).toEqual({ organisationSignIn: { issuer: op.issuer, clientId: "kb-takarazuka" } });
    expect((await kb.gql(READ, { id: adminA.organisationId }, { viewer: adminB })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(kb.schema.getType("OrganisationSignIn")?.toString()).toBe("OrganisationSignIn");
    expect(Object.keys((kb.schema.getType("OrganisationSignIn") as unknown as { getFields(): object }).getFields())).not.toContain("clientSecret");
    const audits = await audit("organisation.sign-in.set");
    expect(JSON.stringify(audits)).not.toContain("secret-a");
  });
});

describe("directory sign-in inputs (property-based)", () => {
  it("setOrganisationSignIn and organisationSignIn answer arbitrary input with a coded error or a result, never a crash", async () => {
    const operator = await kb.createViewer({ installationRole: "OPERATOR" });
    const SET = `mutation ($code: String!, $input: OrganisationSignInInput!) { setOrganisationSignIn(organisationCode: $code, input: $input) { issuer } }`;
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("", "\u0000", "https://idp.example.jp", "openid", A, "0".repeat(3000)));
    await fc.assert(
      fc.asyncProperty(text, text, text, fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), async (code, issuer, clientId, scopes, claim) => {
        // Never A or B (their settings are the other tests'): a fresh code, or an unknown one.
        const target = code === A || code === B ? "999999" : code;
        const r = await kb.gql(SET, { code: target, input: { issuer, clientId, clientSecret: "s", scopes, emailClaim: claim } }, { viewer: operator });
        expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).not.toBe("INTERNAL_SERVER_ERROR");
        const read = await kb.gql("query ($id: ID!) { organisationSignIn(organisationId: $id) { issuer } }", { id: code }, { viewer: operator });
        expect(read.errors?.[0]?.extensions?.code, JSON.stringify(read.errors)).not.toBe("INTERNAL_SERVER_ERROR");
      }),
      { numRuns: 60, examples: [["\u0000", "https://idp.example.jp", "kb", undefined, undefined], ["a\u0000", "https://idp.example.jp", "kb", "openid", "e\u0000"]] },
    );
  });
});

describe("kb organisation sign-in", () => {
  it("sets an organisation's sign-in with the secret from a file, and shows it without the secret", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-oidc-"));
    const secretFile = path.join(dir, "secret");
    await fs.writeFile(secretFile, "cli-secret-b\n");
    const set = await runNode(
      "server/dist/cli/kb.js",
      ["organisation", "sign-in", B, "--issuer", op.issuer, "--client-id", "kb-sapporo", "--client-secret-file", secretFile, "--local-passwords", "no", "--department-code-claim", "shozoku"],
      kb.env,
    );
    expect(set.code, set.output).toBe(0);
    expect(set.output).toContain("札幌市: ディレクトリによるログイン 有効");
    expect(set.output).toContain("所属コード=shozoku");
    expect(set.output).toContain("/auth/directory/callback");
    expect(set.output).not.toContain("cli-secret-b");
    const [{ client_secret }] = (await kb.orm.em.fork().execute<{ client_secret: string }[]>("select client_secret from organisation_sign_ins s join organisations o on o.id = s.organisation_id where o.code = ?", [B])) as [{ client_secret: string }];
    expect(client_secret).toBe("cli-secret-b");
    const bad = await runNode("server/dist/cli/kb.js", ["organisation", "sign-in", B, "--issuer", "ftp://x", "--client-id", "kb-sapporo"], kb.env);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("issuer");
    const shown = await runNode("server/dist/cli/kb.js", ["organisation", "sign-in", A], kb.env);
    expect(shown.code, shown.output).toBe(0);
    expect(shown.output).toContain("クライアントID       kb-takarazuka");
    expect(shown.output).not.toContain("secret-a");
    await fs.rm(dir, { recursive: true });
  }, 60_000);
});

import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Provider } from "oidc-provider";

/**
 * A real OpenID provider for the directory sign-in tests: panva's `oidc-provider` (certified
 * OpenID Connect), on a loopback port in this process, with its own login and consent pages
 * (devInteractions: any password, the login name is the account), discovery, JWKS, PKCE, the token
 * endpoint and RP-initiated logout. Nothing here is a mock of the protocol.
 *
 * Accounts carry e-mail, name and a 所属コード claim (`department_code`); a client per organisation.
 * `codeTtlSeconds` is read at every code issued, so a test can make codes expire quickly.
 */
export interface TestAccount {
  /** The login name typed on the provider's page; also the subject (`sub`). */
  login: string;
  email?: string;
  name?: string;
  departmentCode?: string;
  emailVerified?: boolean;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  /** Our callback, e.g. http://localhost:1234/auth/directory/callback. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface TestOidcProvider {
  issuer: string;
  accounts: Map<string, TestAccount>;
  codeTtlSeconds: number;
  /** Requests the provider answered (method and path), for the tests that check what was asked. */
  requests: string[];
  close(): Promise<void>;
}

export async function startOidcProvider(options: { accounts: TestAccount[]; clients: TestClient[] }): Promise<TestOidcProvider> {
  const accounts = new Map(options.accounts.map((a) => [a.login, a]));
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const state: TestOidcProvider = {
    issuer,
    accounts,
    codeTtlSeconds: 60,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    })),
    jwks: { keys: [{ ...key, use: "sig", alg: "RS256", kid: "test-key" }] },
    cookies: { keys: ["directory sign-in test provider"] },
    // The ID token carries the requested claims (our sign-in reads them there, not from userinfo).
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "department_code"] },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: () => state.codeTtlSeconds, Session: 3600, Interaction: 600, Grant: 3600, IdToken: 3600, AccessToken: 600 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? true } : {}),
            ...(account.name ? { name: account.name } : {}),
            ...(account.departmentCode ? { department_code: account.departmentCode } : {}),
          };
        },
      };
    },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => {
    state.requests.push(`${req.method} ${req.url?.split("?")[0]}`);
    handle(req, res);
  });
  return state;
}

/**
 * A cookie-keeping client that walks the authorisation code flow as a browser would, through the
 * provider's own login and consent forms, without a browser (the server-level tests; the browser
 * test drives Chromium). Cookies are kept per host (paths are ignored: harmless for these tests).
 */
export class FlowClient {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(readonly forwardedFor = "127.0.0.1") {}

  cookieOf(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ status: number; location: string | null; text: string; url: string }> {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    const res = await fetch(url, {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: {
        ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        "x-forwarded-for": this.forwardedFor,
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split("=")[1]!).getTime() < Date.now()) || attributes.some((a) => /^\s*max-age=0/i.test(a));
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get("location");
    return { status: res.status, location: location ? new URL(location, url).href : null, text: await res.text(), url };
  }

  /**
   * From `url` (our start route), through the provider's pages as `login`, until the browser is back
   * at `stopAt` (a URL prefix, e.g. our callback): answers that URL without requesting it.
   */
  async walk(url: string, login: string, stopAt: string): Promise<string> {
    let next: { url: string; method?: string; form?: Record<string, string> } = { url };
    for (let hop = 0; hop < 20; hop++) {
      if (next.url.startsWith(stopAt)) return next.url;
      const res = await this.request(next.url, next);
      if (res.location) {
        next = { url: res.location };
        continue;
      }
      const action = /<form[^>]*action="([^"]+)"/.exec(res.text)?.[1];
      const prompt = /name="prompt" value="([a-z]+)"/.exec(res.text)?.[1];
      if (!action || !prompt) throw new Error(`stuck at ${res.url} (${res.status}): ${res.text.slice(0, 300)}`);
      const target = new URL(action.replace(/&amp;/g, "&"), res.url).href;
      next = { url: target, method: "POST", form: prompt === "login" ? { prompt, login, password: "any password" } : { prompt } };
    }
    throw new Error("too many hops");
  }
}

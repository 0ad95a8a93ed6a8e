import type { AddressInfo } from "node:net";
import { parseConfig } from "../../server/src/config/config.js";
import { buildAppSchema } from "../../server/src/graphql/schema.js";
import { createHttpApp } from "../../server/src/http/http-app.js";
import { listenHttp } from "../../server/src/http/http-server.js";
import type { TestBackend } from "./test-backend.js";

/**
 * The real Express app (GraphQL, sessions, uploads) on a loopback port, over a test backend.
 * `env` adds or overrides configuration (e.g. NODE_ENV=production, KB_MUTATION_RATE_PER_MINUTE).
 */
export async function startHttp(kb: TestBackend, env: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  // The tests stand in for a reverse proxy on this host (HttpSession sends X-Forwarded-For), so
  // they trust loopback unless a test asks otherwise; the product's default trusts no proxy.
  const config = parseConfig({ ...kb.env, NODE_ENV: "test", KB_TRUST_PROXY: "loopback", ...env });
  const { app, apollo } = await createHttpApp({ config, logger: kb.logger, orm: kb.orm, index: kb.index, schema: await buildAppSchema() });
  const server = await listenHttp(app, 0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}

/** A tiny cookie-keeping GraphQL client, as a browser would behave on our origin. */
export class HttpSession {
  cookie: string | null = null;
  lastSetCookie: string | null = null;

  constructor(
    readonly url: string,
    readonly forwardedFor = "127.0.0.1",
  ) {}

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": this.forwardedFor,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    this.keepCookie(res);
    return (await res.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }

  async login(email: string, password: string) {
    return this.gql<{ login: { id: string } }>(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, { e: email, p: password });
  }

  keepCookie(res: Response): void {
    const set = res.headers.get("set-cookie");
    if (!set) return;
    this.lastSetCookie = set;
    const [pair] = set.split(";");
    this.cookie = pair!.endsWith("=") ? null : pair!;
  }

  async upload(caseId: string, fileName: string, bytes: Uint8Array, options: { kintoneTemplate?: boolean; csrfHeader?: boolean } = {}) {
    const form = new FormData();
    form.set("file", new Blob([Buffer.from(bytes)]), fileName);
    if (options.kintoneTemplate) form.set("kintoneTemplate", "true");
    const res = await fetch(`${this.url}/api/cases/${caseId}/attachments`, {
      method: "POST",
      headers: {
        ...(options.csrfHeader === false ? {} : { "x-kb-request": "1" }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
  }

  async download(path: string) {
    return fetch(`${this.url}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
  }
}

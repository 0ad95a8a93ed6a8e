import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback HTTP load balancer for tests and `npm run load` (LOAD_INSTANCES): each request goes to
 * the next upstream in turn — per request, not per connection, and with no stickiness, so a client's
 * consecutive requests (a login, then the page it opens) land on different server instances, which
 * is what the README's "Running N instances" asks a real balancer to be allowed to do.
 *
 * Like a reverse proxy on this host it appends the client's address to X-Forwarded-For (the
 * servers trust loopback: KB_TRUST_PROXY=loopback), drops hop-by-hop headers, and keeps its idle
 * upstream connections for less than the server's 65 s keep-alive. An upstream that cannot be
 * reached answers 502 (a balancer's health check would take it out; `remove` does that here).
 */
export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded to each upstream so far, by its URL. */
  served: Map<string, number>;
  /** Takes an upstream out of the rotation (its open requests finish). */
  remove(upstreamUrl: string): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization"]);

function withoutHopByHop(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

export async function startRoundRobinProxy(upstreamUrls: string[]): Promise<RoundRobinProxy> {
  let upstreams = upstreamUrls.map((u) => new URL(u));
  const served = new Map(upstreams.map((u) => [u.href, 0]));
  // Idle upstream sockets are closed after 30 s: under the server's 65 s keep-alive, so the server never
  // closes a socket the proxy is about to reuse (the README's rule for a real balancer).
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 30_000 });
  let next = 0;
  const server = http.createServer((req, res) => {
    if (!upstreams.length) {
      res.writeHead(503, { "content-type": "text/plain" }).end("no upstream");
      return;
    }
    const target = upstreams[next++ % upstreams.length]!;
    served.set(target.href, (served.get(target.href) ?? 0) + 1);
    const pairs: [string, string][] = [];
    const raw = withoutHopByHop(req.rawHeaders);
    let forwarded: string | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() === "x-forwarded-for") forwarded = forwarded ? `${forwarded}, ${raw[i + 1]}` : raw[i + 1];
      else pairs.push([raw[i]!, raw[i + 1]!]);
    }
    const client = req.socket.remoteAddress ?? "127.0.0.1";
    pairs.push(["x-forwarded-for", forwarded ? `${forwarded}, ${client}` : client]);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: pairs.flat(), agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.rawHeaders));
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(`upstream ${target.host} unreachable`);
      else res.destroy();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    served,
    remove(upstreamUrl) {
      const gone = new URL(upstreamUrl).href;
      upstreams = upstreams.filter((u) => u.href !== gone);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      agent.destroy();
    },
  };
}

import type { Server } from "node:http";
import type { Express } from "express";

/**
 * How long an idle keep-alive connection stays open, advertised as `Keep-Alive: timeout=65`.
 *
 * Node's default is 5 s. A client (a browser, a reverse proxy, our own load and fault scripts) that
 * sends a request on a connection at the moment the server closes it for idleness gets a reset
 * instead of an answer; a proxy turns that into a 502. Reverse proxies commonly keep idle upstream
 * connections for 60 s (nginx's `keepalive_timeout`, cloud load balancers' idle timeout), so the
 * server keeps them a little longer than that and the proxy is always the side that closes.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Listens with the keep-alive timeouts above; resolves once the port is bound. */
export function listenHttp(app: Express, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    // Headers of a request on a kept-alive connection must be allowed to arrive at least as late.
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    server.once("error", reject);
  });
}

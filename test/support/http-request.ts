import http from "node:http";

/** Plain node:http requests with a deadline, for the load script and the fault tests (no fetch: see test/bench/lib.ts). */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire (not decompressed). */
  body: Buffer;
  text: string;
}

export class TimeoutError extends Error {}

/**
 * One HTTP request over a keep-alive agent, bounded by `timeoutMs` (a request that has no complete
 * answer by then is aborted and rejected with TimeoutError: a hung request counts as one).
 *
 * A request sent on a kept-alive connection that the server was closing for idleness at that very
 * moment is reset before the server reads it. Browsers send it again on a new connection, and so
 * does this (as Node's documentation of `request.reusedSocket` advises): only for a reused
 * connection, and only while no answer has started, so a reset of a new connection, or of one the
 * server was answering on, is still reported.
 */
export function httpRequest(
  url: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number; agent?: http.Agent } = {},
): Promise<HttpAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let current: http.ClientRequest | undefined;
    const timer = setTimeout(() => current?.destroy(new TimeoutError(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs ?? 30_000);
    const attempt = (resends: number) => {
      let answered = false;
      const request = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: options.method ?? (options.body === undefined ? "GET" : "POST"),
          agent: options.agent ?? keepAlive,
          headers: { ...(options.body === undefined ? {} : { "content-length": String(Buffer.byteLength(options.body)) }), ...options.headers },
        },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () => {
            clearTimeout(timer);
            const body = Buffer.concat(chunks);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text: body.toString("utf8") });
          });
          response.on("error", reject);
        },
      );
      current = request;
      request.on("error", (error: NodeJS.ErrnoException) => {
        if (!answered && request.reusedSocket && error.code === "ECONNRESET" && resends < MAX_RESENDS) return attempt(resends + 1);
        clearTimeout(timer);
        reject(error);
      });
      request.end(options.body);
    };
    attempt(0);
  });
}

/** Stale kept-alive connections tried in a row before the reset is reported (the agent may hold several). */
const MAX_RESENDS = 4;

import http from "node:http";

/** Plain node:http requests with a deadline, for the load script and the fault tests (no fetch: see test/bench/lib.ts). */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class TimeoutError extends Error {}

/**
 * One HTTP request over a keep-alive agent, bounded by `timeoutMs` (a request that has no complete
 * answer by then is aborted and rejected with TimeoutError: a hung request counts as one).
 */
export function httpRequest(
  url: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number; agent?: http.Agent } = {},
): Promise<HttpAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
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
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") });
        });
        response.on("error", reject);
      },
    );
    const timer = setTimeout(() => request.destroy(new TimeoutError(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs ?? 30_000);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(options.body);
  });
}

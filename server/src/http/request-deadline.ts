import { AsyncLocalStorage } from "node:async_hooks";
import { type ApolloServer, type BaseContext, type ContextFunction, HeaderMap } from "@apollo/server";
import type { EventSubscriber, MikroORM } from "@mikro-orm/postgresql";
import type { Request, RequestHandler, Response } from "express";
import { requestTimedOut } from "../kernel/index.js";

/**
 * A deadline for one GraphQL request (KB_REQUEST_TIMEOUT_MS).
 *
 * When it passes, the client gets a coded REQUEST_TIMEOUT error at once, and the work is stopped
 * so that nothing of it is saved: the request's EntityManager is forked with the deadline's
 * AbortSignal (MikroORM cancels the query in flight in PostgreSQL, and every later query fails),
 * and a transaction that reaches COMMIT after the deadline is refused and rolled back.
 * One exception keeps the answer truthful: once a transaction of the request has started to
 * commit, the request is no longer cut — its work is saved, so it runs to its real answer.
 */
export class RequestDeadline {
  private static readonly current = new AsyncLocalStorage<RequestDeadline>();

  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private committing = 0;
  private committed = false;
  private onExpired: () => void = () => {};
  /** Settles when the deadline has cut the request. */
  readonly expired = new Promise<void>((resolve) => {
    this.onExpired = resolve;
  });

  constructor(timeoutMs: number) {
    this.timer = setTimeout(() => this.expire(), timeoutMs);
    this.timer.unref();
  }

  /** Aborted when the deadline cuts the request; its reason is the REQUEST_TIMEOUT error. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Cuts the request now, unless something of it is already (being) committed. Returns whether it did. */
  expire(): boolean {
    if (this.signal.aborted) return true;
    if (this.committing > 0 || this.committed) return false;
    this.controller.abort(requestTimedOut());
    this.onExpired();
    return true;
  }

  /** Whether a transaction of the request has committed (its person has written). */
  get hasCommitted(): boolean {
    return this.committed;
  }

  finish(): void {
    clearTimeout(this.timer);
  }

  run<T>(fn: () => T): T {
    return RequestDeadline.current.run(this, fn);
  }

  static active(): RequestDeadline | undefined {
    return RequestDeadline.current.getStore();
  }

  beforeCommit(): void {
    if (this.signal.aborted) throw this.signal.reason;
    this.committing++;
  }

  afterCommit(): void {
    this.committing--;
    this.committed = true;
  }
}

/** Refuses COMMIT for a request past its deadline (outside a request — CLI, workers — it does nothing). */
const commitGuard: EventSubscriber = {
  beforeTransactionCommit() {
    RequestDeadline.active()?.beforeCommit();
  },
  afterTransactionCommit() {
    RequestDeadline.active()?.afterCommit();
  },
};

export function guardCommits(orm: MikroORM): void {
  orm.em.getEventManager().registerSubscriber(commitGuard);
}

/**
 * POST/GET /graphql: Apollo's Express integration (as @as-integrations/express5 does it), run
 * inside a deadline. `context` receives the deadline so the request's EntityManager can carry its
 * signal. After a timeout, Apollo's late answer is dropped.
 */
export function graphqlHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: (args: { req: Request; res: Response; deadline: RequestDeadline }) => Promise<TContext>,
  timeoutMs: number,
  /** Runs once the answer is known, before its headers go out (http/read-replicas.ts sets a cookie after a write). */
  beforeHeaders?: (req: Request, res: Response, deadline: RequestDeadline) => Promise<void>,
): RequestHandler {
  return async (req, res) => {
    const deadline = new RequestDeadline(timeoutMs);
    try {
      await deadline.run(async () => {
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
        }
        const contextFunction: ContextFunction<[], TContext> = () => context({ req, res, deadline });
        const answer = apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: new URL(req.url, "http://x").search, body: req.body },
          context: contextFunction,
        });
        const response = await Promise.race([answer, deadline.expired.then(() => null)]);
        if (response === null) {
          answer.catch(() => {});
          return sendTimeout(req, res);
        }
        await beforeHeaders?.(req, res, deadline);
        for (const [key, value] of response.headers) res.setHeader(key, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === "complete") {
          res.send(response.body.string);
          return;
        }
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      });
    } finally {
      deadline.finish();
    }
  };
}

function sendTimeout(req: Request, res: Response): void {
  const error = requestTimedOut();
  // Apollo Client reads errors of a non-2xx answer only in the GraphQL-over-HTTP media type.
  const graphqlResponse = (req.get("accept") ?? "").includes("application/graphql-response+json");
  res
    .status(503)
    .type(graphqlResponse ? "application/graphql-response+json; charset=utf-8" : "application/json; charset=utf-8")
    .send(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }));
}

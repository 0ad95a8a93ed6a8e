import type { MikroORM } from "@mikro-orm/postgresql";
import type { Request, Response } from "express";
import { createRequestContext, type RequestContext } from "../app/index.js";
import type { AppConfig } from "../config/index.js";
import type { CaseSearchIndex } from "../search/index.js";
import { readRouteOf } from "./read-replicas.js";
import { sessionCookieFor, viewerOf } from "./session.js";

/** A plain-HTTP route's way to its request context (and so to the services), the same as GraphQL's. */
export type ContextOf = (req: Request) => Promise<RequestContext>;

/**
 * The request context of an HTTP request, built by the composition root (app/request-context.ts):
 * the viewer behind the session cookie, and — for GraphQL, which can log in and out and has a
 * deadline — the cookie to set and the deadline's signal.
 */
export function requestContextOf(orm: MikroORM, index: CaseSearchIndex, cookieSecure: AppConfig["cookieSecure"]) {
  return async (req: Request, res?: Response, signal?: AbortSignal): Promise<RequestContext> =>
    createRequestContext(orm, index, {
      viewer: await viewerOf(orm, req),
      clientIp: req.ip ?? "unknown",
      userAgent: req.get("user-agent") ?? null,
      ...(res ? { session: sessionCookieFor(req, res, cookieSecure) } : {}),
      ...(signal ? { signal } : {}),
      readRoute: readRouteOf(orm, req),
    });
}

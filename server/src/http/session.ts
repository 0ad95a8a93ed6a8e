import type { MikroORM } from "@mikro-orm/postgresql";
import { parseCookie } from "cookie";
import type { Request, Response } from "express";
import { AuthService, SESSION_COOKIE } from "../auth/index.js";
import type { AppConfig } from "../config/index.js";
import type { SessionCookie, Viewer } from "../kernel/index.js";

export function sessionTokenOf(req: Request): string | null {
  const header = req.headers.cookie;
  return header ? (parseCookie(header)[SESSION_COOKIE] ?? null) : null;
}

const viewers = new WeakMap<Request, Promise<Viewer | null>>();

/** The viewer behind the request's session cookie (one query per request, however often asked), or null. */
export function viewerOf(orm: MikroORM, req: Request): Promise<Viewer | null> {
  let viewer = viewers.get(req);
  if (!viewer) {
    viewer = new AuthService(orm.em.fork()).viewerForToken(sessionTokenOf(req));
    viewers.set(req, viewer);
  }
  return viewer;
}

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it),
 * and Secure as config.cookieSecure (KB_COOKIE_SECURE) says: "tls" = when the request came over
 * TLS (directly, or X-Forwarded-Proto from a proxy trusted by KB_TRUST_PROXY), "always" (the
 * production default), "never".
 */
export function sessionCookieFor(req: Request, res: Response, mode: AppConfig["cookieSecure"]): SessionCookie {
  const secure = mode === "always" || (mode === "tls" && req.secure);
  return {
    token: sessionTokenOf(req),
    set(token, expiresAt) {
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, expires: expiresAt, path: "/" });
    },
    clear() {
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
    },
  };
}

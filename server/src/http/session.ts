import type { MikroORM } from "@mikro-orm/postgresql";
import { parseCookie } from "cookie";
import type { Request, Response } from "express";
import { AuthService, SESSION_COOKIE } from "../auth/auth.service.js";
import type { SessionCookie } from "../graphql/context.js";
import type { Viewer } from "../users/viewer.js";

export function sessionTokenOf(req: Request): string | null {
  const header = req.headers.cookie;
  return header ? (parseCookie(header)[SESSION_COOKIE] ?? null) : null;
}

/** The viewer behind the request's session cookie (one query), or null. */
export async function viewerOf(orm: MikroORM, req: Request): Promise<Viewer | null> {
  return new AuthService(orm.em.fork()).viewerForToken(sessionTokenOf(req));
}

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it),
 * Secure whenever the request came over TLS (directly or via a trusted proxy).
 */
export function sessionCookieFor(req: Request, res: Response): SessionCookie {
  return {
    token: sessionTokenOf(req),
    set(token, expiresAt) {
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: req.secure, expires: expiresAt, path: "/" });
    },
    clear() {
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/" });
    },
  };
}

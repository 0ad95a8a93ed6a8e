import type { MikroORM } from "@mikro-orm/postgresql";
import { parseCookie } from "cookie";
import { Router, type Request, type Response } from "express";
import { AuthService } from "../auth/index.js";
import type { AppConfig } from "../config/index.js";
import { DIRECTORY_CALLBACK_PATH, DirectorySignInFlow, newBrowserKey, SIGN_IN_ATTEMPT_TTL_MS, SignInRefusal } from "../directory-sign-in/index.js";
import type { Logger } from "../logger.js";
import { publicOriginOf } from "./public-origin.js";
import type { MutationRateLimit } from "./rate-limit.js";
import { sessionCookieFor, sessionTokenOf } from "./session.js";

/** The browser's key to its sign-in attempt: HttpOnly, only sent to /auth/directory, gone after ten minutes. */
const ATTEMPT_COOKIE = "kb_sign_in";
const ATTEMPT_COOKIE_PATH = "/auth/directory";

/**
 * Directory sign-in (OpenID Connect), carried by browser navigations, not GraphQL:
 * - GET /auth/directory/:code/start?next=/path → 302 to the organisation's provider;
 * - GET /auth/directory/callback (the redirect URI every provider registers) → the session cookie
 *   (the same as a password login's) and 302 to where the person was going;
 * - GET /auth/logout → ends the session, and for a directory session continues to the provider's
 *   end_session_endpoint, which comes back to the top page.
 * A refusal goes to /login?signInError=<code>, where the login page says it in Japanese; it is logged
 * and, when the organisation is known, audited.
 */
export function directorySignInRoutes(orm: MikroORM, logger: Logger, config: AppConfig, limit: MutationRateLimit): Router {
  const router = Router();
  // The redirect URI sent to the provider and the page it returns to after logout. Without
  // KB_PUBLIC_URL a forged Host only yields a redirect URI the provider has not registered, which it refuses.
  const originOf = publicOriginOf(config);
  // A start writes a row and a callback calls the provider: both count against the address's write
  // budget (the anonymous one of GraphQL mutations), so a flood cannot fill the table or hammer the provider.
  const overBudget = async (req: Request, res: Response) => {
    if ((await limit.take({ userId: null, ip: req.ip ?? "unknown" })) === null) return false;
    logger.warn({ ip: req.ip }, "directory sign-in over the address's budget");
    res.redirect(303, `/login?${new URLSearchParams({ signInError: "RATE_LIMITED" })}`);
    return true;
  };
  const secure = (req: Request) => config.cookieSecure === "always" || (config.cookieSecure === "tls" && req.secure);
  const clientOf = (req: Request) => ({ ip: req.ip ?? "unknown", userAgent: req.get("user-agent") ?? null });

  const refuse = async (req: Request, res: Response, flow: DirectorySignInFlow, error: unknown) => {
    const refusal = error instanceof SignInRefusal ? error : null;
    if (refusal) {
      logger.warn({ code: refusal.code, organisationId: refusal.organisationId, ...refusal.detail }, "directory sign-in refused");
      await flow.audit(refusal, clientOf(req)).catch((e: unknown) => logger.error({ err: e }, "could not audit a refused directory sign-in"));
    } else {
      logger.error({ err: error }, "directory sign-in failed");
    }
    res.redirect(303, `/login?${new URLSearchParams({ signInError: refusal?.code ?? "FAILED" })}`);
  };

  router.get("/directory/:code/start", async (req, res) => {
    if (await overBudget(req, res)) return;
    const flow = new DirectorySignInFlow(orm.em.fork());
    try {
      const key = newBrowserKey();
      const url = await flow.start(String(req.params.code), req.query.next, key, `${originOf(req)}${DIRECTORY_CALLBACK_PATH}`);
      res.cookie(ATTEMPT_COOKIE, key, { httpOnly: true, sameSite: "lax", secure: secure(req), path: ATTEMPT_COOKIE_PATH, maxAge: SIGN_IN_ATTEMPT_TTL_MS });
      res.setHeader("cache-control", "no-store");
      res.redirect(303, url.href);
    } catch (error) {
      await refuse(req, res, flow, error);
    }
  });

  router.get("/directory/callback", async (req, res) => {
    if (await overBudget(req, res)) return;
    const em = orm.em.fork();
    const flow = new DirectorySignInFlow(em);
    const key = req.headers.cookie ? (parseCookie(req.headers.cookie)[ATTEMPT_COOKIE] ?? null) : null;
    res.clearCookie(ATTEMPT_COOKIE, { httpOnly: true, sameSite: "lax", secure: secure(req), path: ATTEMPT_COOKIE_PATH });
    res.setHeader("cache-control", "no-store");
    try {
      const done = await flow.finish(key, new URL(`${originOf(req)}${req.originalUrl}`), clientOf(req));
      sessionCookieFor(req, res, config.cookieSecure).set(done.token, done.expiresAt);
      res.redirect(303, done.returnTo);
    } catch (error) {
      await refuse(req, res, flow, error);
    }
  });

  router.get("/logout", async (req, res) => {
    // A navigation another site started (a link, an <img>) does not end the session.
    const site = req.get("sec-fetch-site");
    if (site === "cross-site" || site === "same-site") {
      res.redirect(303, "/");
      return;
    }
    const em = orm.em.fork();
    const auth = new AuthService(em);
    const token = sessionTokenOf(req);
    const signIn = await auth.directorySignInOf(token);
    await auth.logout(token);
    sessionCookieFor(req, res, config.cookieSecure).clear();
    res.setHeader("cache-control", "no-store");
    const endSession = signIn ? await new DirectorySignInFlow(em).endSessionUrl(signIn, `${originOf(req)}/`) : null;
    res.redirect(303, endSession?.href ?? "/");
  });

  return router;
}

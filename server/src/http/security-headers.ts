import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * The Content-Security-Policy of the built client (Vite output: one module script and one
 * stylesheet under /assets, no inline script; checked in a real Chromium by
 * test/browser/csp.browser.test.ts, which fails on any violation).
 *
 * - script-src 'self': no inline script, no eval (nothing in the bundle needs either).
 * - style-src 'self': no inline <style> and no style="" in markup. React's `style={…}` and
 *   Chart.js's canvas sizing write element.style through the CSSOM, which CSP does not govern,
 *   so 'unsafe-inline' is not needed.
 * - img-src data: for the favicon, which index.html carries as a data: URI.
 * - frame-ancestors 'none': no other site may frame a page (clickjacking); X-Frame-Options DENY
 *   says the same to old browsers.
 */
export const CONTENT_SECURITY_POLICY = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * Security headers for every answer (helmet): the CSP above, nosniff, Referrer-Policy same-origin
 * (a search URL's words do not leave for the external links cases contain), no framing,
 * Cross-Origin-Opener/Resource-Policy same-origin. HSTS only in production and only on an answer
 * that went out over TLS (directly, or X-Forwarded-Proto from a trusted proxy): sent over plain
 * HTTP it would be ignored, and on a development machine it would pin localhost to HTTPS.
 *
 * In development GraphQL's GET landing page (Apollo's sandbox, loaded from its CDN) is left
 * without the CSP; production has no landing page.
 */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  const common = {
    strictTransportSecurity: false,
    referrerPolicy: { policy: "same-origin" as const },
    xFrameOptions: { action: "deny" as const },
  };
  const withCsp = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } });
  const withoutCsp = helmet({ ...common, contentSecurityPolicy: false });
  return (req, res, next) => {
    if (options.production && req.secure) res.setHeader("Strict-Transport-Security", "max-age=15552000");
    const landingPage = !options.production && req.method === "GET" && (req.path === "/graphql" || req.path.startsWith("/graphql/"));
    return (landingPage ? withoutCsp : withCsp)(req, res, next);
  };
}

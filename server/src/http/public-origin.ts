import type { Request } from "express";
import type { AppConfig } from "../config/index.js";

/**
 * This installation's origin as staff's browsers see it, for links and redirect URIs the server
 * writes: KB_PUBLIC_URL when set, so no request header decides it; otherwise the protocol as
 * KB_TRUST_PROXY decides and the Host header.
 */
export function publicOriginOf(config: AppConfig): (req: Request) => string {
  const configured = config.publicUrl ? new URL(config.publicUrl).origin : null;
  return (req) => configured ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

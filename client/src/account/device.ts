import { messages as m } from "../messages";

/**
 * A person-readable name for a session's browser from its User-Agent: enough to tell 「職場のPCの
 * Edge」 from 「iPhoneのSafari」, not a fingerprint. The order matters: Edge and Opera also say Chrome,
 * Chrome also says Safari.
 */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return m.account.unknownDevice;
  const browser = (
    [
      [/Edg\//, "Edge"],
      [/OPR\//, "Opera"],
      [/Firefox\//, "Firefox"],
      [/Chrom(e|ium)\//, "Chrome"],
      [/Safari\//, "Safari"],
    ] as const
  ).find(([pattern]) => pattern.test(userAgent))?.[1];
  const os = (
    [
      [/iPhone/, "iPhone"],
      [/iPad/, "iPad"],
      [/Android/, "Android"],
      [/Windows/, "Windows"],
      [/Mac OS X|Macintosh/, "Mac"],
      [/CrOS/, "ChromeOS"],
      [/Linux/, "Linux"],
    ] as const
  ).find(([pattern]) => pattern.test(userAgent))?.[1];
  return m.account.device(browser ?? m.account.unknownDevice, os ?? "");
}

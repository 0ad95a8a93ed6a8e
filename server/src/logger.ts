import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };
export type LogFormat = "json" | "pretty";

/**
 * Structured logs (pino). Child loggers carry the component name. `json`: one JSON object per line,
 * for files and log collectors. `pretty`: one short readable line each, for a person at a terminal
 * (`npm start` picks it when stdout is a TTY; KB_LOG_FORMAT overrides, see config.ts).
 */
export function createLogger(level: string, options: { format?: LogFormat } = {}): Logger {
  const settings = { level, base: {}, timestamp: pino.stdTimeFunctions.isoTime };
  return options.format === "pretty" ? pino(settings, prettyStream(process.stdout)) : pino(settings);
}

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };
const COLOURS: Record<number, string> = { 40: "\u001b[33m", 50: "\u001b[31m", 60: "\u001b[31m" };
/** Fields every line has, or that are printed in their own place. */
const SHOWN = new Set(["level", "time", "msg", "component", "service", "err"]);

/** `12:34:56 WARN  [search-sync] message  key=value …`, and an error's stack under it. */
export function formatLogLine(line: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = Number(entry.level);
  const time = typeof entry.time === "string" ? new Date(entry.time).toTimeString().slice(0, 8) : "";
  const where = entry.component ?? entry.service;
  const extra = Object.entries(entry)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const tag = LEVELS[level] ?? String(level);
  const paint = colour && COLOURS[level] ? (s: string) => `${COLOURS[level]}${s}\u001b[0m` : (s: string) => s;
  const text = [time, paint(tag), where ? `[${String(where)}]` : "", String(entry.msg ?? err?.message ?? ""), extra].filter(Boolean).join(" ");
  return err?.stack ? `${text}\n  ${err.stack.replaceAll("\n", "\n  ")}\n` : `${text}\n`;
}

function prettyStream(out: NodeJS.WriteStream): DestinationStream {
  return { write: (line: string) => void out.write(formatLogLine(line, Boolean(out.isTTY))) };
}

import { pino, type Logger } from "pino";

export type { Logger };

/** Structured JSON logs (pino). Child loggers carry the component name. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { ...base }, timestamp: pino.stdTimeFunctions.isoTime });
}

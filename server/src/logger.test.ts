import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config/index.js";
import { formatLogLine } from "./logger.js";

describe("log format", () => {
  it("pretty: time, level, component, message and the other fields on one line; a stack below", () => {
    const line = JSON.stringify({ level: 40, time: "2026-12-04T09:08:07.000Z", component: "search-sync", pid: 12, msg: "search sync failed; will retry" });
    const text = formatLogLine(line, false);
    expect(text).toMatch(/^\d\d:\d\d:\d\d WARN {2}\[search-sync\] search sync failed; will retry pid=12\n$/);
    const withError = formatLogLine(JSON.stringify({ level: 50, msg: "boom", err: { message: "x", stack: "Error: x\n    at f" } }), false);
    expect(withError).toBe("ERROR boom\n  Error: x\n      at f\n");
    expect(formatLogLine("not json\n", false)).toBe("not json\n");
  });

  it("KB_LOG_FORMAT is json or pretty, and nothing else", () => {
    expect(parseConfig({ KB_LOG_FORMAT: "json" }).logFormat).toBe("json");
    expect(parseConfig({ KB_LOG_FORMAT: "pretty" }).logFormat).toBe("pretty");
    expect(() => parseConfig({ KB_LOG_FORMAT: "xml" })).toThrow(ConfigError);
  });
});

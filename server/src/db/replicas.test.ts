import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../config/index.js";
import { isLsn, parseLsn } from "./replicas.js";

describe("WAL positions", () => {
  it("compare as PostgreSQL orders them (the high word first, hex, not as text)", () => {
    expect(parseLsn("0/3000148") < parseLsn("0/31A0BA0")).toBe(true);
    expect(parseLsn("0/FFFFFFFF") < parseLsn("1/0")).toBe(true);
    expect(parseLsn("A/0") > parseLsn("9/FFFFFFFF")).toBe(true);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
  });

  it("accepts only an LSN from the cookie", () => {
    expect(isLsn("0/319F208")).toBe(true);
    for (const bad of ["", "0/", "/1", "0/1/2", "x/1", "0/123456789", "0/1; drop"]) expect(isLsn(bad)).toBe(false);
  });
});

describe("replica configuration", () => {
  const primary = "postgres://kb:pw@db:5432/kb";

  it("is off unless asked for", () => {
    const config = parseConfig({});
    expect(config.databaseReplicaUrls).toEqual([]);
    expect(config.embeddedReplica).toBe(false);
    expect(config.replicaMaxLagMs).toBe(5000);
  });

  it("splits DATABASE_REPLICA_URLS", () => {
    const config = parseConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: "postgres://kb:pw@r1:5432/kb, postgres://kb:pw@r2:5432/kb" });
    expect(config.databaseReplicaUrls).toEqual(["postgres://kb:pw@r1:5432/kb", "postgres://kb:pw@r2:5432/kb"]);
  });

  it("refuses replicas it cannot use", () => {
    expect(() => parseConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: "not a url" })).toThrow(ConfigError);
    // Replicas of what? The embedded primary has its own (KB_DB_REPLICA=embedded).
    expect(() => parseConfig({ DATABASE_REPLICA_URLS: "postgres://kb:pw@r1:5432/kb" })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ DATABASE_URL: primary, KB_DB_REPLICA: "embedded" })).toThrow(/DATABASE_REPLICA_URLS/);
    expect(() => parseConfig({ KB_DB_REPLICA_MAX_LAG_MS: "10" })).toThrow(ConfigError);
  });
});

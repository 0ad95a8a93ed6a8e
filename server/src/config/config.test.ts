import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.js";

/** The second search node's settings (README, Search availability): off by default, one way at a time. */
describe("second search node configuration", () => {
  it("is off by default: one search node", () => {
    const config = parseConfig({});
    expect(config.meiliReplicaUrl).toBeUndefined();
    expect(config.searchReplicaEmbedded).toBe(false);
  });

  it("MEILI_REPLICA_URL takes MEILI_MASTER_KEY unless it has its own key", () => {
    const shared = parseConfig({ MEILI_URL: "http://a:7700", MEILI_MASTER_KEY: "k1", MEILI_REPLICA_URL: "http://b:7700" });
    expect(shared).toMatchObject({ meiliReplicaUrl: "http://b:7700", meiliReplicaMasterKey: "k1" });
    const own = parseConfig({ MEILI_URL: "http://a:7700", MEILI_MASTER_KEY: "k1", MEILI_REPLICA_URL: "http://b:7700", MEILI_REPLICA_MASTER_KEY: "k2" });
    expect(own.meiliReplicaMasterKey).toBe("k2");
  });

  it("KB_SEARCH_REPLICA=embedded asks for an embedded second node", () => {
    expect(parseConfig({ KB_SEARCH_REPLICA: "embedded" }).searchReplicaEmbedded).toBe(true);
  });

  it("refuses what cannot be meant", () => {
    expect(() => parseConfig({ KB_SEARCH_REPLICA: "yes" })).toThrow(ConfigError);
    expect(() => parseConfig({ MEILI_REPLICA_URL: "not a url" })).toThrow(ConfigError);
    expect(() => parseConfig({ MEILI_REPLICA_MASTER_KEY: "k" })).toThrow("MEILI_REPLICA_MASTER_KEY is set but MEILI_REPLICA_URL is not");
    expect(() => parseConfig({ MEILI_REPLICA_URL: "http://b:7700", KB_SEARCH_REPLICA: "embedded" })).toThrow("both name a second search node");
  });
});

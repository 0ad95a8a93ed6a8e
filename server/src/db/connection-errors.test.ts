import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import pg from "pg";
import { isDatabaseUnavailable } from "./connection-errors.js";

describe("isDatabaseUnavailable", () => {
  it("recognises a refused connection from a real pg client", async () => {
    // Port 9 (discard) on loopback: nothing listens, the connect is refused at once.
    const client = new pg.Client({ connectionString: "postgres://kb:x@127.0.0.1:9/kb", connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("recognises shutdown codes, wrapped errors and failed GraphQL contexts", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "08006" }) }))).toBe(true);
    expect(isDatabaseUnavailable(new GraphQLError("Context creation failed", { originalError: new Error("Connection terminated unexpectedly") }))).toBe(true);
  });

  it("leaves real bugs and constraint errors alone", () => {
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codegenConfig } from "../codegen";

/**
 * The client's GraphQL types and documents (src/gql/) are generated from server/schema.graphql and
 * the `graphql(...)` calls under src/, and committed. This regenerates them into a temporary folder
 * and fails when they differ: a schema change or an edited document that was not followed by
 * `npm run codegen -w client`. (That server/schema.graphql matches the resolvers is pinned by
 * server/src/graphql/schema.test.ts.)
 */
const committedDir = path.join(import.meta.dirname, "gql");
let freshDir: string;

beforeAll(async () => {
  freshDir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-codegen-"));
  await generate(codegenConfig(freshDir), true);
});

afterAll(async () => {
  if (freshDir) await fs.rm(freshDir, { recursive: true, force: true });
});

describe("generated GraphQL client code", () => {
  it("has the same files as a fresh run of `npm run codegen -w client`", async () => {
    expect((await fs.readdir(committedDir)).sort()).toEqual((await fs.readdir(freshDir)).sort());
  });

  it("has the same content as a fresh run of `npm run codegen -w client`", async () => {
    for (const file of await fs.readdir(freshDir)) {
      const fresh = await fs.readFile(path.join(freshDir, file), "utf8");
      const committed = await fs.readFile(path.join(committedDir, file), "utf8");
      // One assertion per file, so the failure names the file that drifted.
      expect(committed, `client/src/gql/${file} is stale: run \`npm run codegen -w client\``).toBe(fresh);
    }
  });
});

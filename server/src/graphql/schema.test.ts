import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../config/index.js";
import { printAppSchema } from "./schema.js";

describe("GraphQL schema", () => {
  it("matches the committed server/schema.graphql (run `npm run schema:print -w server` after a change)", async () => {
    const committed = await fs.readFile(path.join(REPO_ROOT, "server/schema.graphql"), "utf8");
    expect(await printAppSchema()).toBe(committed);
  });
});

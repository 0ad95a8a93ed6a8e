import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../server/src/cli/commands/index.js";
import { runNode } from "../support/processes.js";

/**
 * `npm run kb -- <command> --help` prints that command's usage (Japanese, as the overall help does)
 * and exits 0, for every command in the registry, without starting any service. An unknown option
 * names itself and shows the usage instead of a bare parser error.
 */
const env = { KB_DATA_DIR: "/nonexistent/kb-help-must-not-start-services", DATABASE_URL: "", MEILI_URL: "", MEILI_MASTER_KEY: "" };

describe("kb <command> --help", () => {
  it("lists every command", () => {
    expect(COMMANDS.length).toBeGreaterThan(5);
  });

  for (const command of COMMANDS) {
    it(`${command.name} --help prints its usage`, async () => {
      const { code, output } = await runNode("server/dist/cli/kb.js", [command.name, "--help"], env);
      expect(code, output).toBe(0);
      expect(output).toContain(`npm run kb -- ${command.name}`);
      expect(output).toContain(command.usage);
      expect(output).not.toMatch(/Unknown option|エラー/);
    });
  }

  it("-h works too, anywhere before --", async () => {
    const { code, output } = await runNode("server/dist/cli/kb.js", ["import", "cases.jsonl", "-h"], env);
    expect(code, output).toBe(0);
    expect(output).toContain(COMMANDS.find((c) => c.name === "import")!.usage);
  });

  it("an unknown option shows the command's usage and exits 2", async () => {
    const { code, output } = await runNode("server/dist/cli/kb.js", ["reindex", "--no-such-option"], env);
    expect(code, output).toBe(2);
    expect(output).toContain("--no-such-option");
    expect(output).toContain(COMMANDS.find((c) => c.name === "reindex")!.usage);
  });
});

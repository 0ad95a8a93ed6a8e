import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The slice rule (issue 14, .config/eslint.config.js): every folder of server/src is entered by its
 * index.ts; the kernel imports no folder; at most four pairs of domain slices import each other, none
 * with search/. The lint rule is proved to fire, and the graph is measured on the real tree.
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = path.join(REPO, "server/src");

/** Composition, infrastructure and the kernel; every other folder is a domain slice. */
const NOT_DOMAIN = new Set(["app", "kernel", "graphql", "http", "cli", "backup", "db", "infra", "config"]);
const MAX_MUTUAL_DOMAIN_PAIRS = 4;

interface Edge {
  from: string; // file, relative to server/src
  fromFolder: string;
  to: string; // resolved target, relative to server/src
  toFolder: string;
  statement: string;
}

const IMPORT = /(?:import|export)\s[^'";]*?\sfrom\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith(".ts") && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** Cross-folder imports of the non-test sources, as the build sees them. */
function crossFolderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = path.relative(SRC, file).split(path.sep).join("/");
    if (!from.includes("/")) continue; // top-level entry points (main.ts, app.ts, dev.ts) compose everything
    const fromFolder = from.split("/")[0]!;
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      const to = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep).join("/");
      if (to.startsWith("..") || !to.includes("/")) continue;
      const toFolder = to.split("/")[0]!;
      edges.push({ from, fromFolder, to, toFolder, statement: m[0].replace(/\s+/g, " ") });
    }
  }
  return edges;
}

function mutualPairs(edges: Edge[], keep: (folder: string) => boolean): string[] {
  const pairs = new Set(edges.filter((e) => e.fromFolder !== e.toFolder).map((e) => `${e.fromFolder} ${e.toFolder}`));
  const mutual = new Set<string>();
  for (const p of pairs) {
    const [a, b] = p.split(" ") as [string, string];
    if (keep(a) && keep(b) && pairs.has(`${b} ${a}`)) mutual.add([a, b].sort().join(" <-> "));
  }
  return [...mutual].sort();
}

describe("slice boundaries", () => {
  const eslint = new ESLint({ cwd: REPO, overrideConfigFile: ".config/eslint.config.js" });
  const restricted = async (code: string, filePath: string) =>
    (await eslint.lintText(code, { filePath: path.join(REPO, filePath) }))[0]!.messages.filter((m) => m.ruleId === "no-restricted-imports");

  it("the lint rule fails an import past another slice's front door, and passes the front door", async () => {
    const deep = await restricted(`import { Case } from "../cases/case.entity.js";\nexport const c = Case;\n`, "server/src/dashboard/probe.ts");
    expect(deep).toHaveLength(1);
    expect(deep[0]!.message).toContain("Deep import");
    const nested = await restricted(`import { MIGRATIONS } from "../../db/migrations/index.js";\nexport const m = MIGRATIONS;\n`, "server/src/cli/commands/probe.ts");
    expect(nested).toHaveLength(1);
    expect(await restricted(`import { Case } from "../cases/index.js";\nexport const c = Case;\n`, "server/src/dashboard/probe.ts")).toEqual([]);
    expect(await restricted(`import { x } from "./dashboard.service.js";\nexport const y = x;\n`, "server/src/dashboard/probe.ts")).toEqual([]);
  });

  it("the lint rule keeps the kernel free of slices", async () => {
    const fromKernel = await restricted(`import type { User } from "../users/index.js";\nexport type U = User;\n`, "server/src/kernel/probe.ts");
    expect(fromKernel.length).toBeGreaterThan(0);
  });

  it("no folder is entered past its index.ts, and no file goes through its own folder's index.ts", () => {
    const edges = crossFolderEdges();
    const deep = edges.filter(
      (e) => e.fromFolder !== e.toFolder && !e.to.endsWith("/index.js") && !(e.from === "db/entities.ts" && e.to.endsWith(".entity.js")),
    );
    expect(deep.map((e) => `${e.from}: ${e.statement}`)).toEqual([]);
    const ownDoor = edges.filter((e) => e.fromFolder === e.toFolder && e.to === `${e.toFolder}/index.js`);
    expect(ownDoor.map((e) => `${e.from}: ${e.statement}`)).toEqual([]);
  });

  it("no domain slice imports the composition root (resolvers take RequestContext from the kernel)", () => {
    const intoRoot = crossFolderEdges().filter((e) => !NOT_DOMAIN.has(e.fromFolder) && e.toFolder === "app");
    expect(intoRoot.map((e) => `${e.from}: ${e.statement}`)).toEqual([]);
  });

  it("the kernel imports no other folder", () => {
    const fromKernel = crossFolderEdges().filter((e) => e.fromFolder === "kernel" && e.toFolder !== "kernel");
    expect(fromKernel.map((e) => `${e.from}: ${e.statement}`)).toEqual([]);
  });

  it(`at most ${MAX_MUTUAL_DOMAIN_PAIRS} pairs of domain slices import each other, none with search/`, () => {
    const mutual = mutualPairs(crossFolderEdges(), (f) => !NOT_DOMAIN.has(f));
    expect(mutual.filter((p) => p.split(" <-> ").includes("search"))).toEqual([]);
    expect(mutual.length, mutual.join(", ")).toBeLessThanOrEqual(MAX_MUTUAL_DOMAIN_PAIRS);
  });
});

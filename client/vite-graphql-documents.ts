import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

/**
 * Build-time twin of `graphql()` in src/gql/gql.ts. At run time that function looks the document
 * text up in one map that holds every document of the app, so whichever chunk imports it carries all
 * of them: measured, the search page's first load grew by 8.6 kB gzip. This plugin does the same
 * lookup while building and writes the generated document object in place of the call, so each
 * document stays in the chunk of the component that uses it, as the `gql` documents did.
 *
 * A call whose text is not in the generated map fails the build: run `npm run codegen -w client`.
 * The dev server and tests keep the run-time lookup (same map, same objects).
 */
export function inlineGraphqlDocuments(gqlDir: string): Plugin {
  let bySource = new Map<string, string>();
  return {
    name: "kb:inline-graphql-documents",
    apply: "build",
    enforce: "pre",
    buildStart() {
      bySource = readGeneratedDocuments(gqlDir);
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(gqlDir + path.sep) || !code.includes("graphql(`")) return null;
      let out = code.replace(/\bgraphql\(`([^`]*)`\)/g, (_call, text: string) => {
        if (text.includes("\\") || text.includes("${")) throw new Error(`${id}: a graphql() document must be plain text (no escapes or \${})`);
        const document = bySource.get(text);
        if (!document) throw new Error(`${id}: a graphql() document is not in src/gql/ — run \`npm run codegen -w client\``);
        return `(${document})`;
      });
      if (!/\bgraphql\(/.test(out)) out = out.replace(/^import \{ graphql \} from "(?:\.\.?\/)+gql";\n/m, "");
      return { code: out, map: null };
    },
  };
}

/** Document text → the generated document object (as source), from src/gql/gql.ts and graphql.ts. */
function readGeneratedDocuments(gqlDir: string): Map<string, string> {
  const types = fs.readFileSync(path.join(gqlDir, "graphql.ts"), "utf8");
  const objects = new Map<string, string>();
  for (const m of types.matchAll(/^export const (\w+) = (\{"kind":"Document".*\}) as unknown as DocumentNode<.*>;$/gm)) {
    objects.set(m[1]!, m[2]!);
  }
  const gql = fs.readFileSync(path.join(gqlDir, "gql.ts"), "utf8");
  const start = gql.indexOf("const documents");
  const map = gql.slice(start, gql.indexOf("\n};", start));
  const bySource = new Map<string, string>();
  for (const m of map.matchAll(/^\s+("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm)) {
    const object = objects.get(m[2]!);
    if (!object) throw new Error(`src/gql/graphql.ts has no document ${m[2]}: run \`npm run codegen -w client\``);
    bySource.set(JSON.parse(m[1]!) as string, object);
  }
  if (bySource.size === 0) throw new Error("no documents found in src/gql/gql.ts: has the client preset's output format changed?");
  return bySource;
}

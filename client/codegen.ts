import path from "node:path";
import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * The client's GraphQL types and documents, generated from the committed schema
 * (server/schema.graphql, itself pinned to the resolvers by server/src/graphql/schema.test.ts).
 * `npm run codegen -w client` rewrites src/gql/; src/gql/codegen-drift.test.ts fails when the
 * committed output is not what this config produces. Offline: reads files only, no server.
 */
export function codegenConfig(outDir = path.join(import.meta.dirname, "src/gql")): CodegenConfig {
  const src = path.join(import.meta.dirname, "src");
  return {
    schema: path.join(import.meta.dirname, "../server/schema.graphql"),
    // Only `graphql(...)` calls are documents; anything else in a file is not plucked.
    documents: [`${src}/**/*.{ts,tsx}`, `!${src}/gql/**`],
    pluckConfig: { globalGqlIdentifierName: "graphql", modules: [] },
    ignoreNoDocuments: false,
    generates: {
      [`${outDir}/`]: {
        preset: "client",
        presetConfig: {
          // Components take the generated fragment type as their prop (`CaseCard_CaseFragment`);
          // masking would add a `useFragment` call at every render site for a type-only guard.
          fragmentMasking: false,
        },
        config: {
          useTypeImports: true,
          strictScalars: true,
          scalars: { DateTimeISO: "string", JSONObject: "Record<string, unknown>" },
          // Enums as string unions, so they meet the shared package's `CaseKind` etc. as equals.
          enumType: "string-literal",
          // Only the types operations use: keeps src/gql/graphql.ts to what the client touches.
          onlyOperationTypes: true,
          // Plain document objects without source locations (what `gql` produced at run time).
          documentMode: "documentNode",
        },
      },
    },
  };
}

export default codegenConfig();

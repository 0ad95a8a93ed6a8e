// ESLint flat config (typescript-eslint). Kept under .config/ because the repo's top level is fixed;
// `npm run lint` passes it with --config, so patterns below are relative to the repo root.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/*
 * Slices and front doors (issue 14). Every folder under server/src is a unit whose index.ts is its
 * front door: another folder imports `../<folder>/index.js`, never a file inside; files inside a
 * folder import each other directly (never through their own index.ts, which would make cycles).
 * The folders are read from disk, so a new slice is covered the day it is created.
 *
 * What the folders are (test/architecture/slice-boundaries.test.ts checks the graph with this list):
 * - Domain slices: adoptions attachments audit auth cases collections dashboard
 *   department-pages departments exports follows freshness importer mail notifications personnel questions
 *   revisions search search-stats solicitations synonyms tag-bulk tag-proposals tags users. At most four pairs of them import each
 *   other, none with search/: search/ reads the writers to build documents; no writer imports search/.
 * - Shared kernel: kernel/ (errors, Viewer, the per-request scope type). It knows no slice and no
 *   GraphQL, so it imports nothing from other folders.
 * - Composition and infrastructure: app/ (the composition root: builds each request's services and
 *   loaders; no slice imports it: resolvers take RequestContext from the kernel), graphql/ (schema and the
 *   error boundary), http/ (express app and routes), cli/, backup/ (kb backup / restore), db/, infra/,
 *   config/.
 *
 * Exceptions, each named where it is allowed:
 * - db/entities.ts lists entity files: the ORM config must not evaluate services and resolvers
 *   (and their ESM cycles) to learn the entities.
 */
const SERVER_FOLDERS = readdirSync(join(import.meta.dirname, "../server/src"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const folders = SERVER_FOLDERS.join("|");
const PAST_FRONT_DOOR = "is private to its folder: import its front door, ../<folder>/index.js (see .config/eslint.config.js).";
const frontDoorPattern = (alsoAllowed = "") => ({
  regex: `^(\\.\\./)+(${folders})/(?!index\\.js$${alsoAllowed})`,
  message: `Deep import: ${PAST_FRONT_DOOR}`,
});

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/dist-ssr/**", ".data/**", "**/*.tsbuildinfo", "server/src/db/migrations/Migration*.ts", "client/src/gql/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "no-console": "error",
    },
  },
  {
    // Only the config module may read the environment (STYLE habit 6).
    files: ["server/src/**/*.ts"],
    ignores: ["server/src/config/**", "server/src/**/*.test.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through server/src/config/config.ts." }],
    },
  },
  {
    files: ["server/src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [frontDoorPattern()] }] },
  },
  {
    files: ["server/src/db/entities.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [frontDoorPattern("|[a-z-]+\\.entity\\.js$")] }] },
  },
  {
    // The shared kernel knows no slice: nothing outside kernel/ (but packages) is imported.
    files: ["server/src/kernel/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./", message: "kernel/ imports no other folder of server/src." }] }],
    },
  },
  {
    files: ["**/*.test.ts", "test/**/*.ts"],
    rules: { "no-console": "off" },
  },
);

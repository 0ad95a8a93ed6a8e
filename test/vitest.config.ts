import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

/**
 * One Vitest run for the whole repo. Server code uses legacy decorators whose runtime types
 * (MikroORM, type-graphql) come from emitted decorator metadata; Vite's default transform does not
 * emit it, so tests compile TypeScript with SWC (decoratorMetadata on) — the same metadata `tsc`
 * emits for the built server that `npm start` runs.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root: repoRoot,
  plugins: [
    swc.vite({
      tsconfigFile: false,
      jsc: {
        target: "es2022",
        parser: { syntax: "typescript", decorators: true, tsx: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: "automatic" } },
        keepClassNames: true,
      },
    }),
  ],
  oxc: false,
  resolve: {
    // graphql 16 has no "exports": Node loads its CJS build for type-graphql and Apollo, while Vite
    // would pick index.mjs for our files, and two copies of graphql refuse each other's schemas.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }],
  },
  test: {
    include: ["shared/src/**/*.test.ts", "server/src/**/*.test.ts", "client/src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    // Two cores: two test files at a time, each with its own database and search index.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ["default"],
  },
});

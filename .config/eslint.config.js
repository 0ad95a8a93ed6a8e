// ESLint flat config (typescript-eslint). Kept under .config/ because the repo's top level is fixed;
// `npm run lint` passes it with --config, so patterns below are relative to the repo root.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", ".data/**", "**/*.tsbuildinfo", "server/src/db/migrations/Migration*.ts", "client/src/gql/**"] },
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
    files: ["**/*.test.ts", "test/**/*.ts"],
    rules: { "no-console": "off" },
  },
);

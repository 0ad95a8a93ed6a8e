import path from "node:path";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { inlineGraphqlDocuments } from "./vite-graphql-documents";

/** Where the dev server sends API calls; the built client is served by the API itself. */
const apiUrl = process.env.KB_API_URL ?? "http://127.0.0.1:4000";
const proxy = {
  "/graphql": { target: apiUrl },
  "/healthz": { target: apiUrl },
  // Attachments and exports (downloads) are plain HTTP routes under /api.
  "/api": { target: apiUrl },
  // Directory sign-in (OpenID Connect): browser navigations answered by redirects.
  "/auth": { target: apiUrl },
};

export default defineConfig({
  plugins: [inlineGraphqlDocuments(path.join(import.meta.dirname, "src/gql")), react(), tailwindcss()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // .vite/manifest.json: which chunks a page loads up front (client/src/lean-client.test.ts reads it).
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "router", test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
            { name: "apollo", test: /node_modules[\\/](@apollo|graphql|graphql-tag|rxjs|optimism|@wry|tslib)[\\/]/ },
            // zod alone: the search page does not load it (it imports @kb/shared/plain), the forms do.
            { name: "zod", test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  // The search page's server build (src/ssr.tsx → dist-ssr/): self-contained, as the production image
  // installs the server's dependencies only (server/Dockerfile), not React, Apollo Client or the router.
  ssr: { noExternal: true },
  server: { proxy },
  preview: { proxy },
});

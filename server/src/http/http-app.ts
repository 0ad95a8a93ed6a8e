import { existsSync } from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { MikroORM } from "@mikro-orm/postgresql";
import compression from "compression";
import express, { type Express, type RequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import type { AppConfig } from "../config/index.js";
import type { RequestContext } from "../kernel/index.js";
import { createFormatError, graphqlLimits } from "../graphql/index.js";
import type { BackingServices } from "../infra/index.js";
import type { Logger } from "../logger.js";
import type { CaseSearchIndex } from "../search/index.js";
import { directorySignInRoutes } from "./directory-sign-in.routes.js";
import { exportRoutes } from "./export.routes.js";
import { attachmentRoutes } from "./attachment.routes.js";
import { importMappingRoutes } from "./import-mapping.routes.js";
import { importRoutes } from "./import.routes.js";
import { personnelRoutes } from "./personnel.routes.js";
import { GRAPHQL_BODY_LIMIT, graphqlBodyErrors } from "./body-errors.js";
import { apiWriteRateLimit, MutationRateLimit, mutationRateLimitPlugin } from "./rate-limit.js";
import { graphqlHandler, guardCommits } from "./request-deadline.js";
import { healthz } from "./healthz.js";
import { securityHeaders } from "./security-headers.js";
import { requestContextOf } from "./request-context-of.js";
import { readRoutePlugin, rememberApiWrites, rememberWrites } from "./read-replicas.js";
import { searchPageHtml } from "./search-page-html.js";

export interface HttpAppDeps {
  config: AppConfig;
  logger: Logger;
  orm: MikroORM;
  index: CaseSearchIndex;
  schema: GraphQLSchema;
  /** The embedded services' states, for /healthz (when this process runs them). */
  embedded?: BackingServices["embedded"];
}

/** What Apollo's cache-control plugin answered for every GraphQL request (see the plugins below). */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("cache-control", "no-store");
  next();
};

/** One port: /graphql, /healthz and the built client (with SPA fallback). */
export async function createHttpApp(deps: HttpAppDeps): Promise<{ app: Express; apollo: ApolloServer<RequestContext> }> {
  const { config, logger, orm, index, schema } = deps;
  const production = config.env === "production";
  // Security and reliability: operation size limits, writes per minute, a deadline.
  const limits = graphqlLimits({ production });
  const mutationLimit = new MutationRateLimit(config.mutationRatePerMinute, orm);
  guardCommits(orm);
  // The composition root for every door: GraphQL below, and the routes that need services.
  const contextOf = requestContextOf(orm, index, config.cookieSecure);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createFormatError(logger),
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    // main.ts owns signals and stops HTTP, the worker and the services in order.
    stopOnTerminationSignals: false,
    // Apollo's default cache-control plugin hooks every field of every answer (~1,000 on a search
    // page: 0.3 ms of CPU per search, measured) only to conclude `no-store`, as nothing here sets
    // cache hints: off, and the header is set below instead.
    plugins: [...limits.plugins, mutationRateLimitPlugin(mutationLimit), readRoutePlugin(), ApolloServerPluginCacheControlDisabled(), ...(production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(securityHeaders({ production }));

  app.get("/healthz", healthz(orm, index, deps.embedded));

  app.use(
    "/graphql",
    noStore,
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    graphqlHandler(
      apollo,
      ({ req, res, deadline }) => contextOf(req, res, deadline.signal),
      config.requestTimeoutMs,
      rememberWrites(orm, config.cookieSecure, logger),
    ),
    graphqlBodyErrors,
  );

  app.use("/auth", directorySignInRoutes(orm, logger, config, mutationLimit));

  app.use("/api", apiWriteRateLimit(mutationLimit, orm));
  // Read-your-writes for every route below: their writes set kb_written_lsn as mutations do.
  app.use("/api", rememberApiWrites(orm, config.cookieSecure, logger));
  app.use("/api", attachmentRoutes(contextOf, logger));
  app.use("/api", importMappingRoutes(orm, logger, config.repoRoot));
  app.use("/api", importRoutes(orm, logger, config.repoRoot));
  app.use("/api", personnelRoutes(orm, logger));
  app.use("/api", exportRoutes(contextOf, logger, config));

  const clientDist = path.join(config.repoRoot, "client", "dist");
  const indexHtml = path.join(clientDist, "index.html");
  // The client's files go out compressed (brotli or gzip, as the browser accepts): on a slow line
  // that is ~2 s of the search page's first load (README: "A lean client"). Only the client's files:
  // /graphql answers stay as they are, so a search spends no CPU on it (a proxy in front may add it).
  app.use(compression({ threshold: 1024 }));
  app.use(
    "/assets",
    express.static(path.join(clientDist, "assets"), { immutable: true, maxAge: "1y", fallthrough: false }),
  );
  app.use(express.static(clientDist, { index: false }));
  const searchPage = searchPageHtml({
    clientDist,
    ssrDist: path.join(config.repoRoot, "client", "dist-ssr"),
    schema,
    contextOf,
    budgetMs: config.searchPageHtmlBudgetMs,
    logger,
  });
  app.use(async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!existsSync(indexHtml)) {
      res.status(503).type("text/plain; charset=utf-8").send("クライアントがビルドされていません。`npm run build` を実行してください。");
      return;
    }
    // A search address may carry its reader's first results (search-page-html.ts): that page is this
    // person's alone, so no shared cache may keep it or hand it to someone with another cookie.
    res.vary("Cookie");
    const page = req.method === "GET" ? await searchPage(req) : undefined;
    if (page !== undefined) {
      res.setHeader("Cache-Control", "private, no-store");
      res.type("html").send(page);
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(indexHtml);
  });

  return { app, apollo };
}

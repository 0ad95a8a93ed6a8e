import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Request } from "express";
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type { Logger } from "../logger.js";
import type { requestContextOf } from "./request-context-of.js";
import { RequestDeadline } from "./request-deadline.js";

/** client/src/ssr.tsx, as `vite build --ssr` writes it to client/dist-ssr/ssr.js. */
interface SearchPageRenderer {
  searchRequestOf(pathname: string, search: string): { query: string; variables: Record<string, unknown> } | undefined;
  renderSearchPage(url: URL, variables: Record<string, unknown>, data: unknown): Promise<{ html: string; title: string } | undefined>;
}

const ROOT = '<div id="root"></div>';

/**
 * A search page's HTML with its first results in it (issue 17: on a slow phone the results showed
 * ≈ 0.5 s after the last script had arrived, as the CPU evaluated and rendered; now they are painted
 * with the document and its stylesheet). The search is the page's own `SearchCases` query run
 * through the GraphQL schema with the reader's request context — the resolver, SearchService,
 * its visibility and organisation rules, as over /graphql — and the markup is the app's own
 * components rendered on the server (client/src/ssr.tsx). The answer goes along as JSON
 * (`#kb-search`, a data block CSP does not run) for the browser's cache, so React's first render
 * shows the same results and does not search again.
 *
 * Returns the page's HTML, or undefined: not a search address, no server build of the client, no
 * answer within `budgetMs` (the plain page must not wait on a slow search), or an error (the
 * browser's own request shows it as before). Never throws.
 */
export function searchPageHtml(options: { clientDist: string; ssrDist: string; schema: GraphQLSchema; contextOf: ReturnType<typeof requestContextOf>; budgetMs: number; logger: Logger }) {
  const { clientDist, ssrDist, schema, contextOf, budgetMs, logger } = options;
  let renderer: Promise<{ module: SearchPageRenderer; documents: Map<string, DocumentNode> } | undefined> | undefined;
  const load = () =>
    (renderer ??= (async () => {
      const entry = path.join(ssrDist, "ssr.js");
      if (budgetMs === 0 || !existsSync(entry)) return undefined;
      return { module: (await import(pathToFileURL(entry).href)) as SearchPageRenderer, documents: new Map<string, DocumentNode>() };
    })().catch((error: unknown) => {
      logger.warn({ err: error }, "search page HTML: the server build of the client did not load; plain pages go out");
      return undefined;
    }));

  // Loaded at start: importing it takes the event loop for a good half second, which no visitor should wait for.
  void load();

  /** The query parsed and checked against this server's schema once; undefined if the client was built for another. */
  const documentOf = (documents: Map<string, DocumentNode>, query: string): DocumentNode | undefined => {
    if (!documents.has(query)) {
      const document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) logger.warn({ errors: errors.map((e) => e.message) }, "search page HTML: the client's search query does not fit the schema");
      documents.set(query, errors.length ? (undefined as unknown as DocumentNode) : document);
    }
    return documents.get(query);
  };

  const render = async (req: Request, deadline: RequestDeadline): Promise<string | undefined> => {
    const loaded = await load();
    const url = new URL(req.originalUrl, "http://kb.invalid");
    const request = loaded?.module.searchRequestOf(url.pathname, url.search);
    const document = loaded && request && documentOf(loaded.documents, request.query);
    if (!loaded || !request || !document) return undefined;
    const contextValue = await contextOf(req, undefined, deadline.signal);
    const answer = await execute({ schema, document, variableValues: request.variables, contextValue });
    if (answer.errors?.length || !answer.data || deadline.signal.aborted) return undefined;
    // No results: the page's help for that (other words, fewer filters) needs the app's code to act.
    if (!(answer.data as { searchCases?: { hits?: unknown[] } }).searchCases?.hits?.length) return undefined;
    const page = await loaded.module.renderSearchPage(url, request.variables, answer.data);
    if (!page || deadline.signal.aborted) return undefined;
    const shell = await readFile(path.join(clientDist, "index.html"), "utf8");
    if (!shell.includes(ROOT)) return undefined;
    // The page's markup is React's (text escaped by it); the JSON is made safe inside <script>.
    const data = JSON.stringify(answer.data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
    return shell
      .replace(/<title>[^<]*<\/title>/, (plain) => (page.title ? `<title>${page.title}</title>` : plain))
      .replace(ROOT, () => `<div id="root">${page.html}</div><script type="application/json" id="kb-search">${data}</script>`);
  };

  return async (req: Request): Promise<string | undefined> => {
    if (budgetMs === 0 || (req.path !== "/search" && req.path !== "/") || (req.path === "/" && !req.originalUrl.includes("?"))) return undefined;
    const deadline = new RequestDeadline(budgetMs);
    try {
      const rendering = deadline.run(() => render(req, deadline));
      const html = await Promise.race([rendering, deadline.expired.then(() => undefined)]);
      // Past the budget the work is cancelled (the deadline's signal); its late end is of no interest.
      if (html === undefined) rendering.catch(() => {});
      return html;
    } catch (error) {
      logger.warn({ err: error }, "search page HTML: rendering failed; the plain page goes out");
      return undefined;
    } finally {
      deadline.finish();
    }
  };
}

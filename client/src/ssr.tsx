/**
 * The search page's first results as HTML (issue 17, README "The search page's first load"): the
 * server (server/src/http/search-page-html.ts) loads this module, built by `vite build --ssr` into
 * client/dist-ssr/, runs `SEARCH_CASES` for the reader through its own GraphQL schema, and renders
 * the page with the app's own components and routes, so the markup is what the browser's first
 * render produces. None of this is in the browser's bundle.
 */
import { ApolloClient, ApolloLink } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { addTypenameToDocument } from "@apollo/client/utilities";
import { print } from "graphql";
import { prerenderToNodeStream } from "react-dom/static";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router";
import { newCache } from "./apollo";
import { routes } from "./appRoutes";
import { SEARCH_CASES, searchPageVariables } from "./routes/SearchPage";
import { serverRendering } from "./serverRendering";
import type { SearchVariables } from "./search/searchParams";

/**
 * The search the page at this address runs (the same variables as its `useQuery`), or undefined
 * when the address shows no results (the home page, another page). The document carries
 * `__typename` everywhere, as the browser's cache asks for it, so the answer can seed that cache.
 */
export function searchRequestOf(pathname: string, search: string): { query: string; variables: SearchVariables } | undefined {
  const variables = searchPageVariables(pathname, search);
  return variables && { query: SEARCH_QUERY, variables };
}
const SEARCH_QUERY = print(addTypenameToDocument(SEARCH_CASES));
serverRendering.active = true;

const staticHandler = createStaticHandler(routes);

/**
 * The app's markup for this address, with `data` (the answer to searchRequestOf's query) in a fresh
 * cache of its own: nothing is shared between requests. The page's `<title>` comes back apart, for
 * the document's head. Undefined when the routes answer otherwise (a redirect, an error).
 */
export async function renderSearchPage(url: URL, variables: SearchVariables, data: unknown): Promise<{ html: string; title: string } | undefined> {
  const client = new ApolloClient({ cache: newCache(), link: ApolloLink.empty(), ssrMode: true });
  client.writeQuery({ query: SEARCH_CASES, variables, data: data as never });
  const context = await staticHandler.query(new Request(url));
  if (context instanceof Response || context.statusCode !== 200) return undefined;
  const router = createStaticRouter(staticHandler.dataRoutes, context);
  // Waits for the page's lazy parts (the commons' facets) rather than leaving fallbacks and scripts.
  // progressiveChunkSize: every boundary in place. Past the default (~12 kB, a page of results),
  // React outlines a finished boundary behind an inline `$RC(...)` script, which the CSP
  // (`script-src 'self'`) blocks: the reader saw 「ページを読み込んでいます…」 until the app's code came.
  const { prelude } = await prerenderToNodeStream(
    <ApolloProvider client={client}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </ApolloProvider>,
    { progressiveChunkSize: Number.POSITIVE_INFINITY },
  );
  let markup = "";
  for await (const chunk of prelude) markup += String(chunk);
  let title = "";
  const html = markup.replace(/<title>([^<]*)<\/title>/, (_all, text: string) => {
    title = text;
    return "";
  });
  return { html, title };
}

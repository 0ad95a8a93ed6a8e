import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";

/**
 * The one Apollo Client of the app. Cache policies live here and nowhere else (STYLE habit 10).
 * The session is an httpOnly cookie set by the server, so requests go same-origin with cookies.
 */
export const cache = new InMemoryCache({
  typePolicies: {
    Query: {
      fields: {
        // Every (query, first, offset, filter) is its own entry: pages and filters are never merged.
        searchCases: { keyArgs: ["query", "first", "offset", "filter"], merge: false },
        case: { keyArgs: ["id"] },
      },
    },
    Case: {
      keyFields: ["id"],
      fields: {
        // Plain values without an identity: a newer result replaces the older one.
        effects: { merge: false },
        details: { merge: false },
        tags: { merge: false },
      },
    },
    Department: { keyFields: ["id"] },
    // Parts of a search result have no identity of their own; they live inside their parent field.
    CaseSearchResult: { keyFields: false },
    CaseSearchHit: { keyFields: false },
    CaseHighlights: { keyFields: false },
    CaseFacets: { keyFields: false },
    FacetCount: { keyFields: false },
    Effect: { keyFields: false },
  },
});

export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: "/graphql", credentials: "same-origin" }),
  cache,
});

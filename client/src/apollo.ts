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
        searchCases: { keyArgs: ["query", "first", "offset", "filter", "sort"], merge: false },
        case: { keyArgs: ["id"] },
        // Workflow lists: each (filter, page) is its own entry, refetched after a change (evictCaseLists).
        myCases: { keyArgs: ["status", "first", "offset"], merge: false },
        reviewQueue: { keyArgs: ["first", "offset"], merge: false },
        notifications: { keyArgs: ["first", "offset"], merge: false },
        tagSuggestions: { keyArgs: ["text", "first", "category"], merge: false },
        // Tags (issue 8): lists replace, never merge.
        tags: { keyArgs: ["search", "category", "includeRetired", "first", "offset"], merge: false },
        tagsInText: { keyArgs: ["text", "exclude", "first"], merge: false },
        pendingTagProposals: { keyArgs: ["first", "offset"], merge: false },
      },
    },
    Case: {
      keyFields: ["id"],
      fields: {
        // Plain values without an identity: a newer result replaces the older one.
        effects: { merge: false },
        details: { merge: false },
        tags: { merge: false },
        // Answers for the viewer as a whole: a newer answer replaces the older one.
        viewerCan: { merge: false },
        personalInfoFindings: { merge: false },
        reviews: { merge: false },
        revisions: { merge: false },
        attachments: { merge: false },
        tagProposals: { merge: false },
        tagProposalAccess: { merge: false },
      },
    },
    Department: { keyFields: ["id"] },
    Me: { keyFields: ["id"] },
    UserSummary: { keyFields: ["id"] },
    Review: { keyFields: ["id"] },
    CaseRevision: { keyFields: ["id"] },
    Attachment: { keyFields: ["id"] },
    Notification: { keyFields: ["id"] },
    CasePermissions: { keyFields: false },
    PersonalInfoFinding: { keyFields: false },
    CaseList: { keyFields: false },
    NotificationList: { keyFields: false },
    TagUsage: { keyFields: false },
    Tag: { keyFields: ["id"], fields: { aliases: { merge: false }, relatedTags: { merge: false }, topDepartments: { merge: false } } },
    TagList: { keyFields: false },
    TagTextMatch: { keyFields: false },
    TagDepartmentUsage: { keyFields: false },
    TagMergePreview: { keyFields: false },
    TagMerge: { keyFields: ["id"] },
    TagBulkJob: { keyFields: ["id"] },
    TagProposal: { keyFields: ["id"] },
    TagProposalList: { keyFields: false },
    TagProposalAccess: { keyFields: false },
    TagRedirect: { keyFields: false },
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

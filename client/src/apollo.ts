import { ApolloClient, HttpLink, InMemoryCache, type InMemoryCacheConfig } from "@apollo/client";

/**
 * The one Apollo Client of the app. Cache policies live here and nowhere else (STYLE habit 10).
 * The session is an httpOnly cookie set by the server, so requests go same-origin with cookies.
 */
const cacheConfig: InMemoryCacheConfig = {
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
        // 横展開 (issue 5): one entry per department page.
        department: { keyArgs: ["id"] },
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
        // Curation (issue 5).
        featured: { merge: false },
        collections: { merge: false },
        // 横展開 (issue 5): ledger, Q&A and freshness are answers as a whole; a newer one replaces the older.
        adoptions: { merge: false },
        adoptionSummary: { merge: false },
        viewerAdoption: { merge: false },
        adoptionAccess: { merge: false },
        questions: { merge: false },
        questionAccess: { merge: false },
        freshness: { merge: false },
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
    // 横展開 (issue 5).
    Adoption: { keyFields: ["id"], fields: { effects: { merge: false }, events: { merge: false } } },
    AdoptionEvent: { keyFields: ["id"] },
    AdoptionSummary: { keyFields: false },
    AdoptionAccess: { keyFields: false },
    AdoptionList: { keyFields: false },
    Question: { keyFields: ["id"], fields: { answers: { merge: false } } },
    Answer: { keyFields: ["id"] },
    QuestionAccess: { keyFields: false },
    QuestionList: { keyFields: false },
    CaseFreshness: { keyFields: false },
    FreshnessDueList: { keyFields: false },
    FreshnessDueItem: { keyFields: false },
    DepartmentPage: { keyFields: ["id"] },
    DepartmentStats: { keyFields: false },
    // Curation (issue 5): a collection's entries are replaced as a whole (reorder returns the new order).
    Collection: { keyFields: ["id"], fields: { entries: { merge: false } } },
    CollectionEntry: { keyFields: false },
    CollectionList: { keyFields: false },
    CollectionPermissions: { keyFields: false },
    FeaturedMark: { keyFields: false },
    FeaturedCase: { keyFields: false },
    MostAdoptedCase: { keyFields: false },
    Home: { keyFields: false },
    // Parts of a search result have no identity of their own; they live inside their parent field.
    CaseSearchResult: { keyFields: false },
    CaseSearchHit: { keyFields: false },
    CaseHighlights: { keyFields: false },
    CaseFacets: { keyFields: false },
    FacetCount: { keyFields: false },
    Effect: { keyFields: false },
  },
};

/** A fresh cache with the app's policies: the search page's server rendering (ssr.tsx) makes one per request. */
export const newCache = () => new InMemoryCache(cacheConfig);
export const cache = newCache();

export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: "/graphql", credentials: "same-origin" }),
  cache,
});

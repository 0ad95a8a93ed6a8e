import type { MikroORM } from "@mikro-orm/postgresql";
import { createAdoptionLoaders, type AdoptionLoaders, AdoptionService, LineageService } from "../adoptions/index.js";
import { AccountService, AuthService } from "../auth/index.js";
import { createCaseLoaders, CaseService, CaseWorkflowService } from "../cases/index.js";
import { createCurationLoaders, type CurationLoaders, CollectionEntryService, CollectionService, FeaturedCaseService, HomeFeedService } from "../collections/index.js";
import { readerFork, type ReadRoute } from "../db/index.js";
import { DashboardService, HubDashboardService } from "../dashboard/index.js";
import { DepartmentAdminService, DepartmentReorganisationService } from "../departments/index.js";
import { DirectorySignInService } from "../directory-sign-in/index.js";
import { FollowService } from "../follows/index.js";
import { FreshnessService } from "../freshness/index.js";
import type { RequestContext, RequestInfo, RequestScope, SessionCookie } from "../kernel/index.js";
import { OrganisationService, readershipOf, type Readership } from "../organisations/index.js";
import { QuestionService } from "../questions/index.js";
import { DemandBoardService, SolicitationService } from "../solicitations/index.js";
import { type CaseSearchIndex, readerOrganisation, SearchService } from "../search/index.js";
import { SynonymService } from "../synonyms/index.js";
import { TagProposalService } from "../tag-proposals/index.js";
import { TagBulkService } from "../tag-bulk/index.js";
import { TagVocabularyService } from "../tags/index.js";
import { PeopleService } from "../users/index.js";

export type { RequestContext, RequestInfo, SessionCookie } from "../kernel/index.js";

/**
 * The composition root: the one place that creates a request's services and loaders. Every door uses
 * it — the GraphQL context (http/http-app.ts), the plain-HTTP routes that need services
 * (http/export.routes.ts) and the tests (test/support/test-backend.ts) — and resolvers reach a
 * service one way, `ctx.services.<name>`. Each is created on first use, so a request pays only for
 * what it touches, and all share the request's EntityManager.
 */
function buildServices(em: RequestScope["em"], reads: () => RequestScope["em"], index: CaseSearchIndex, viewer: RequestScope["viewer"]) {
  // Who is reading (organisations/readership.ts: own organisation + the commons, or for anonymous
  // visitors the commons of public-reading organisations), read once per request and handed to every
  // service that lists published cases.
  let readership: Promise<Readership> | undefined;
  const readershipOfRequest = (): Promise<Readership> => (readership ??= readershipOf(em, viewer));
  const services = lazily({
    auth: () => new AuthService(em),
    /** アカウント設定: one's own password and sessions. */
    account: () => new AccountService(em),
    /** Organisations (operators create and list them). */
    organisations: () => new OrganisationService(em, readershipOfRequest),
    /** Directory sign-in settings (operators set them) and the login page's options. */
    directorySignIn: () => new DirectorySignInService(em),
    cases: () => new CaseService(em),
    workflow: () => new CaseWorkflowService(em),
    search: (): SearchService => new SearchService(index, services.cases, readershipOfRequest, () => readerOrganisation(em, viewer)),
    tagVocabulary: () => new TagVocabularyService(em),
    tagBulk: () => new TagBulkService(em),
    tagProposals: () => new TagProposalService(em),
    synonyms: () => new SynonymService(em),
    // Lists read through `reads()` (a replica when allowed): collections, featured cases, the home
    // feed. Their writes run in transactions, which MikroORM keeps on the primary, and a mutation's
    // `reads()` is `em` itself (the route is pinned before any resolver runs).
    collections: () => new CollectionService(reads()),
    collectionEntries: () => new CollectionEntryService(em),
    featuredCases: () => new FeaturedCaseService(reads(), readershipOfRequest),
    homeFeed: () => new HomeFeedService(reads(), readershipOfRequest),
    dashboard: () => new DashboardService(em),
    hubDashboard: () => new HubDashboardService(em),
    adoptions: () => new AdoptionService(em),
    /** 参考にした好事例 and the 横展開 flows between organisations (issue 16). */
    lineage: () => new LineageService(em),
    questions: () => new QuestionService(em),
    freshness: () => new FreshnessService(em),
    /** Issue 16: 募集, the demand board, follows. */
    solicitations: () => new SolicitationService(em),
    demandBoard: (): DemandBoardService => new DemandBoardService(em, services.solicitations),
    follows: () => new FollowService(em),
    /** Admin screens (issue 15): people, the department tree and 組織改正. */
    people: () => new PeopleService(em),
    departmentAdmin: () => new DepartmentAdminService(em),
    departmentReorganisation: () => new DepartmentReorganisationService(em),
  });
  const loaders = lazily({
    cases: () => createCaseLoaders(em),
    /** 横展開: adoptions, Q&A, freshness. */
    adoptions: (): AdoptionLoaders => createAdoptionLoaders(em, services.adoptions, services.questions, services.lineage, readershipOfRequest),
    /** Collections and featured marks hanging off cases. */
    curation: (): CurationLoaders => createCurationLoaders(services.collections, services.featuredCases, viewer),
  });
  return { services, loaders };
}

type Built = ReturnType<typeof buildServices>;
type BuiltServices = Built["services"];
type BuiltLoaders = Built["loaders"];

// The kernel declares the request context with empty service and loader lists, so the slices' resolvers
// take their context type from the kernel and never import the root that imports them; the root fills
// the lists in here, once, from what buildServices makes.
declare module "../kernel/request-context.js" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge: the members come from BuiltServices
  interface RequestServices extends BuiltServices {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge: the members come from BuiltLoaders
  interface RequestLoaders extends BuiltLoaders {}
}

const NO_COOKIE: SessionCookie = { token: null, set: () => {}, clear: () => {} };

export function createRequestContext(orm: MikroORM, index: CaseSearchIndex, info: RequestInfo & { readRoute?: ReadRoute } = {}): RequestContext {
  const em = info.signal ? orm.em.fork({ signal: info.signal, inflightQueryAbortStrategy: "cancel query" }) : orm.em.fork();
  const viewer = info.viewer ?? null;
  const route = info.readRoute;
  // Made at first use, which is inside a resolver: by then a mutation has pinned the route (http/),
  // and a pinned or absent route means `em` itself — one identity map, as before replicas.
  let reads: RequestScope["em"] | undefined;
  const readsOfRequest = () => (reads ??= route && !route.isPinned ? readerFork(em, route) : em);
  return {
    viewer,
    clientIp: info.clientIp ?? "unknown",
    userAgent: info.userAgent ?? null,
    session: info.session ?? NO_COOKIE,
    em,
    get reads() {
      return readsOfRequest();
    },
    readRoute: route ?? null,
    ...buildServices(em, readsOfRequest, index, viewer),
  };
}

/** An object whose every property is built on first read and then kept. */
function lazily<T extends object>(factories: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(factories) as (keyof T & string)[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = factories[key]();
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}

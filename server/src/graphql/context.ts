import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { createAdoptionLoaders, type AdoptionLoaders } from "../adoptions/adoption.loaders.js";
import { AccountService } from "../auth/account.service.js";
import { AuthService } from "../auth/auth.service.js";
import { createCaseLoaders, type CaseLoaders } from "../cases/case.loaders.js";
import { CaseService } from "../cases/case.service.js";
import { CaseWorkflowService } from "../cases/case-workflow.service.js";
import type { CaseSearchIndex } from "../search/case-search-index.js";
import { SearchService } from "../search/search.service.js";
import type { Viewer } from "../users/viewer.js";

/** How a resolver sets or clears the session cookie without knowing about HTTP. */
export interface SessionCookie {
  /** The token the request came with, if any. */
  token: string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** Per request: a forked EntityManager (its own identity map), fresh loaders, services bound to them. */
export interface RequestContext {
  /** The logged-in user, or null for an anonymous request. */
  viewer: Viewer | null;
  clientIp: string;
  /** The browser's User-Agent header, kept with a new session so its owner can recognise it. */
  userAgent: string | null;
  session: SessionCookie;
  em: EntityManager;
  loaders: CaseLoaders;
  /** 横展開 (issue 5): adoptions, Q&A, freshness. */
  adoptionLoaders: AdoptionLoaders;
  auth: AuthService;
  /** アカウント設定: one's own password and sessions. */
  account: AccountService;
  cases: CaseService;
  workflow: CaseWorkflowService;
  search: SearchService;
}

export interface RequestInfo {
  viewer?: Viewer | null;
  clientIp?: string;
  userAgent?: string | null;
  session?: SessionCookie;
  /**
   * The request's deadline (http/request-deadline.ts): every query of the request's
   * EntityManager is cancelled in PostgreSQL when it fires.
   */
  signal?: AbortSignal;
}

const NO_COOKIE: SessionCookie = { token: null, set: () => {}, clear: () => {} };

export function createRequestContext(orm: MikroORM, index: CaseSearchIndex, info: RequestInfo = {}): RequestContext {
  const em = info.signal ? orm.em.fork({ signal: info.signal, inflightQueryAbortStrategy: "cancel query" }) : orm.em.fork();
  const cases = new CaseService(em);
  return {
    viewer: info.viewer ?? null,
    clientIp: info.clientIp ?? "unknown",
    userAgent: info.userAgent ?? null,
    session: info.session ?? NO_COOKIE,
    em,
    loaders: createCaseLoaders(em),
    adoptionLoaders: createAdoptionLoaders(em),
    auth: new AuthService(em),
    account: new AccountService(em),
    cases,
    workflow: new CaseWorkflowService(em),
    search: new SearchService(index, cases),
  };
}

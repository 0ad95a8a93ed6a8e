import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { CaseService } from "../cases/case.service.js";
import type { CaseSearchIndex } from "../search/case-search-index.js";
import { SearchService } from "../search/search.service.js";
import type { Viewer } from "../users/viewer.js";

/** Per request: a forked EntityManager (its own identity map) and services bound to it. */
export interface RequestContext {
  /** The logged-in user, or null for an anonymous request. */
  viewer: Viewer | null;
  em: EntityManager;
  cases: CaseService;
  search: SearchService;
}

export function createRequestContext(orm: MikroORM, index: CaseSearchIndex, viewer: Viewer | null = null): RequestContext {
  const em = orm.em.fork();
  const cases = new CaseService(em);
  return { viewer, em, cases, search: new SearchService(index, cases) };
}

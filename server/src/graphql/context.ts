import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { CaseService } from "../cases/case.service.js";
import type { CaseSearchIndex } from "../search/case-search-index.js";
import { SearchService } from "../search/search.service.js";

/** Per request: a forked EntityManager (its own identity map) and services bound to it. */
export interface RequestContext {
  em: EntityManager;
  cases: CaseService;
  search: SearchService;
}

export function createRequestContext(orm: MikroORM, index: CaseSearchIndex): RequestContext {
  const em = orm.em.fork();
  const cases = new CaseService(em);
  return { em, cases, search: new SearchService(index, cases) };
}

import type { EntityManager } from "@mikro-orm/postgresql";
import { departmentPaths } from "../departments/department.service.js";
import { Case } from "./case.entity.js";
import { presentCase } from "./case.presenter.js";
import type { CaseView } from "./case.types.js";

/**
 * Reads of cases. Only PUBLISHED cases are visible until accounts and roles exist (workflow issue).
 * Loads a whole page in a fixed number of queries: cases (+ departments), tags, department paths.
 */
export class CaseService {
  constructor(private readonly em: EntityManager) {}

  async findPublishedByIds(ids: readonly string[]): Promise<Map<string, CaseView>> {
    const views = new Map<string, CaseView>();
    if (!ids.length) return views;
    const cases = await this.em.find(Case, { id: { $in: [...ids] }, status: "PUBLISHED" }, { populate: ["tags"] });
    const paths = await departmentPaths(
      this.em,
      cases.map((c) => c.department.id),
    );
    for (const c of cases) views.set(c.id, presentCase(c, paths.get(c.department.id) ?? []));
    return views;
  }

  async findPublished(id: string): Promise<CaseView | null> {
    if (!UUID.test(id)) return null;
    return (await this.findPublishedByIds([id])).get(id) ?? null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

import type { EntityManager, FilterQuery } from "@mikro-orm/postgresql";
import { type CaseStatus, isUuid } from "@kb/shared";
import { departmentPaths } from "../departments/index.js";
import { requireRole, requireViewer, type Viewer } from "../kernel/index.js";
import { Case } from "./case.entity.js";
import { caseReadershipWhere, readershipOf, readsPublicly } from "../organisations/index.js";
import { factsOf } from "./case-lock.js";
import { casePolicy } from "./case.policy.js";
import { presentCase } from "./case.presenter.js";
import type { CaseListView, CaseView } from "./case.types.js";

export interface Page {
  first: number;
  offset: number;
}

const MAX_PAGE = 100;

/**
 * Reads of cases, with the access policy applied. A page costs a fixed number of queries: cases
 * (their departments are references), tags, department paths.
 */
export class CaseService {
  constructor(private readonly em: EntityManager) {}

  async findPublishedByIds(viewer: Viewer | null, ids: readonly string[]): Promise<Map<string, CaseView>> {
    if (!ids.length) return new Map();
    const readership = await readershipOf(this.em, viewer);
    const cases = await this.em.find(Case, { $and: [{ id: { $in: [...ids] }, status: "PUBLISHED" }, caseReadershipWhere(readership) as FilterQuery<Case>] }, { populate: ["tags"] });
    return new Map((await this.present(cases)).map((v) => [v.id, v]));
  }

  /** A case the viewer may read, or null (not found and not allowed look the same). */
  async findVisible(viewer: Viewer | null, id: string): Promise<CaseView | null> {
    if (!isUuid(id)) return null;
    const c = await this.em.findOne(Case, id, { populate: ["tags"] });
    if (!c) return null;
    const facts = { ...factsOf(c), publicReading: await readsPublicly(this.em, c.organisation.id) };
    if (!casePolicy.canRead(viewer, facts)) return null;
    return (await this.present([c]))[0] ?? null;
  }

  /** 自分の投稿: what the viewer wrote or their department owns, newest first. */
  async listOwned(viewerOrNull: Viewer | null, status: CaseStatus | undefined, page: Page): Promise<CaseListView> {
    const viewer = requireViewer(viewerOrNull);
    const where: FilterQuery<Case> = {
      organisation: viewer.organisationId,
      $or: [{ author: viewer.userId }, { department: viewer.departmentId }],
      ...(status ? { status } : {}),
    };
    return this.list(where, { updatedAt: "desc", id: "asc" }, page);
  }

  /** 審査待ち: submitted cases, oldest submission first (first come, first reviewed). */
  async reviewQueue(viewerOrNull: Viewer | null, page: Page): Promise<CaseListView> {
    const curator = requireRole(viewerOrNull, "SECRETARIAT", "ADMIN");
    return this.list({ organisation: curator.organisationId, status: "SUBMITTED" }, { submittedAt: "asc", id: "asc" }, page);
  }

  private async list(where: FilterQuery<Case>, orderBy: Record<string, "asc" | "desc">, page: Page): Promise<CaseListView> {
    const [cases, total] = await this.em.findAndCount(Case, where, {
      populate: ["tags"],
      orderBy,
      limit: Math.min(Math.max(page.first, 0), MAX_PAGE),
      offset: Math.max(page.offset, 0),
    });
    return { total, items: await this.present(cases) };
  }

  private async present(cases: Case[]): Promise<CaseView[]> {
    const paths = await departmentPaths(
      this.em,
      cases.map((c) => c.department.id),
    );
    return cases.map((c) => presentCase(c, paths.get(c.department.id) ?? []));
  }
}

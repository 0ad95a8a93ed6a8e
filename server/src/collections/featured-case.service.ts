import type { EntityManager } from "@mikro-orm/postgresql";
import { featureCaseInputSchema, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { Case, type CaseView, loadPublishedCaseViews } from "../cases/index.js";
import { badInputFromZod, notFound, type Viewer } from "../kernel/index.js";
import { caseReadershipSql, type Readership } from "../organisations/index.js";
import { User } from "../users/index.js";
import { FeaturedCase } from "./collection.entity.js";
import { clampPage, collectableCase, requireCurator } from "./curation.js";

/** A featured mark as readers see it. */
export interface FeaturedMarkRecord {
  caseId: string;
  reason: string;
  featuredAt: Date;
  featuredById: string | null;
}

/**
 * 注目の好事例 (issue 5): the secretariat marks published cases, with a reason. Every write: shared
 * zod validation, authorisation (collection.policy), one transaction with its audit row.
 */
export class FeaturedCaseService {
  constructor(
    private readonly em: EntityManager,
    /** Who is reading (organisations/readership.ts), read once per request. */
    private readonly readership: () => Promise<Readership>,
  ) {}

  async feature(viewer: Viewer | null, raw: unknown): Promise<FeaturedMarkRecord> {
    const actor = requireCurator(viewer);
    const parsed = featureCaseInputSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { caseId, reason } = parsed.data;
    return this.em.transactional(async (tx) => {
      await collectableCase(tx, actor, caseId);
      const existing = await tx.findOne(FeaturedCase, { case: caseId });
      const before = existing ? { reason: existing.reason } : null;
      const mark =
        existing ??
        tx.create(FeaturedCase, { case: tx.getReference(Case, caseId), reason, featuredBy: tx.getReference(User, actor.userId) });
      mark.reason = reason;
      if (existing) mark.featuredBy = tx.getReference(User, actor.userId, { wrapped: true });
      tx.persist(mark);
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: existing ? "case.feature.update" : "case.feature",
        subjectType: "Case",
        subjectId: caseId,
        before,
        after: { reason },
      });
      await tx.flush();
      return { caseId, reason: mark.reason, featuredAt: mark.featuredAt, featuredById: actor.userId };
    });
  }

  async unfeature(viewer: Viewer | null, caseId: string): Promise<boolean> {
    const actor = requireCurator(viewer);
    if (!isUuid(caseId)) throw notFound("好事例");
    return this.em.transactional(async (tx) => {
      // Another organisation's case answers as one that is not featured (as a missing one).
      const mark = await tx.findOne(FeaturedCase, { case: { id: caseId, organisation: actor.organisationId } });
      if (!mark) return false;
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "case.unfeature", subjectType: "Case", subjectId: caseId, before: { reason: mark.reason } });
      tx.remove(mark);
      await tx.flush();
      return true;
    });
  }

  /** Featured marks of the given cases (one query); callers only pass cases the viewer may read. */
  async featuredMarks(caseIds: readonly string[]): Promise<Map<string, FeaturedMarkRecord>> {
    const ids = [...new Set(caseIds)].filter((id) => isUuid(id));
    if (!ids.length) return new Map();
    const rows = await this.em.execute<{ case_id: string; reason: string; featured_at: Date | string; featured_by_id: string | null }[]>(
      "select case_id, reason, featured_at, featured_by_id from featured_cases where case_id in (?)",
      [ids],
    );
    return new Map(
      rows.map((r) => [r.case_id, { caseId: r.case_id, reason: r.reason, featuredAt: new Date(r.featured_at), featuredById: r.featured_by_id }]),
    );
  }

  /** 注目の好事例: featured cases that are published, most recently featured first. */
  async featuredCases(page: { first: number; offset: number }): Promise<{ total: number; items: (FeaturedMarkRecord & { case: CaseView })[] }> {
    const limit = clampPage(page.first);
    const readership = await this.readership();
    const readable = caseReadershipSql(readership, "c");
    const [rows, [count]] = await Promise.all([
      this.em.execute<{ case_id: string; reason: string; featured_at: Date | string; featured_by_id: string | null }[]>(
        `select f.case_id, f.reason, f.featured_at, f.featured_by_id from featured_cases f join cases c on c.id = f.case_id
          where c.status = 'PUBLISHED' and ${readable.sql} order by f.featured_at desc, f.case_id limit ? offset ?`,
        [...readable.params, limit, Math.max(page.offset, 0)],
      ),
      this.em.execute<{ n: string | number }[]>(
        `select count(*) as n from featured_cases f join cases c on c.id = f.case_id where c.status = 'PUBLISHED' and ${readable.sql}`,
        readable.params,
      ),
    ]);
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.case_id), readership);
    return {
      total: Number(count?.n ?? 0),
      items: rows.flatMap((r) => {
        const view = views.get(r.case_id);
        return view
          ? [{ caseId: r.case_id, reason: r.reason, featuredAt: new Date(r.featured_at), featuredById: r.featured_by_id, case: view }]
          : [];
      }),
    };
  }
}

import type { EntityManager } from "@mikro-orm/postgresql";
import { COUNTED_ADOPTION_STATUSES } from "@kb/shared";
import { type CaseView, loadPublishedCaseViews } from "../cases/index.js";
import { caseReadershipSql, type Readership } from "../organisations/index.js";
import { clampPage } from "./curation.js";

/**
 * The home page's case feeds (issue 5) beside its featured collections and cases: 新着 and よく取り入れ
 * られている. Published cases only, hydrated in one batch.
 */
export class HomeFeedService {
  constructor(
    private readonly em: EntityManager,
    /** Who is reading (organisations/readership.ts), read once per request. */
    private readonly readership: () => Promise<Readership>,
  ) {}

  /** 新着: the most recently published cases. */
  async newCases(first: number): Promise<CaseView[]> {
    const readership = await this.readership();
    const readable = caseReadershipSql(readership, "c");
    const rows = await this.em.execute<{ id: string }[]>(
      `select c.id from cases c where c.status = 'PUBLISHED' and ${readable.sql} order by c.published_at desc nulls last, c.created_at desc, c.id limit ?`,
      [...readable.params, clampPage(first)],
    );
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.id), readership);
    return rows.flatMap((r) => views.get(r.id) ?? []);
  }

  /**
   * よく取り入れられている好事例: published cases ranked by the number of 課 trying or having adopted
   * them (the adoption ledger's COUNTED_ADOPTION_STATUSES), then by the latest such change.
   */
  async mostAdopted(first: number): Promise<{ case: CaseView; adoptionCount: number }[]> {
    const readership = await this.readership();
    const readable = caseReadershipSql(readership, "c");
    const rows = await this.em.execute<{ case_id: string; n: string | number }[]>(
      `select a.case_id, count(*) as n from adoptions a join cases c on c.id = a.case_id
        where c.status = 'PUBLISHED' and ${readable.sql} and a.status in (?)
        group by a.case_id order by count(*) desc, max(a.updated_at) desc, a.case_id limit ?`,
      [...readable.params, [...COUNTED_ADOPTION_STATUSES], clampPage(first)],
    );
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.case_id), readership);
    return rows.flatMap((r) => {
      const view = views.get(r.case_id);
      return view ? [{ case: view, adoptionCount: Number(r.n) }] : [];
    });
  }
}

import type { EntityManager } from "@mikro-orm/postgresql";
import { COUNTED_ADOPTION_STATUSES } from "@kb/shared";
import { type CaseView, loadPublishedCaseViews } from "../cases/index.js";
import { clampPage } from "./curation.js";

/**
 * The home page's case feeds (issue 5) beside its featured collections and cases: 新着 and よく取り入れ
 * られている. Published cases only, hydrated in one batch.
 */
export class HomeFeedService {
  constructor(
    private readonly em: EntityManager,
    /** Whose published cases the request's viewer may see (organisations/readableOrganisationIds). */
    private readonly readable: () => Promise<string[]>,
  ) {}

  /** 新着: the most recently published cases. */
  async newCases(first: number): Promise<CaseView[]> {
    const organisations = await this.readable();
    const rows = await this.em.execute<{ id: string }[]>(
      "select id from cases where status = 'PUBLISHED' and organisation_id in (?) order by published_at desc nulls last, created_at desc, id limit ?",
      [organisations, clampPage(first)],
    );
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.id), organisations);
    return rows.flatMap((r) => views.get(r.id) ?? []);
  }

  /**
   * よく取り入れられている好事例: published cases ranked by the number of 課 trying or having adopted
   * them (the adoption ledger's COUNTED_ADOPTION_STATUSES), then by the latest such change.
   */
  async mostAdopted(first: number): Promise<{ case: CaseView; adoptionCount: number }[]> {
    const organisations = await this.readable();
    const rows = await this.em.execute<{ case_id: string; n: string | number }[]>(
      `select a.case_id, count(*) as n from adoptions a join cases c on c.id = a.case_id
        where c.status = 'PUBLISHED' and c.organisation_id in (?) and a.status in (?)
        group by a.case_id order by count(*) desc, max(a.updated_at) desc, a.case_id limit ?`,
      [organisations, [...COUNTED_ADOPTION_STATUSES], clampPage(first)],
    );
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.case_id), organisations);
    return rows.flatMap((r) => {
      const view = views.get(r.case_id);
      return view ? [{ case: view, adoptionCount: Number(r.n) }] : [];
    });
  }
}

import type { EntityManager } from "@mikro-orm/postgresql";
import { COUNTED_ADOPTION_STATUSES } from "@kb/shared";
import { requireHubSecretariat, type Viewer } from "../kernel/index.js";

/** One organisation's part in the commons. */
export interface HubOrganisationRow {
  organisationId: string;
  code: string | null;
  name: string;
  prefecture: string;
  /** Its commons cases (公開中・自治体間で共有). */
  commonsCases: number;
  /** 試行中・導入済 records of its commons cases by 課 of other organisations (横展開 it gave). */
  adoptedByOthers: number;
  /** 試行中・導入済 records of its 課 for other organisations' commons cases (横展開 it took). */
  adoptedFromOthers: number;
}

export interface HubTotals {
  commonsCases: number;
  sharingOrganisations: number;
  crossAdoptions: number;
}

/** The commons: what every organisation may read. Only these cases and their adoptions count. */
const COMMONS = "c.status = 'PUBLISHED' and c.sharing = 'COMMONS'";
/** 横展開 between organisations: 試行中・導入済 records of a commons case by another organisation's 課. */
const CROSS_ADOPTIONS = `select c.organisation_id as from_id, a.organisation_id as to_id
    from adoptions a join cases c on c.id = a.case_id
   where ${COMMONS} and a.organisation_id <> c.organisation_id and a.status in (?)`;
const MAX_PAGE = 100;

/**
 * The 広域事務局's dashboard across organisations (issue 16): only the commons — published cases
 * shared with every organisation, and the adoption ledger's rows about them. Nothing of an
 * organisation's 庁内限定 cases, drafts or its adoptions of its own 庁内限定 cases is counted.
 * At national scale there are some 1,700 organisations: the totals are one statement, and the
 * organisations come a page at a time (the flows between them are `organisationFlows`, paged too).
 */
export class HubDashboardService {
  constructor(private readonly em: EntityManager) {}

  async totals(viewer: Viewer | null): Promise<HubTotals> {
    requireHubSecretariat(viewer);
    const [row] = await this.em.execute<{ cases: string; organisations: string; adoptions: string }[]>(
      `select (select count(*) from cases c where ${COMMONS}) as cases,
              (select count(distinct c.organisation_id) from cases c where ${COMMONS}) as organisations,
              (select count(*) from (${CROSS_ADOPTIONS}) x) as adoptions`,
      [[...COUNTED_ADOPTION_STATUSES]],
    );
    return { commonsCases: Number(row?.cases ?? 0), sharingOrganisations: Number(row?.organisations ?? 0), crossAdoptions: Number(row?.adoptions ?? 0) };
  }

  /** Every organisation, those sharing most first: one statement for the page, one for the total. */
  async organisations(viewer: Viewer | null, first: number, offset: number): Promise<{ total: number; items: HubOrganisationRow[] }> {
    requireHubSecretariat(viewer);
    const counted = [...COUNTED_ADOPTION_STATUSES];
    const [rows, count] = await Promise.all([
      this.em.execute<{ id: string; code: string | null; name: string; prefecture: string; cases: string; given: string; taken: string }[]>(
        `with commons as (select c.organisation_id as id, count(*) as n from cases c where ${COMMONS} group by 1),
              cross_adoptions as (${CROSS_ADOPTIONS}),
              given as (select from_id as id, count(*) as n from cross_adoptions group by 1),
              taken as (select to_id as id, count(*) as n from cross_adoptions group by 1)
         select o.id, o.code, o.name, o.prefecture, coalesce(cm.n, 0) as cases, coalesce(g.n, 0) as given, coalesce(t.n, 0) as taken
           from organisations o
           left join commons cm on cm.id = o.id
           left join given g on g.id = o.id
           left join taken t on t.id = o.id
          order by coalesce(cm.n, 0) desc, o.code nulls last, o.name, o.id
          limit ? offset ?`,
        [counted, Math.min(Math.max(first, 0), MAX_PAGE), Math.max(offset, 0)],
      ),
      this.em.execute<{ n: string }[]>("select count(*) as n from organisations"),
    ]);
    return {
      total: Number(count[0]?.n ?? 0),
      items: rows.map((o) => ({
        organisationId: o.id,
        code: o.code,
        name: o.name,
        prefecture: o.prefecture,
        commonsCases: Number(o.cases),
        adoptedByOthers: Number(o.given),
        adoptedFromOthers: Number(o.taken),
      })),
    };
  }
}

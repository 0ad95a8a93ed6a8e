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

/** 横展開 between two organisations: `adoptions` 試行中・導入済 records of `from`'s commons cases by `to`'s 課. */
export interface HubFlow {
  fromOrganisationId: string;
  toOrganisationId: string;
  adoptions: number;
}

export interface HubDashboard {
  totals: { commonsCases: number; sharingOrganisations: number; crossAdoptions: number };
  organisations: HubOrganisationRow[];
  flows: HubFlow[];
}

/**
 * The 広域事務局's dashboard across organisations (issue 16): only the commons — published cases
 * shared with every organisation, and the adoption ledger's rows about them. Nothing of an
 * organisation's 庁内限定 cases, drafts or its adoptions of its own 庁内限定 cases is counted. Three
 * grouped statements whatever the number of organisations.
 */
export class HubDashboardService {
  constructor(private readonly em: EntityManager) {}

  async load(viewer: Viewer | null): Promise<HubDashboard> {
    requireHubSecretariat(viewer);
    const counted = [...COUNTED_ADOPTION_STATUSES];
    // The commons: what every organisation may read. Only these cases and their adoptions count.
    const commons = "c.status = 'PUBLISHED' and c.sharing = 'COMMONS'";
    const organisations = await this.em.execute<{ id: string; code: string | null; name: string; prefecture: string; cases: string | number }[]>(
      `select o.id, o.code, o.name, o.prefecture, count(c.id) as cases
         from organisations o left join cases c on c.organisation_id = o.id and ${commons}
        group by o.id order by count(c.id) desc, o.code nulls last, o.name`,
    );
    const flows = await this.em.execute<{ from_id: string; to_id: string; n: string | number }[]>(
      `select c.organisation_id as from_id, a.organisation_id as to_id, count(*) as n
         from adoptions a join cases c on c.id = a.case_id
        where ${commons} and a.organisation_id <> c.organisation_id and a.status in (?)
        group by 1, 2 order by count(*) desc, 1, 2`,
      [counted],
    );
    const given = new Map<string, number>();
    const taken = new Map<string, number>();
    for (const f of flows) {
      given.set(f.from_id, (given.get(f.from_id) ?? 0) + Number(f.n));
      taken.set(f.to_id, (taken.get(f.to_id) ?? 0) + Number(f.n));
    }
    const rows: HubOrganisationRow[] = organisations.map((o) => ({
      organisationId: o.id,
      code: o.code,
      name: o.name,
      prefecture: o.prefecture,
      commonsCases: Number(o.cases),
      adoptedByOthers: given.get(o.id) ?? 0,
      adoptedFromOthers: taken.get(o.id) ?? 0,
    }));
    return {
      totals: {
        commonsCases: rows.reduce((n, r) => n + r.commonsCases, 0),
        sharingOrganisations: rows.filter((r) => r.commonsCases > 0).length,
        crossAdoptions: flows.reduce((n, f) => n + Number(f.n), 0),
      },
      organisations: rows,
      flows: flows.map((f) => ({ fromOrganisationId: f.from_id, toOrganisationId: f.to_id, adoptions: Number(f.n) })),
    };
  }
}

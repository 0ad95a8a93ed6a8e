import type { EntityManager } from "@mikro-orm/postgresql";
import { ADOPTION_STATUSES, COUNTED_ADOPTION_STATUSES, dashboardArgsSchema, type AdoptionStatus, type CaseKind, type Effect } from "@kb/shared";
import { adoptionFlows } from "../adoptions/index.js";
import { departmentPaths } from "../departments/index.js";
import { badInputFromZod, forbidden, requireViewer, type Viewer } from "../kernel/index.js";
import { dashboardPolicy } from "./dashboard.policy.js";
import { rollUpEffects, type EffectsRollup } from "./effects-rollup.js";
import { ANONYMOUS_SEARCHES, tokyoDay } from "../search-stats/index.js";

export const NO_BUREAU = "（上位組織の登録なし）";

export interface DepartmentRef {
  id: string;
  name: string;
  path: string[];
}

export interface AdoptionFlowCell {
  fromDepartmentId: string;
  toDepartmentId: string;
  considering: number;
  trial: number;
  adopted: number;
  declined: number;
  /** 試行中 + 導入済 (the ledger's counted statuses). */
  counted: number;
}

export interface QueryStat {
  query: string;
  searches: number;
  zeroResults: number;
  lastSearchedAt: Date;
}

export interface Dashboard {
  fromFiscalYear: number | null;
  toFiscalYear: number | null;
  queryDays: number;
  totals: { publishedCases: number; featuredCases: number; publishedCollections: number; adoptions: number; searches: number; zeroResultSearches: number };
  casesByYearKind: { fiscalYear: number; kind: CaseKind; count: number }[];
  casesByBureau: { name: string; count: number }[];
  casesByDepartment: (DepartmentRef & { count: number })[];
  topTags: { tag: string; count: number }[];
  adoptionDepartments: DepartmentRef[];
  adoptionFlows: AdoptionFlowCell[];
  effects: EffectsRollup;
  topQueries: QueryStat[];
  zeroResultQueries: QueryStat[];
}

const TOP_N = 20;

/**
 * The secretariat's dashboard: aggregates of published cases, the adoption ledger and search
 * analytics, read with a handful of grouped SQL statements (never one per case or per department).
 * The 年度 window narrows the case aggregates; adoption flows cover the whole ledger; search queries
 * the last `queryDays` days.
 */
export class DashboardService {
  constructor(private readonly em: EntityManager) {}

  async load(viewer: Viewer | null, raw: unknown): Promise<Dashboard> {
    const v = requireViewer(viewer);
    if (!dashboardPolicy.canRead(v)) throw forbidden("ダッシュボードは事務局と管理者が見られます。");
    const parsed = dashboardArgsSchema.safeParse(raw ?? {});
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { fromFiscalYear, toFiscalYear, queryDays } = parsed.data;
    const from = fromFiscalYear ?? 0;
    const to = toFiscalYear ?? 9999;
    // Every figure is of the viewer's organisation only (issue 15): its cases, collections, ledger and searches.
    const org = v.organisationId;
    const published = "c.organisation_id = ? and c.status = 'PUBLISHED' and c.fiscal_year between ? and ?";

    const byYearKind = await this.em.execute<{ fiscal_year: number; kind: CaseKind; n: string | number }[]>(
      `select c.fiscal_year, c.kind, count(*) as n from cases c where ${published} group by 1, 2 order by 1, 2`,
      [org, from, to],
    );
    const byDepartment = await this.em.execute<{ department_id: string; n: string | number }[]>(
      `select c.department_id, count(*) as n from cases c where ${published} group by 1`,
      [org, from, to],
    );
    const tags = await this.em.execute<{ name: string; n: string | number }[]>(
      `select t.name, count(*) as n from case_tags ct join tags t on t.id = ct.tag_id join cases c on c.id = ct.case_id
        where ${published} group by t.name order by count(*) desc, t.name limit ?`,
      [org, from, to, TOP_N],
    );
    const effectRows = await this.em.execute<{ id: string; title: string; fiscal_year: number; effects: Effect[]; record_volume: string | null }[]>(
      `select c.id, c.title, c.fiscal_year, c.effects, c.details ->> 'recordVolume' as record_volume
         from cases c where ${published} and jsonb_array_length(c.effects) > 0`,
      [org, from, to],
    );
    const [totals] = await this.em.execute<{ cases: string | number; featured: string | number; collections: string | number; adoptions: string | number }[]>(
      `select (select count(*) from cases c where ${published}) as cases,
              (select count(*) from featured_cases f join cases c on c.id = f.case_id where c.organisation_id = ? and c.status = 'PUBLISHED') as featured,
              (select count(*) from collections where organisation_id = ? and status = 'PUBLISHED') as collections,
              (select count(*) from adoptions where organisation_id = ? and status in (?)) as adoptions`,
      [org, from, to, org, org, org, [...COUNTED_ADOPTION_STATUSES]],
    );
    const flows = await adoptionFlows(this.em, org, ADOPTION_STATUSES);
    // The last `queryDays` days in Japan, today included.
    const sinceDay = tokyoDay(new Date(Date.now() - (queryDays - 1) * 86_400_000));
    const queryStats = await this.em.execute<{ query: string; searches: string | number; zero: string | number; last: Date | string }[]>(
      `select query, sum(searches) as searches, sum(zero_results) as zero, max(last_searched_at) as last
         from search_query_stats
        where day >= ?::date
          and (organisation_id = ? or (organisation_id = ? and exists (select 1 from organisations where id = ? and home)))
        group by query`,
      // Anonymous visitors' searches are shown to the installation's own organisation.
      [sinceDay, org, ANONYMOUS_SEARCHES, org],
    );

    // Department names and paths: one recursive query for every department mentioned.
    const departmentIds = new Set<string>([...byDepartment.map((r) => r.department_id)]);
    for (const f of flows) {
      departmentIds.add(f.fromDepartmentId);
      departmentIds.add(f.toDepartmentId);
    }
    const paths = await departmentPaths(this.em, [...departmentIds]);
    const ref = (id: string): DepartmentRef => {
      const path = paths.get(id) ?? [];
      return { id, name: path[path.length - 1] ?? "", path };
    };

    const casesByDepartment = byDepartment
      .map((r) => ({ ...ref(r.department_id), count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "ja"));
    const bureaus = new Map<string, number>();
    for (const d of casesByDepartment) {
      const bureau = d.path.length > 1 ? d.path[0]! : NO_BUREAU;
      bureaus.set(bureau, (bureaus.get(bureau) ?? 0) + d.count);
    }

    const cells = new Map<string, AdoptionFlowCell>();
    for (const f of flows) {
      const key = `${f.fromDepartmentId}>${f.toDepartmentId}`;
      const cell = cells.get(key) ?? {
        fromDepartmentId: f.fromDepartmentId,
        toDepartmentId: f.toDepartmentId,
        considering: 0,
        trial: 0,
        adopted: 0,
        declined: 0,
        counted: 0,
      };
      const field = ({ CONSIDERING: "considering", TRIAL: "trial", ADOPTED: "adopted", DECLINED: "declined" } as const)[f.status as AdoptionStatus];
      cell[field] += f.count;
      if (COUNTED_ADOPTION_STATUSES.includes(f.status)) cell.counted += f.count;
      cells.set(key, cell);
    }
    const flowDepartments = new Set<string>();
    for (const c of cells.values()) {
      flowDepartments.add(c.fromDepartmentId);
      flowDepartments.add(c.toDepartmentId);
    }

    const stats: QueryStat[] = queryStats.map((r) => ({
      query: r.query,
      searches: Number(r.searches),
      zeroResults: Number(r.zero),
      lastSearchedAt: new Date(r.last),
    }));
    const byRecency = (a: QueryStat, b: QueryStat) => b.lastSearchedAt.getTime() - a.lastSearchedAt.getTime() || a.query.localeCompare(b.query, "ja");

    return {
      fromFiscalYear: fromFiscalYear ?? null,
      toFiscalYear: toFiscalYear ?? null,
      queryDays,
      totals: {
        publishedCases: Number(totals?.cases ?? 0),
        featuredCases: Number(totals?.featured ?? 0),
        publishedCollections: Number(totals?.collections ?? 0),
        adoptions: Number(totals?.adoptions ?? 0),
        searches: stats.reduce((sum, s) => sum + s.searches, 0),
        zeroResultSearches: stats.reduce((sum, s) => sum + s.zeroResults, 0),
      },
      casesByYearKind: byYearKind.map((r) => ({ fiscalYear: r.fiscal_year, kind: r.kind, count: Number(r.n) })),
      casesByBureau: [...bureaus]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "ja")),
      casesByDepartment,
      topTags: tags.map((r) => ({ tag: r.name, count: Number(r.n) })),
      adoptionDepartments: [...flowDepartments].map(ref).sort((a, b) => a.path.join("/").localeCompare(b.path.join("/"), "ja")),
      adoptionFlows: [...cells.values()],
      effects: rollUpEffects(
        effectRows.map((r) => ({ caseId: r.id, title: r.title, fiscalYear: r.fiscal_year, effects: r.effects ?? [], recordVolume: r.record_volume })),
      ),
      topQueries: [...stats].sort((a, b) => b.searches - a.searches || byRecency(a, b)).slice(0, TOP_N),
      zeroResultQueries: stats
        .filter((s) => s.zeroResults > 0)
        .sort((a, b) => b.zeroResults - a.zeroResults || byRecency(a, b))
        .slice(0, TOP_N),
    };
  }
}

import { graphql } from "../gql";
import type { Charts_DashboardFragment, QueryTable_StatFragment } from "../gql/graphql";
import { CASE_KIND_LABELS, CASE_KINDS, formatFiscalYear, formatWarekiFiscalYear, type CaseKind } from "@kb/shared";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { OrganisationFlows } from "../adoptions/OrganisationFlows";
import { AdoptionFlows } from "./AdoptionFlows";
import { ChartFigure, DataTable } from "./ChartFigure";
import { BLUE, GREEN, KIND_COLOR, ORANGE } from "./colors";
import { EffectsChart } from "./EffectsChart";

/** What the dashboard shows: the figures drawn here, and those of the parts it renders. */
graphql(`
  fragment Charts_dashboard on Dashboard {
    totals {
      publishedCases
      featuredCases
      publishedCollections
      adoptions
      searches
      zeroResultSearches
    }
    casesByYearKind {
      fiscalYear
      kind
      count
    }
    casesByBureau {
      name
      count
    }
    casesByDepartment {
      id
      name
      path
      count
    }
    topTags {
      name
      count
    }
    ...AdoptionFlows_dashboard
    effects {
      ...EffectsChart_effects
    }
    topQueries {
      ...QueryTable_stat
    }
    zeroResultQueries {
      ...QueryTable_stat
    }
  }
`);

/** A row of the search statistics (the most searched words, those that found nothing). */
graphql(`
  fragment QueryTable_stat on SearchQueryStat {
    query
    searches
    zeroResults
    lastSearchedAt
  }
`);

/** Every figure of the dashboard, each a chart with the same numbers as a table. */
export function Charts({ dash, days }: { dash: Charts_DashboardFragment; days: number }) {
  const d = m.curation.dashboard;
  const t = dash.totals;

  // 年度 × 種別
  const years = [...new Set(dash.casesByYearKind.map((r) => r.fiscalYear))].sort((a, b) => a - b);
  const countOf = (year: number, kind: CaseKind) => dash.casesByYearKind.find((r) => r.fiscalYear === year && r.kind === kind)?.count ?? 0;
  const kinds = CASE_KINDS.filter((k) => dash.casesByYearKind.some((r) => r.kind === k));

  const topDepartments = dash.casesByDepartment.slice(0, 15);

  return (
    <>
      <section aria-labelledby="dash-totals" className="space-y-3">
        <h2 id="dash-totals" className="text-std-22B-150 text-solid-gray-900">{d.totalsHeading}</h2>
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-6">
          {(Object.keys(d.totals) as (keyof typeof d.totals)[]).map((key) => (
            <div key={key} className="rounded-8 border border-solid-gray-200 bg-white p-4">
              <dt className="text-dns-14B-130 text-solid-gray-700">{key === "searches" || key === "zeroResultSearches" ? `${d.totals[key]}（${d.days(days)}）` : d.totals[key]}</dt>
              <dd className="text-std-28B-150 text-solid-gray-900">{t[key].toLocaleString("ja-JP")}</dd>
            </div>
          ))}
        </dl>
      </section>

      <ChartFigure
        title={d.byYearKind}
        measure={{ label: d.caseCount, unit: d.unitCases }}
        note={d.byYearKindNote}
        labels={years.map(formatWarekiFiscalYear)}
        stacked
        series={kinds.map((k) => ({ label: CASE_KIND_LABELS[k], values: years.map((y) => countOf(y, k)), color: KIND_COLOR[k] }))}
        table={
          <DataTable
            caption={d.byYearKind}
            head={[d.fiscalYear, ...kinds.map((k) => CASE_KIND_LABELS[k]), d.total]}
            rows={years.map((y) => [formatFiscalYear(y), ...kinds.map((k) => countOf(y, k)), kinds.reduce((sum, k) => sum + countOf(y, k), 0)])}
            numeric={kinds.map((_, i) => i + 1).concat(kinds.length + 1)}
          />
        }
      />

      <div className="grid gap-8 lg:grid-cols-2">
        <ChartFigure
          title={d.byBureau}
          measure={{ label: d.caseCount, unit: d.unitCases }}
          note={d.byBureauNote}
          horizontal
          labels={dash.casesByBureau.map((b) => b.name)}
          series={[{ label: d.count, values: dash.casesByBureau.map((b) => b.count), color: BLUE }]}
          table={<DataTable caption={d.byBureau} head={[d.bureau, d.count]} rows={dash.casesByBureau.map((b) => [b.name, b.count])} numeric={[1]} />}
        />
        <ChartFigure
          title={d.byDepartment}
          measure={{ label: d.caseCount, unit: d.unitCases }}
          horizontal
          labels={topDepartments.map((x) => x.name)}
          series={[{ label: d.count, values: topDepartments.map((x) => x.count), color: BLUE }]}
          table={
            <DataTable
              caption={d.byDepartmentTable}
              head={[d.department, d.departmentPath, d.count]}
              rows={dash.casesByDepartment.map((x) => [x.name, x.path.join(" › "), x.count])}
              numeric={[2]}
            />
          }
        />
      </div>

      <ChartFigure
        title={d.topTags}
        measure={{ label: d.caseCount, unit: d.unitCases }}
        horizontal
        labels={dash.topTags.map((x) => x.name)}
        series={[{ label: d.count, values: dash.topTags.map((x) => x.count), color: GREEN }]}
        table={<DataTable caption={d.topTags} head={[d.tag, d.count]} rows={dash.topTags.map((x) => [x.name, x.count])} numeric={[1]} />}
      />

      <AdoptionFlows dash={dash} />

      <OrganisationFlows involvingMine />

      <EffectsChart effects={dash.effects} />

      <div className="grid gap-8 lg:grid-cols-2">
        <ChartFigure
          title={d.topQueries}
          measure={{ label: d.searchCount, unit: d.unitSearches }}
          note={d.queriesNote}
          horizontal
          labels={dash.topQueries.map((q) => q.query)}
          series={[{ label: d.searches, values: dash.topQueries.map((q) => q.searches), color: BLUE }]}
          table={<QueryTable caption={d.topQueries} rows={dash.topQueries} />}
        />
        <ChartFigure
          title={d.zeroQueries}
          measure={{ label: d.zeroResults, unit: d.unitSearches }}
          horizontal
          labels={dash.zeroResultQueries.map((q) => q.query)}
          series={[{ label: d.zeroResults, values: dash.zeroResultQueries.map((q) => q.zeroResults), color: ORANGE }]}
          table={<QueryTable caption={d.zeroQueries} rows={dash.zeroResultQueries} />}
        />
      </div>
    </>
  );
}

function QueryTable({ caption, rows }: { caption: string; rows: QueryTable_StatFragment[] }) {
  const d = m.curation.dashboard;
  return (
    <DataTable
      caption={caption}
      head={[d.query, d.searches, d.zeroResults, d.lastSearched]}
      rows={rows.map((q) => [q.query, q.searches, q.zeroResults, formatDateTime(q.lastSearchedAt)])}
      numeric={[1, 2]}
    />
  );
}

import { gql, type TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { CASE_KIND_LABELS, CASE_KINDS, fiscalYearOf, formatFiscalYear, formatWarekiFiscalYear, type CaseKind } from "@kb/shared";
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMe } from "../auth/me";
import { RequireLogin } from "../auth/RequireLogin";
import { ErrorNotice } from "../components/ErrorNotice";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { ChartFigure, DataTable } from "./ChartFigure";

interface DepartmentRef {
  id: string;
  name: string;
  path: string[];
}
interface QueryStat {
  query: string;
  searches: number;
  zeroResults: number;
  lastSearchedAt: string;
}
interface DashboardData {
  dashboard: {
    totals: { publishedCases: number; featuredCases: number; publishedCollections: number; adoptions: number; searches: number; zeroResultSearches: number };
    casesByYearKind: { fiscalYear: number; kind: CaseKind; count: number }[];
    casesByBureau: { name: string; count: number }[];
    casesByDepartment: (DepartmentRef & { count: number })[];
    topTags: { name: string; count: number }[];
    adoptionDepartments: DepartmentRef[];
    adoptionFlows: { fromDepartmentId: string; toDepartmentId: string; considering: number; trial: number; adopted: number; declined: number; counted: number }[];
    effects: {
      hoursByYear: { fiscalYear: number; hoursPerYear: number; rows: number; cases: number }[];
      annualised: { caseId: string; title: string; fiscalYear: number; label: string; hoursPerYear: number; basis: string }[];
      perUnit: { fiscalYear: number; unit: string; reduction: number; rows: number; cases: number }[];
      otherRows: number;
    };
    topQueries: QueryStat[];
    zeroResultQueries: QueryStat[];
  };
}
interface DashboardVars {
  from?: number | null;
  to?: number | null;
  days: number;
}

const DASHBOARD: TypedDocumentNode<DashboardData, DashboardVars> = gql`
  query Dashboard($from: Int, $to: Int, $days: Int!) {
    dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {
      totals { publishedCases featuredCases publishedCollections adoptions searches zeroResultSearches }
      casesByYearKind { fiscalYear kind count }
      casesByBureau { name count }
      casesByDepartment { id name path count }
      topTags { name count }
      adoptionDepartments { id name path }
      adoptionFlows { fromDepartmentId toDepartmentId considering trial adopted declined counted }
      effects {
        hoursByYear { fiscalYear hoursPerYear rows cases }
        annualised { caseId title fiscalYear label hoursPerYear basis }
        perUnit { fiscalYear unit reduction rows cases }
        otherRows
      }
      topQueries { query searches zeroResults lastSearchedAt }
      zeroResultQueries { query searches zeroResults lastSearchedAt }
    }
  }
`;

/** Colours of the Digital Agency palette, distinguishable side by side; kinds as on their badges. */
const KIND_COLOR: Record<CaseKind, string> = {
  KINTONE_APP: "#0031d8",
  WORKSHOP: "#197a4b",
  TALENT_LESSON: "#6f23d0",
  PRACTICE: "#767676",
};
const BLUE = "#0031d8";
const GREEN = "#197a4b";
const ORANGE = "#c74700";

export default function DashboardPage() {
  const d = m.curation.dashboard;
  return (
    <div className="space-y-8">
      <title>{`${d.title}${m.app.titleSuffix}`}</title>
      <RequireLogin>{() => <Dashboard />}</RequireLogin>
    </div>
  );
}

function Dashboard() {
  const d = m.curation.dashboard;
  const { me } = useMe();
  const [vars, setVars] = useState<DashboardVars>({ days: 30 });
  const allowed = me?.role === "SECRETARIAT" || me?.role === "ADMIN";
  const { data, previousData, loading, error, refetch } = useQuery(DASHBOARD, { variables: vars, skip: !allowed, fetchPolicy: "cache-and-network" });
  if (!allowed) {
    return (
      <div className="space-y-4">
        <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
        <p>{d.forbidden}</p>
        <p>
          <Link to="/">{m.notFound.link}</Link>
        </p>
      </div>
    );
  }
  const dash = (data ?? previousData)?.dashboard;

  return (
    <>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{d.title}</h1>
        <p className="text-solid-gray-700">{d.lead}</p>
      </div>
      <WindowForm value={vars} onChange={setVars} />
      <div aria-busy={loading} className="space-y-8">
        {error && !dash ? (
          <ErrorNotice error={error} fallback={d.failed} onRetry={() => void refetch()} />
        ) : !dash ? (
          <p role="status">{d.loading}</p>
        ) : (
          <Charts dash={dash} days={vars.days} />
        )}
      </div>
    </>
  );
}

function WindowForm({ value, onChange }: { value: DashboardVars; onChange: (v: DashboardVars) => void }) {
  const d = m.curation.dashboard;
  const ids = { from: useId(), to: useId(), days: useId() };
  const [from, setFrom] = useState(value.from ? String(value.from) : "");
  const [to, setTo] = useState(value.to ? String(value.to) : "");
  const [days, setDays] = useState(String(value.days));
  const thisYear = fiscalYearOf(new Date());
  const years = Array.from({ length: 12 }, (_, i) => thisYear - i);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ from: from ? Number(from) : null, to: to ? Number(to) : null, days: Number(days) });
  };
  const select = "rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-dns-16N-130";
  return (
    <form onSubmit={onSubmit} aria-label={d.windowLabel} className="flex flex-wrap items-end gap-4 rounded-8 bg-solid-gray-50 p-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.from} className="text-dns-16B-130">{d.fromYear}</label>
        <select id={ids.from} className={select} value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
          <option value="">{d.anyYear}</option>
          {years.map((y) => <option key={y} value={y}>{formatFiscalYear(y)}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.to} className="text-dns-16B-130">{d.toYear}</label>
        <select id={ids.to} className={select} value={to} onChange={(e) => setTo(e.currentTarget.value)}>
          <option value="">{d.anyYear}</option>
          {years.map((y) => <option key={y} value={y}>{formatFiscalYear(y)}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.days} className="text-dns-16B-130">{d.queryDays}</label>
        <select id={ids.days} className={select} value={days} onChange={(e) => setDays(e.currentTarget.value)}>
          {[7, 30, 90, 365].map((n) => <option key={n} value={n}>{d.days(n)}</option>)}
        </select>
      </div>
      <button type="submit" className="btn-primary">{d.apply}</button>
    </form>
  );
}

function Charts({ dash, days }: { dash: DashboardData["dashboard"]; days: number }) {
  const d = m.curation.dashboard;
  const t = dash.totals;

  // 年度 × 種別
  const years = [...new Set(dash.casesByYearKind.map((r) => r.fiscalYear))].sort((a, b) => a - b);
  const countOf = (year: number, kind: CaseKind) => dash.casesByYearKind.find((r) => r.fiscalYear === year && r.kind === kind)?.count ?? 0;
  const kinds = CASE_KINDS.filter((k) => dash.casesByYearKind.some((r) => r.kind === k));

  const topDepartments = dash.casesByDepartment.slice(0, 15);
  const e = dash.effects;

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

      <ChartFigure
        title={d.effects}
        measure={{ label: d.hoursAxis, unit: d.unitHours }}
        note={
          <>
            <p>{d.effectsNote}</p>
            {e.otherRows > 0 && <p className="mt-1">{d.otherRows(e.otherRows)}</p>}
          </>
        }
        labels={e.hoursByYear.map((y) => formatWarekiFiscalYear(y.fiscalYear))}
        series={[{ label: d.hours, values: e.hoursByYear.map((y) => y.hoursPerYear), color: ORANGE }]}
        table={
          <div className="space-y-6">
            <DataTable
              caption={d.effects}
              head={[d.fiscalYear, d.hours, d.rows, d.cases]}
              rows={e.hoursByYear.map((y) => [formatFiscalYear(y.fiscalYear), d.hoursUnit(y.hoursPerYear), y.rows, y.cases])}
              numeric={[1, 2, 3]}
            />
            <div className="space-y-2">
              <h3 className="text-std-17B-170">{d.annualisedHeading}</h3>
              <table className="w-full min-w-[36rem] border-collapse text-left text-dns-16N-130">
                <caption className="sr-only">{d.annualisedHeading}</caption>
                <thead className="bg-solid-gray-50">
                  <tr>
                    {[d.fiscalYear, d.caseTitle, d.effectLabel, d.basis, d.hours].map((h, i) => (
                      <th key={i} scope="col" className={`border-b border-solid-gray-200 px-3 py-2 font-bold ${i === 4 ? "text-right" : ""}`}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {e.annualised.map((a, i) => (
                    <tr key={i}>
                      <td className="border-b border-solid-gray-200 px-3 py-2">{formatWarekiFiscalYear(a.fiscalYear)}</td>
                      <th scope="row" className="border-b border-solid-gray-200 px-3 py-2 font-normal">
                        <Link to={`/cases/${encodeURIComponent(a.caseId)}`}>{a.title}</Link>
                      </th>
                      <td className="border-b border-solid-gray-200 px-3 py-2">{a.label}</td>
                      <td className="border-b border-solid-gray-200 px-3 py-2">{a.basis}</td>
                      <td className="border-b border-solid-gray-200 px-3 py-2 text-right tabular-nums">{d.hoursUnit(a.hoursPerYear)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {e.perUnit.length > 0 && (
              <div className="space-y-2">
                <h3 className="text-std-17B-170">{d.perUnitHeading}</h3>
                <DataTable
                  caption={d.perUnitHeading}
                  head={[d.fiscalYear, d.unit, d.reduction, d.rows, d.cases]}
                  rows={e.perUnit.map((u) => [formatFiscalYear(u.fiscalYear), u.unit, u.reduction, u.rows, u.cases])}
                  numeric={[2, 3, 4]}
                />
              </div>
            )}
          </div>
        }
      />

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

function QueryTable({ caption, rows }: { caption: string; rows: QueryStat[] }) {
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

/**
 * 横展開の流れ as a matrix (rows: adopting 課, columns: the case's 課), each cell shaded by how many
 * adoptions it holds — a heat map that is itself a table; the switch shows the same as a flat list.
 */
function AdoptionFlows({ dash }: { dash: DashboardData["dashboard"] }) {
  const d = m.curation.dashboard;
  const names = new Map(dash.adoptionDepartments.map((x) => [x.id, x.name]));
  const from = [...new Set(dash.adoptionFlows.map((f) => f.fromDepartmentId))].sort((a, b) => (names.get(a) ?? "").localeCompare(names.get(b) ?? "", "ja"));
  const to = [...new Set(dash.adoptionFlows.map((f) => f.toDepartmentId))].sort((a, b) => (names.get(a) ?? "").localeCompare(names.get(b) ?? "", "ja"));
  const cell = (f: string, t: string) => dash.adoptionFlows.find((x) => x.fromDepartmentId === f && x.toDepartmentId === t);
  const max = Math.max(1, ...dash.adoptionFlows.map((f) => f.counted));
  const all = (x: { considering: number; trial: number; adopted: number; declined: number }) => x.considering + x.trial + x.adopted + x.declined;
  const th = "border border-solid-gray-200 px-2 py-1";

  const matrix = (
    <div className="overflow-x-auto">
      <table className="border-collapse text-dns-14N-130">
        <caption className="sr-only">{d.flows}</caption>
        <thead>
          <tr>
            <td className={th}>
              {d.flowTo} ＼ {d.flowFrom}
            </td>
            {from.map((f) => (
              <th key={f} scope="col" className={`${th} bg-solid-gray-50 font-bold`}>{names.get(f)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {to.map((t) => (
            <tr key={t}>
              <th scope="row" className={`${th} bg-solid-gray-50 text-left font-bold`}>{names.get(t)}</th>
              {from.map((f) => {
                const c = cell(f, t);
                const share = c ? c.counted / max : 0;
                return (
                  <td
                    key={f}
                    className={`${th} min-w-16 text-center tabular-nums`}
                    style={c ? { backgroundColor: `rgba(0, 49, 216, ${0.08 + share * 0.72})`, color: share > 0.5 ? "#fff" : "#1a1a1a" } : undefined}
                    title={c ? d.flowCell(names.get(t) ?? "", names.get(f) ?? "", c.counted, all(c)) : undefined}
                  >
                    {c ? (
                      <>
                        {c.counted}
                        <span className="text-dns-14N-130">（{all(c)}）</span>
                      </>
                    ) : (
                      ""
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  const list = (
    <DataTable
      caption={d.flows}
      head={[d.flowTo, d.flowFrom, d.considering, d.trial, d.adopted, d.declined, d.counted]}
      rows={dash.adoptionFlows
        .slice()
        .sort((a, b) => b.counted - a.counted)
        .map((f) => [names.get(f.toDepartmentId) ?? "", names.get(f.fromDepartmentId) ?? "", f.considering, f.trial, f.adopted, f.declined, f.counted])}
      numeric={[2, 3, 4, 5, 6]}
    />
  );

  return (
    <ChartFigure
      title={d.flows}
      measure={{ label: d.counted, unit: d.unitCases }}
      note={dash.adoptionFlows.length ? d.flowsNote : d.flowsEmpty}
      labels={dash.adoptionFlows.length ? ["flows"] : []}
      series={[]}
      picture={matrix}
      table={list}
      chartViewLabel={d.flowsMatrixView}
      tableViewLabel={d.flowsListView}
    />
  );
}

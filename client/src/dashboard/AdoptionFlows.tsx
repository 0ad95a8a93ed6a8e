import { graphql } from "../gql";
import type { AdoptionFlows_DashboardFragment } from "../gql/graphql";
import { messages as m } from "../messages";
import { ChartFigure, DataTable } from "./ChartFigure";

/** The adoptions between 課 in the window, and the names of the 課 they involve. */
graphql(`
  fragment AdoptionFlows_dashboard on Dashboard {
    adoptionDepartments {
      id
      name
      path
    }
    adoptionFlows {
      fromDepartmentId
      toDepartmentId
      considering
      trial
      adopted
      declined
      counted
    }
  }
`);

/**
 * 横展開の流れ as a matrix (rows: adopting 課, columns: the case's 課), each cell shaded by how many
 * adoptions it holds — a heat map that is itself a table; the switch shows the same as a flat list.
 */
export function AdoptionFlows({ dash }: { dash: AdoptionFlows_DashboardFragment }) {
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

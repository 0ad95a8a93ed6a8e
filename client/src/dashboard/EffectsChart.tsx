import { graphql } from "../gql";
import type { EffectsChart_EffectsFragment } from "../gql/graphql";
import { formatFiscalYear, formatWarekiFiscalYear } from "@kb/shared";
import { Link } from "react-router";
import { messages as m } from "../messages";
import { ChartFigure, DataTable } from "./ChartFigure";
import { ORANGE } from "./colors";

/** 効果 in hours by year, the annualised rows behind it, and the effects in other units. */
graphql(`
  fragment EffectsChart_effects on EffectsRollup {
    hoursByYear {
      fiscalYear
      hoursPerYear
      rows
      cases
    }
    annualised {
      caseId
      title
      fiscalYear
      label
      hoursPerYear
      basis
    }
    perUnit {
      fiscalYear
      unit
      reduction
      rows
      cases
    }
    otherRows
  }
`);

/** 効果（削減時間）by year, with the annualised rows behind it and the effects in other units. */
export function EffectsChart({ effects: e }: { effects: EffectsChart_EffectsFragment }) {
  const d = m.curation.dashboard;
  return (
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
  );
}

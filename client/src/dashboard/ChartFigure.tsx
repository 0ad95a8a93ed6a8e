import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { messages as m } from "../messages";

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

interface Props {
  title: string;
  note?: ReactNode;
  labels: string[];
  series: BarSeries[];
  horizontal?: boolean;
  stacked?: boolean;
  /** What the bars measure and in what unit: the value axis' title, and 「単位：件」 over the table (issue 13). */
  measure: { label: string; unit: string };
  /** The same numbers as a table: the accessible view, and the one to copy figures from. */
  table: ReactNode;
  /** A different picture than bars (the adoption matrix); replaces the canvas. */
  picture?: ReactNode;
  chartViewLabel?: string;
  tableViewLabel?: string;
}

/**
 * One chart of the dashboard with a switch to its table (issue 5: every chart has a table view). The
 * canvas is an image with a name; its numbers are in the table, one press away, for screen readers,
 * keyboard users and anyone who wants the figures. Chart.js is loaded with the first chart.
 */
export function ChartFigure({ title, note, labels, series, horizontal = false, stacked = false, measure, table, picture, chartViewLabel, tableViewLabel }: Props) {
  const d = m.curation.dashboard;
  const headingId = useId();
  const [view, setView] = useState<"chart" | "table">("chart");
  const empty = labels.length === 0;

  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-8 border border-solid-gray-200 bg-white p-4 md:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id={headingId} className="text-std-20B-150 text-solid-gray-900">
          {title}
        </h2>
        {!empty && (
          <div role="group" aria-label={d.viewSwitch(title)} className="flex gap-1">
            {(["chart", "table"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={`min-h-9 rounded-8 border px-3 text-dns-16N-130 ${view === v ? "border-blue-900 bg-blue-900 text-white" : "border-solid-gray-600 bg-white text-blue-900 hover:bg-blue-50"}`}
              >
                {v === "chart" ? (chartViewLabel ?? d.chartView) : (tableViewLabel ?? d.tableView)}
              </button>
            ))}
          </div>
        )}
      </div>
      {note && <div className="text-dns-14N-130 text-solid-gray-700">{note}</div>}
      {empty ? (
        <p className="rounded-8 bg-solid-gray-50 p-4">{d.empty}</p>
      ) : view === "table" ? (
        <div className="space-y-2">
          <p className="text-dns-14N-130 text-solid-gray-700">{d.unitOf(measure.unit)}</p>
          <div className="overflow-x-auto">{table}</div>
        </div>
      ) : (
        (picture ?? <BarCanvas title={title} axis={d.axisTitle(measure.label, measure.unit)} labels={labels} series={series} horizontal={horizontal} stacked={stacked} />)
      )}
    </section>
  );
}

function BarCanvas({ title, axis, labels, series, horizontal, stacked }: { title: string; axis: string; labels: string[]; series: BarSeries[]; horizontal: boolean; stacked: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ready, setReady] = useState(false);
  const height = horizontal ? Math.max(160, labels.length * 30 + 60) : 320;
  // Redraw only when the numbers change, not on every render of the page.
  const dataKey = JSON.stringify([labels, series, horizontal, stacked, axis]);
  const latest = useRef({ labels, series, horizontal, stacked, axis });
  latest.current = { labels, series, horizontal, stacked, axis };

  useEffect(() => {
    const { labels, series, horizontal, stacked, axis } = latest.current;
    // The value axis says what is counted and in what unit; the category axis needs no title.
    const valueAxis = { stacked, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: axis } };
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import("./chartjs").then(({ Chart }) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type: "bar",
        data: {
          labels,
          datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, borderColor: s.color, borderWidth: 1 })),
        },
        options: {
          indexAxis: horizontal ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: series.length > 1, position: "bottom" } },
          scales: horizontal ? { x: valueAxis, y: { stacked } } : { x: { stacked }, y: valueAxis },
        },
      });
      setReady(true);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [dataKey]);

  return (
    <div className="relative" style={{ height }}>
      {!ready && <p className="absolute inset-0 p-4 text-solid-gray-700">{m.curation.dashboard.chartLoading}</p>}
      <canvas ref={canvas} role="img" aria-label={m.curation.dashboard.chartLabel(title, axis)} />
    </div>
  );
}

/** A plain data table with a caption (visually hidden: the section's heading says the same). */
export function DataTable({ caption, head, rows, numeric = [] }: { caption: string; head: string[]; rows: (string | number)[][]; numeric?: number[] }) {
  const cell = "border-b border-solid-gray-200 px-3 py-2";
  const format = (v: string | number) => (typeof v === "number" ? v.toLocaleString("ja-JP", { maximumFractionDigits: 1 }) : v);
  return (
    <table className="w-full min-w-[24rem] border-collapse text-left text-dns-16N-130">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-solid-gray-50">
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col" className={`${cell} font-bold ${numeric.includes(i) ? "text-right" : ""}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((v, i) =>
              i === 0 ? (
                <th key={i} scope="row" className={`${cell} font-normal`}>
                  {format(v)}
                </th>
              ) : (
                <td key={i} className={`${cell} ${numeric.includes(i) ? "text-right tabular-nums" : ""}`}>
                  {format(v)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

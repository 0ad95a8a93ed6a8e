import { useId } from "react";
import { messages as m } from "../messages";

export interface Effect {
  label: string;
  before: number | null;
  after: number | null;
  unit: string | null;
}

const number = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 2 });

function Value({ value }: { value: number | null }) {
  if (value === null || value === undefined) {
    return (
      <>
        <span aria-hidden="true">{m.casePage.effects.none}</span>
        <span className="sr-only">{m.casePage.effects.noneLabel}</span>
      </>
    );
  }
  return <>{number.format(value)}</>;
}

/**
 * 定量効果: one row per measured effect, 導入前 → 導入後. From `sm` up a four-column table; on a phone
 * the same effects as a list of small cards, each value with its unit beside it — a table scrolled
 * sideways hid the 単位 column off-screen and a row read 「月末の集計作業 6 0」 (issue 13).
 */
export function EffectsTable({ effects }: { effects: Effect[] }) {
  const headingId = useId();
  const e = m.casePage.effects;
  const cell = "border-b border-solid-gray-200 px-3 py-2";
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {e.heading}
      </h2>
      <table aria-labelledby={headingId} className="hidden w-full border-collapse text-left text-dns-16N-130 sm:table">
        <thead className="bg-solid-gray-50">
          <tr>
            <th scope="col" className={`${cell} font-bold`}>{e.label}</th>
            <th scope="col" className={`${cell} text-right font-bold`}>{e.before}</th>
            <th scope="col" className={`${cell} text-right font-bold`}>{e.after}</th>
            <th scope="col" className={`${cell} font-bold`}>{e.unit}</th>
          </tr>
        </thead>
        <tbody>
          {effects.map((effect, i) => (
            <tr key={`${i}-${effect.label}`}>
              <th scope="row" className={`${cell} font-normal`}>{effect.label}</th>
              <td className={`${cell} text-right tabular-nums`}><Value value={effect.before} /></td>
              <td className={`${cell} text-right tabular-nums`}><Value value={effect.after} /></td>
              <td className={cell}>{effect.unit ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <EffectCards effects={effects} labelledBy={headingId} />
    </section>
  );
}

/**
 * The effects as small cards for a phone (hidden from `sm` up, where a table shows them): the item,
 * then 導入前 and 導入後, each value with its unit beside it, so nothing is off-screen.
 */
export function EffectCards({ effects, labelledBy, label }: { effects: readonly Effect[]; labelledBy?: string; label?: string }) {
  const e = m.casePage.effects;
  return (
    <ul aria-labelledby={labelledBy} aria-label={label} className="space-y-2 sm:hidden">
      {effects.map((effect, i) => (
        <li key={`${i}-${effect.label}`} className="rounded-8 border border-solid-gray-200 px-3 py-2 text-dns-16N-130">
          <p className="text-dns-16B-130 break-words">{effect.label}</p>
          <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1">
            {(["before", "after"] as const).map((key) => (
              <div key={key} className="contents">
                <dt className="text-solid-gray-700">{e[key]}</dt>
                <dd className="break-words tabular-nums">
                  <Value value={effect[key]} />
                  {effect.unit && effect[key] !== null ? ` ${effect.unit}` : ""}
                </dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

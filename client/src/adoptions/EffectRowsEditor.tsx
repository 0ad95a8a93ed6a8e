import { useId } from "react";
import { EffectCards, type Effect } from "../case/EffectsTable";
import { FieldError } from "../components/form/Field";
import { messages as m } from "../messages";

const a = m.adoptions;

/** One row of the form as typed (numbers stay text until sent). */
export interface EffectRow {
  key: number;
  label: string;
  before: string;
  after: string;
  unit: string;
}

let nextKey = 1;
export const emptyRow = (): EffectRow => ({ key: nextKey++, label: "", before: "", after: "", unit: "" });

export function effectRowsFrom(effects: readonly Effect[]): EffectRow[] {
  return effects.map((e) => ({
    key: nextKey++,
    label: e.label,
    before: e.before === null ? "" : String(e.before),
    after: e.after === null ? "" : String(e.after),
    unit: e.unit ?? "",
  }));
}

const toNumber = (text: string): number | null | undefined => {
  const t = text.normalize("NFKC").replace(/[,\s]/g, "");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
};

/** Rows with something typed in them (blank rows are not sent). */
export const nonBlankRows = (rows: readonly EffectRow[]) => rows.filter((r) => r.label.trim() || r.before.trim() || r.after.trim() || r.unit.trim());

/** A value that is not a number is reported under its field path (the same paths the server uses). */
export function parseEffectRows(rows: readonly EffectRow[], notNumber: string) {
  const errors: Record<string, string> = {};
  const effects: { label: string; before: number | null; after: number | null; unit: string | null }[] = [];
  rows.forEach((r, i) => {
    const before = toNumber(r.before);
    const after = toNumber(r.after);
    if (before === undefined) errors[`effects.${i}.before`] = notNumber;
    if (after === undefined) errors[`effects.${i}.after`] = notNumber;
    effects.push({ label: r.label, before: before ?? null, after: after ?? null, unit: r.unit.trim() || null });
  });
  return { effects, errors };
}

const COLUMNS = [
  { key: "label", label: a.effectLabel, numeric: false },
  { key: "before", label: a.effectBefore, numeric: true },
  { key: "after", label: a.effectAfter, numeric: true },
  { key: "unit", label: a.effectUnit, numeric: false },
] as const;

/** The adopting 課's own measured effects: rows of 項目 / 導入前 / 導入後 / 単位. */
export function EffectRowsEditor({
  rows,
  onChange,
  errors,
}: {
  rows: EffectRow[];
  onChange: (rows: EffectRow[]) => void;
  errors: Record<string, string>;
}) {
  const id = useId();
  const update = (key: number, field: keyof Omit<EffectRow, "key">, value: string) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const add = () => {
    const row = emptyRow();
    onChange([...rows, row]);
    requestAnimationFrame(() => document.getElementById(`${id}-${row.key}-label`)?.focus());
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    requestAnimationFrame(() => document.getElementById(`${id}-add`)?.focus());
  };
  return (
    <fieldset className="space-y-3" aria-describedby={`${id}-hint`}>
      <legend className="text-std-17B-170">{a.effectsLegend}</legend>
      <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
        {a.effectsHint}
      </p>
      {rows.length > 0 && (
        <ol className="space-y-3">
          {rows.map((row, index) => (
            <li key={row.key}>
              <fieldset className="grid grid-cols-2 gap-3 rounded-8 border border-solid-gray-200 p-3 md:grid-cols-12 md:items-end">
                <legend className="px-1 text-dns-16B-130">{a.effectRow(index + 1)}</legend>
                {COLUMNS.map((col) => {
                  const fieldId = `${id}-${row.key}-${col.key}`;
                  const error = errors[`effects.${index}.${col.key}`];
                  return (
                    <div key={col.key} className={`space-y-1 ${col.key === "label" ? "col-span-2 md:col-span-4" : "md:col-span-2"}`}>
                      <label htmlFor={fieldId} className="block text-dns-16B-130">
                        {col.label}
                      </label>
                      <FieldError id={`${fieldId}-error`} message={error} />
                      <input
                        id={fieldId}
                        type="text"
                        inputMode={col.numeric ? "decimal" : undefined}
                        autoComplete="off"
                        maxLength={col.key === "label" ? 100 : 30}
                        value={row[col.key]}
                        onChange={(e) => update(row.key, col.key, e.currentTarget.value)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${fieldId}-error` : undefined}
                        className={`input-text ${col.numeric ? "text-right tabular-nums" : ""}`}
                      />
                    </div>
                  );
                })}
                <div className="col-span-2 md:col-span-2">
                  <button type="button" className="btn-text" onClick={() => remove(index)}>
                    {a.removeEffect(index + 1)}
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      <button id={`${id}-add`} type="button" className="btn-outline" onClick={add}>
        {a.addEffect}
      </button>
    </fieldset>
  );
}

const number = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 2 });

/** A department's measured effects, as a small table with a caption; on a phone as cards, units in view. */
export function AdoptionEffectsTable({ effects, caption }: { effects: readonly Effect[]; caption: string }) {
  const cell = "border-b border-solid-gray-200 px-3 py-1";
  const value = (v: number | null) => (v === null ? "—" : number.format(v));
  return (
    <div>
      <p aria-hidden="true" className="text-dns-16B-130 sm:hidden">{caption}</p>
      <EffectCards effects={effects} label={caption} />
      <table className="hidden w-full border-collapse text-left text-dns-16N-130 sm:table">
        <caption className="text-left text-dns-16B-130">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={cell}>{a.effectLabel}</th>
            <th scope="col" className={`${cell} text-right`}>{a.effectBefore}</th>
            <th scope="col" className={`${cell} text-right`}>{a.effectAfter}</th>
            <th scope="col" className={cell}>{a.effectUnit}</th>
          </tr>
        </thead>
        <tbody>
          {effects.map((e, i) => (
            <tr key={`${i}-${e.label}`}>
              <th scope="row" className={`${cell} font-normal`}>{e.label}</th>
              <td className={`${cell} text-right tabular-nums`}>{value(e.before)}</td>
              <td className={`${cell} text-right tabular-nums`}>{value(e.after)}</td>
              <td className={cell}>{e.unit ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

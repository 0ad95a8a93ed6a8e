import { useId } from "react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { FieldError } from "../components/form/Field";
import { messages as m } from "../messages";
import { fieldId } from "./fieldIds";
import { emptyEffectRow, type CaseFormValues } from "./formValues";

type Column = "label" | "before" | "after" | "unit";

const COLUMNS: { key: Column; numeric: boolean; width: string }[] = [
  { key: "label", numeric: false, width: "md:col-span-4" },
  { key: "before", numeric: true, width: "md:col-span-2" },
  { key: "after", numeric: true, width: "md:col-span-2" },
  { key: "unit", numeric: false, width: "md:col-span-2" },
];

/** 定量効果: rows of 項目 / 導入前 / 導入後 / 単位, added and removed freely (blank rows are not sent). */
export function EffectsEditor({
  form,
  errorOf,
  groupError,
}: {
  form: UseFormReturn<CaseFormValues>;
  errorOf: (path: string) => string | undefined;
  groupError: string | undefined;
}) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "effects" });
  const headingId = useId();
  const hintId = useId();
  const e = m.caseForm.effects;

  const add = () => {
    append(emptyEffectRow(), { shouldFocus: false });
    // Focus the new row's first input once it exists.
    requestAnimationFrame(() => document.getElementById(fieldId(`effects.${fields.length}.label`))?.focus());
  };

  const removeRow = (index: number) => {
    remove(index);
    requestAnimationFrame(() => {
      const target = document.getElementById(fieldId(`effects.${Math.max(0, index - 1)}.label`)) ?? document.getElementById(`${headingId}-add`);
      target?.focus();
    });
  };

  return (
    <fieldset aria-describedby={hintId} className="space-y-3" id={fieldId("effects")} tabIndex={-1}>
      <legend id={headingId} className="text-std-17B-170 text-solid-gray-900">
        {e.heading}
      </legend>
      <p id={hintId} className="text-dns-14N-130 text-solid-gray-700">
        {e.hint}
      </p>
      <FieldError id={`${headingId}-error`} message={groupError} />
      {fields.length === 0 && <p className="text-dns-14N-130 text-solid-gray-700">{e.none}</p>}
      {fields.length > 0 && (
      <ol className="space-y-3">
        {fields.map((row, index) => (
          <li key={row.id}>
            <fieldset className="grid grid-cols-2 gap-3 rounded-8 border border-solid-gray-200 p-3 md:grid-cols-12 md:items-end">
              <legend className="px-1 text-dns-16B-130 text-solid-gray-900">{e.row(index + 1)}</legend>
              {COLUMNS.map(({ key, numeric, width }) => {
                const path = `effects.${index}.${key}` as const;
                const id = fieldId(path);
                const error = errorOf(path);
                return (
                  <div key={key} className={`space-y-1 ${key === "label" ? "col-span-2" : ""} ${width}`}>
                    <label htmlFor={id} className="block text-dns-16B-130 text-solid-gray-900">
                      {e[key]}
                    </label>
                    <input
                      id={id}
                      {...form.register(path)}
                      type="text"
                      inputMode={numeric ? "decimal" : undefined}
                      autoComplete="off"
                      maxLength={key === "label" ? 100 : 30}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      className={`input-text ${numeric ? "text-right tabular-nums" : ""}`}
                    />
                    <FieldError id={`${id}-error`} message={error} />
                  </div>
                );
              })}
              <div className="col-span-2 md:col-span-2 md:pb-2">
                <button type="button" className="btn-text" onClick={() => removeRow(index)}>
                  {e.remove(index + 1)}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      )}
      <button id={`${headingId}-add`} type="button" className="btn-outline" onClick={add} disabled={fields.length >= 20}>
        <span aria-hidden="true">＋</span>
        {e.add}
      </button>
    </fieldset>
  );
}

import {
  EFFECT_BUILDER_FIELDS,
  MAPPING_BUILDER_FIELDS,
  REQUIRED_MAPPING_FIELDS,
  type EffectBuilderField,
  type ImportFileColumns,
  type MappingBuilderField,
  type SourceSpec,
  type TableMappingInput,
} from "@kb/shared";
import { useId, useState } from "react";
import { FieldError, RequirementTag } from "../components/form/Field";
import { messages as m } from "../messages";
import { choiceOf, CUSTOM, effectOf, HASH, kindChoices, setEffect, setField } from "./mappingDraft";

const t = m.importAdmin;
const selectClass = "w-full max-w-full rounded-8 border border-solid-gray-600 bg-white px-3 py-2";

interface Props {
  columns: ImportFileColumns;
  mapping: TableMappingInput;
  onChange: (mapping: TableMappingInput) => void;
}

/**
 * 2. 列を対応付ける: for each case field a select of the file's columns (proposed from their names),
 * a constant kind, or a generated id; one effect row; the JSON behind it for detailed settings.
 */
export function MappingBuilder({ columns, mapping, onChange }: Props) {
  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        {MAPPING_BUILDER_FIELDS.map((field) => (
          <ColumnSelect
            key={field}
            label={t.fields[field]!}
            required={REQUIRED_MAPPING_FIELDS.includes(field)}
            hint={field === "externalId" ? t.externalIdHint : field === "kind" ? t.kindHint : undefined}
            columns={columns.columns}
            spec={mapping.fields?.[field] as SourceSpec | undefined}
            extra={field === "kind" ? kindChoices() : field === "externalId" ? [{ value: HASH, label: t.hashId }] : []}
            onChange={(choice) => onChange(setField(mapping, field as MappingBuilderField, choice))}
          />
        ))}
      </div>
      <fieldset className="space-y-3 rounded-8 border border-solid-gray-200 p-4">
        <legend className="px-1 text-std-17B-170">{t.effects}</legend>
        <p className="text-dns-14N-130 text-solid-gray-700">{t.effectsHint}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {EFFECT_BUILDER_FIELDS.map((part) => (
            <ColumnSelect
              key={part}
              label={t.fields[part]!}
              columns={columns.columns}
              spec={effectOf(mapping)[part as EffectBuilderField]}
              onChange={(choice) => onChange(setEffect(mapping, part, choice))}
            />
          ))}
        </div>
      </fieldset>
      <MappingJson mapping={mapping} onChange={onChange} />
    </div>
  );
}

function ColumnSelect(props: {
  label: string;
  required?: boolean;
  hint?: string;
  columns: string[];
  spec: SourceSpec | undefined;
  extra?: { value: string; label: string }[];
  onChange: (choice: string) => void;
}) {
  const id = useId();
  const choice = choiceOf(props.spec);
  const known = choice === "" || choice === CUSTOM || props.columns.includes(choice) || props.extra?.some((e) => e.value === choice);
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-std-16B-170">
        {props.label}
        <RequirementTag requirement={props.required ? "required" : undefined} />
      </label>
      {props.hint && (
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {props.hint}
        </p>
      )}
      <select id={id} value={choice} onChange={(e) => props.onChange(e.currentTarget.value)} aria-describedby={props.hint ? `${id}-hint` : undefined} className={selectClass}>
        <option value="">{t.notUsed}</option>
        {props.columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
        {!known && <option value={choice}>{t.missingColumn(choice)}</option>}
        {choice === CUSTOM && <option value={CUSTOM}>{t.customSpec}</option>}
        {props.extra && props.extra.length > 0 && (
          <optgroup label={props.extra.length > 1 ? t.sameKind : t.fields["externalId"]}>
            {props.extra.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

/** The mapping as JSON, for settings a select cannot express (value maps, joined columns, details). */
function MappingJson({ mapping, onChange }: { mapping: TableMappingInput; onChange: (mapping: TableMappingInput) => void }) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  const shown = text ?? JSON.stringify(mapping, null, 2);
  const apply = () => {
    try {
      const parsed = JSON.parse(shown) as TableMappingInput;
      if (!parsed || typeof parsed !== "object" || !("fields" in parsed)) throw new Error("no fields");
      onChange(parsed);
      setText(null);
      setNote({ error: false, text: t.jsonApplied });
    } catch {
      setNote({ error: true, text: t.jsonBroken });
    }
  };
  return (
    <details className="rounded-8 border border-solid-gray-200 p-4" onToggle={() => setText(null)}>
      <summary className="cursor-pointer text-std-16B-170 text-blue-900">{t.json}</summary>
      <div className="mt-3 space-y-2">
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {t.jsonHint}
        </p>
        {note?.error && <FieldError id={`${id}-error`} message={note.text} />}
        <label htmlFor={id} className="block text-std-16B-170">
          {t.jsonLabel}
        </label>
        <textarea
          id={id}
          value={shown}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setNote(null);
          }}
          rows={12}
          spellCheck={false}
          aria-invalid={note?.error ? true : undefined}
          aria-describedby={`${note?.error ? `${id}-error ` : ""}${id}-hint`}
          className="input-text w-full font-mono text-dns-14N-130"
        />
        <button type="button" className="btn-outline" onClick={apply}>
          {t.jsonApply}
        </button>
        {note && !note.error && <p role="status">{note.text}</p>}
      </div>
    </details>
  );
}

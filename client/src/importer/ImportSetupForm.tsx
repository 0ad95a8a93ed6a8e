import { IMPORT_ENCODING_LABELS, IMPORT_ENCODINGS, type ImportEncoding, type TableMappingInput } from "@kb/shared";
import { useRef, type FormEvent } from "react";
import { FieldError } from "../components/form/Field";
import { messages as m } from "../messages";
import { UpdateStatusCheckbox } from "./StatusChanges";
import { MappingBuilder } from "./MappingBuilder";
import { ExamplePicker, SavedMappings } from "./MappingSources";
import type { ImportFlow } from "./useImportFlow";

const t = m.importAdmin;

const fileInputClass =
  "block w-full text-dns-16N-130 file:mr-4 file:cursor-pointer file:rounded-8 file:border file:border-blue-900 file:bg-white file:px-4 file:py-2 file:text-blue-900";

interface Props {
  /** Prefix of the form's ids. */
  id: string;
  flow: ImportFlow;
  /** Where the mapping came from (an example or a saved mapping), once one was used. */
  source: string;
  onUseMapping: (mapping: TableMappingInput, name: string) => void;
}

/** Steps 1 to 3 before the check: the file and its encoding, the column mapping, the options. */
export function ImportSetupForm({ id, flow, source, onUseMapping }: Props) {
  const { state } = flow;
  const fileRef = useRef<HTMLInputElement>(null);
  const problem = (where: "file" | "mapping" | "form") => (state.problem?.where === where ? state.problem.message : undefined);

  const onCheck = async (event: FormEvent) => {
    event.preventDefault();
    const found = await flow.check();
    if (found?.where === "file") fileRef.current?.focus();
  };

  return (
    <form onSubmit={(e) => void onCheck(e)} noValidate aria-label={t.title} className="space-y-8">
      <section aria-labelledby={`${id}-step1`} className="space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
        <h2 id={`${id}-step1`} className="text-std-22B-150">
          {t.step1}
        </h2>
        <div className="space-y-2">
          <label htmlFor={`${id}-file`} className="block text-std-17B-170">
            {t.file}
          </label>
          <p id={`${id}-file-hint`} className="text-dns-14N-130 text-solid-gray-700">
            {t.fileHint}
          </p>
          <FieldError id={`${id}-file-error`} message={problem("file")} />
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            accept=".csv,.tsv,.txt,.xlsx"
            aria-invalid={problem("file") ? true : undefined}
            aria-describedby={`${problem("file") ? `${id}-file-error ` : ""}${id}-file-hint`}
            onChange={(e) => flow.chooseFile(e.currentTarget.files?.[0] ?? null)}
            className={fileInputClass}
          />
          <p role="status" className="text-dns-16N-130">
            {state.reading ? t.readingColumns : state.columns ? t.fileRead(state.columns.fileName, state.columns.columns.length) : ""}
          </p>
        </div>
        {state.columns?.format !== "xlsx" && (
          <div className="space-y-2">
            <label htmlFor={`${id}-encoding`} className="block text-std-17B-170">
              {t.encoding}
            </label>
            <p id={`${id}-encoding-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {t.encodingHint}
            </p>
            <select
              id={`${id}-encoding`}
              value={state.encoding}
              aria-describedby={`${id}-encoding-hint`}
              onChange={(e) => flow.chooseEncoding(e.currentTarget.value as ImportEncoding)}
              className="rounded-8 border border-solid-gray-600 px-3 py-2"
            >
              {IMPORT_ENCODINGS.map((value) => (
                <option key={value} value={value}>
                  {IMPORT_ENCODING_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
        )}
        <ExamplePicker onUse={onUseMapping} />
      </section>

      {state.columns && state.mapping && (
        <section aria-labelledby={`${id}-step2`} className="space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
          <h2 id={`${id}-step2`} className="text-std-22B-150">
            {t.step2}
          </h2>
          <p className="text-dns-16N-130 text-solid-gray-700">{t.step2Hint}</p>
          {source && <p className="text-dns-16N-130">{source}</p>}
          <SavedMappings mapping={state.mapping} onUse={onUseMapping} />
          <MappingBuilder columns={state.columns} mapping={state.mapping} onChange={flow.setMapping} />
        </section>
      )}

      <section aria-labelledby={`${id}-step3`} className="space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
        <h2 id={`${id}-step3`} className="text-std-22B-150">
          {t.step3}
        </h2>
        <fieldset className="space-y-2">
          <legend className="text-std-17B-170">{t.status}</legend>
          {(
            [
              ["DRAFT", t.statusDraft],
              ["PUBLISHED", t.statusPublished],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex cursor-pointer items-center gap-3">
              <input type="radio" name={`${id}-status`} value={value} checked={state.status === value} onChange={() => flow.setOptions({ status: value })} className="size-5 shrink-0" />
              {label}
            </label>
          ))}
        </fieldset>
        <UpdateStatusCheckbox checked={state.updateStatus} onChange={(updateStatus) => flow.setOptions({ updateStatus })} />
        <label className="flex cursor-pointer items-center gap-3">
          <input type="checkbox" checked={state.skipInvalid} onChange={(e) => flow.setOptions({ skipInvalid: e.currentTarget.checked })} className="size-5 shrink-0" />
          {t.skipInvalid}
        </label>
        {problem("form") && (
          <p role="alert" className="text-dns-16B-130 text-error-1">
            {problem("form")}
          </p>
        )}
        {state.problem?.where === "mapping" && (
          <p role="alert" className="text-dns-16B-130 text-error-1">
            {state.problem.message}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={state.phase === "checking" || state.reading}>
          {state.phase === "checking" ? t.checking : t.check}
        </button>
      </section>
    </form>
  );
}

import type { SavedImportMappingView, TableMappingInput } from "@kb/shared";
import { useEffect, useId, useState } from "react";
import { FieldError } from "../components/form/Field";
import { messages as m } from "../messages";
import { deleteSavedMapping, exampleFileUrl, exampleMappingUrl, listExamples, listSavedMappings, saveMapping, type ImportExample } from "./importApi";

const t = m.importAdmin;
const selectClass = "w-full max-w-full rounded-8 border border-solid-gray-600 bg-white px-3 py-2 sm:w-auto";

/** 例で試す: the example files and mappings the server ships (seeds/import-examples), to download or use. */
export function ExamplePicker({ onUse }: { onUse: (mapping: TableMappingInput, name: string) => void }) {
  const id = useId();
  const [examples, setExamples] = useState<ImportExample[]>([]);
  const [exampleId, setExampleId] = useState("");
  useEffect(() => {
    let live = true;
    void listExamples().then((result) => {
      if (live && result.ok) setExamples(result.value);
    });
    return () => {
      live = false;
    };
  }, []);
  const example = examples.find((e) => e.id === exampleId);
  if (!examples.length) return null;
  return (
    <details className="rounded-8 border border-solid-gray-200 p-4">
      <summary className="cursor-pointer text-std-16B-170 text-blue-900">{t.examples}</summary>
      <div className="mt-3 space-y-3">
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {t.examplesHint}
        </p>
        <label htmlFor={id} className="block text-std-16B-170">
          {t.example}
        </label>
        <select id={id} value={exampleId} onChange={(e) => setExampleId(e.currentTarget.value)} aria-describedby={`${id}-hint`} className={selectClass}>
          <option value="">{t.noExample}</option>
          {examples.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        {example && (
          <div className="space-y-2 text-dns-16N-130">
            <p>{example.description}</p>
            <ul className="space-y-1">
              {example.dataFile && (
                <li>
                  <a href={exampleFileUrl(example.id)} download={example.dataFile}>
                    {t.exampleFile(example.dataFile)}
                  </a>
                </li>
              )}
              <li>
                <a href={exampleMappingUrl(example.id)} download={`${example.id}.mapping.json`}>
                  {t.exampleMapping}
                </a>
              </li>
            </ul>
            <button type="button" className="btn-outline" onClick={() => onUse(example.mapping as TableMappingInput, example.name)}>
              {t.useExample}
            </button>
          </div>
        )}
      </div>
    </details>
  );
}

/** 保存した対応付け: use one saved before, save the current one under a name, delete one. */
export function SavedMappings({ mapping, onUse }: { mapping: TableMappingInput | null; onUse: (mapping: TableMappingInput, name: string) => void }) {
  const id = useId();
  const [saved, setSaved] = useState<SavedImportMappingView[]>([]);
  const [chosenId, setChosenId] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState("");
  const load = () =>
    listSavedMappings().then((result) => {
      if (result.ok) setSaved(result.value);
    });
  useEffect(() => {
    void load();
  }, []);
  const chosen = saved.find((s) => s.id === chosenId);

  const onSave = async () => {
    setStatus("");
    setError(undefined);
    if (!mapping) return;
    const result = await saveMapping({ name, mapping });
    if (!result.ok) {
      const field = result.fields.find((f) => f.path === "name");
      setError(field?.message ?? result.fields.map((f) => f.message).join(" ／ ") ?? result.message);
      return;
    }
    setStatus(t.savedDone(result.value.name));
    await load();
    setChosenId(result.value.id);
  };

  const onDelete = async () => {
    if (!chosen) return;
    setStatus("");
    const result = await deleteSavedMapping(chosen.id);
    if (!result.ok) return setError(result.message);
    setStatus(t.deletedSaved(chosen.name));
    setChosenId("");
    await load();
  };

  return (
    <div className="space-y-4 rounded-8 border border-solid-gray-200 p-4">
      <div className="space-y-2">
        <label htmlFor={`${id}-saved`} className="block text-std-16B-170">
          {t.saved}
        </label>
        {saved.length === 0 ? (
          <p className="text-dns-14N-130 text-solid-gray-700">{t.savedNone}</p>
        ) : (
          <>
            <p id={`${id}-saved-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {t.savedHint}
            </p>
            <div className="flex flex-wrap items-center gap-3">
              <select id={`${id}-saved`} value={chosenId} onChange={(e) => setChosenId(e.currentTarget.value)} aria-describedby={`${id}-saved-hint`} className={selectClass}>
                <option value="">{t.noSaved}</option>
                {saved.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn-outline"
                disabled={!chosen}
                onClick={() => {
                  if (!chosen) return;
                  onUse(chosen.mapping, chosen.name);
                  setName(chosen.name);
                }}
              >
                {t.useSaved}
              </button>
              <button type="button" className="btn-text" disabled={!chosen} onClick={() => void onDelete()}>
                {t.deleteSaved}
              </button>
            </div>
          </>
        )}
      </div>
      {mapping && (
        <div className="space-y-2">
          <label htmlFor={`${id}-name`} className="block text-std-16B-170">
            {t.saveName}
          </label>
          <p id={`${id}-name-hint`} className="text-dns-14N-130 text-solid-gray-700">
            {t.saveNameHint}
          </p>
          <FieldError id={`${id}-name-error`} message={error} />
          <div className="flex flex-wrap items-center gap-3">
            <input
              id={`${id}-name`}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(undefined);
              }}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${error ? `${id}-name-error ` : ""}${id}-name-hint`}
              className="input-text w-full max-w-md"
            />
            <button type="button" className="btn-outline" onClick={() => void onSave()}>
              {t.save}
            </button>
          </div>
        </div>
      )}
      <p role="status" className="text-dns-16N-130">
        {status}
      </p>
    </div>
  );
}

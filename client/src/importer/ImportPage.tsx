import { IMPORT_ENCODING_LABELS, IMPORT_ENCODINGS, type ImportEncoding, type TableMappingInput } from "@kb/shared";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { loginPath, useMe } from "../auth/me";
import { FieldError } from "../components/form/Field";
import { messages as m } from "../messages";
import { PlanReport, RunProgress } from "./ImportReport";
import { UpdateStatusCheckbox } from "./StatusChanges";
import { MappingBuilder } from "./MappingBuilder";
import { ExamplePicker, SavedMappings } from "./MappingSources";
import { useImportFlow } from "./useImportFlow";

const t = m.importAdmin;

/** 好事例の取り込み: choose a file → map its columns → check (dry run) → import → result. ADMIN only (DESIGN §2). */
export default function ImportPage() {
  const { me, loading } = useMe();
  const location = useLocation();
  if (loading) return <p role="status">{m.auth.checking}</p>;
  if (!me) return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
  if (me.role !== "ADMIN") {
    return (
      <div className="space-y-4">
        <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
        <p>{t.adminOnly}</p>
        <p>
          <Link to="/">{m.notFound.link}</Link>
        </p>
      </div>
    );
  }
  return <ImportWorkbench />;
}

const fileInputClass =
  "block w-full text-dns-16N-130 file:mr-4 file:cursor-pointer file:rounded-8 file:border file:border-blue-900 file:bg-white file:px-4 file:py-2 file:text-blue-900";

function ImportWorkbench() {
  const id = useId();
  const flow = useImportFlow();
  const { state } = flow;
  const fileRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [source, setSource] = useState("");

  // Each state has its own heading; moving to another one takes the focus there.
  const phase = state.phase === "checking" ? "setup" : state.phase;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (phase !== "setup") headingRef.current?.focus();
  }, [phase]);

  const useMapping = (mapping: TableMappingInput, name: string) => {
    flow.setMapping(mapping);
    setSource(t.exampleUsed(name));
  };

  const onCheck = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await flow.check();
    if (problem?.where === "file") fileRef.current?.focus();
  };

  const run = state.run;
  const plan = run?.plan;
  const canRun = !!plan && !plan.fileErrors.length && (!plan.rejected || run.options.skipInvalid) && plan.created + plan.updated > 0;
  const problem = (where: "file" | "mapping" | "form") => (state.problem?.where === where ? state.problem.message : undefined);

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <title>{`${t.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{t.title}</h1>
        <p className="text-solid-gray-700">{t.lead}</p>
      </div>

      {phase === "setup" && (
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
            <ExamplePicker onUse={useMapping} />
          </section>

          {state.columns && state.mapping && (
            <section aria-labelledby={`${id}-step2`} className="space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
              <h2 id={`${id}-step2`} className="text-std-22B-150">
                {t.step2}
              </h2>
              <p className="text-dns-16N-130 text-solid-gray-700">{t.step2Hint}</p>
              {source && <p className="text-dns-16N-130">{source}</p>}
              <SavedMappings mapping={state.mapping} onUse={useMapping} />
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
      )}

      {phase === "planned" && run && plan && (
        <section aria-labelledby={`${id}-result`} className="space-y-4">
          <h2 id={`${id}-result`} ref={headingRef} tabIndex={-1} className="text-std-22B-150">
            {plan.fileErrors.length ? t.cannotHeading : t.resultHeading}
          </h2>
          <PlanReport report={plan} updateStatus={state.updateStatus} />
          {plan.fileErrors.length === 0 && plan.rejected > 0 && !run.options.skipInvalid && (
            <p role="alert" className="text-dns-16B-130 text-error-1">
              {t.blocked}
            </p>
          )}
          {plan.fileErrors.length === 0 && plan.created + plan.updated === 0 && plan.rejected === 0 && <p>{t.nothingToDo}</p>}
          {problem("form") && (
            <p role="alert" className="text-dns-16B-130 text-error-1">
              {problem("form")}
            </p>
          )}
          <div className="flex flex-wrap gap-4">
            {canRun && (
              <button type="button" className="btn-primary" onClick={() => void flow.start()}>
                {t.run}
              </button>
            )}
            <button type="button" className="btn-outline" onClick={flow.back}>
              {t.back}
            </button>
          </div>
        </section>
      )}

      {(phase === "running" || phase === "done" || phase === "failed") && run && (
        <section aria-labelledby={`${id}-run`} className="space-y-4">
          <h2 id={`${id}-run`} ref={headingRef} tabIndex={-1} className="text-std-22B-150">
            {phase === "running" ? t.runningHeading : phase === "done" ? t.doneHeading : t.failedHeading}
          </h2>
          <RunProgress run={run} />
          {phase !== "running" && (
            <p className="flex flex-wrap gap-4">
              {phase === "done" && <Link to="/">{t.searchLink}</Link>}
              {phase === "failed" && (
                <button type="button" className="btn-outline" onClick={flow.back}>
                  {t.back}
                </button>
              )}
              <button type="button" className="btn-text" onClick={flow.reset}>
                {t.again}
              </button>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

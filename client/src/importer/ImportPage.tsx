import {
  IMPORT_ENCODING_LABELS,
  IMPORT_ENCODINGS,
  IMPORT_PHASE_LABELS,
  IMPORT_ROW_ACTION_LABELS,
  summarizeImport,
  tableMappingSchema,
  type ImportEncoding,
  type ImportRunView,
  type ImportStatus,
  type TableImportReport,
} from "@kb/shared";
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { loginPath, useMe } from "../auth/me";
import { FieldError } from "../components/form/Field";
import { messages as m } from "../messages";
import { exampleFileUrl, getImport, listExamples, planImport, startImport, type ImportExample } from "./importApi";
import { StatusChangeSummary, UpdateStatusCheckbox } from "./StatusChanges";

const t = m.importAdmin;
const MAX_BYTES = 50 * 1024 * 1024;

/** 好事例の取り込み: upload → dry run → import with progress → report. ADMIN only (DESIGN §2). */
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

type Errors = Partial<Record<"file" | "mapping" | "form", string>>;

/** Client-side check of the mapping text, with the shared schema the server uses too. */
function checkMapping(text: string): string | null {
  if (!text.trim()) return t.mappingEmpty;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return t.mappingJson((error as Error).message);
  }
  const parsed = tableMappingSchema.safeParse(json);
  if (parsed.success) return null;
  return parsed.error.issues
    .slice(0, 5)
    .map((i) => t.mappingIssue(i.path.join("."), i.message))
    .join(" ／ ");
}

function ImportWorkbench() {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const mappingRef = useRef<HTMLTextAreaElement>(null);
  const step2Ref = useRef<HTMLHeadingElement>(null);
  const [examples, setExamples] = useState<ImportExample[]>([]);
  const [exampleId, setExampleId] = useState("");
  const [mapping, setMapping] = useState("");
  const [encoding, setEncoding] = useState<ImportEncoding>("auto");
  const [status, setStatus] = useState<ImportStatus>("DRAFT");
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [updateStatus, setUpdateStatus] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState<ImportRunView | null>(null);

  useEffect(() => {
    let live = true;
    void listExamples().then((result) => {
      if (live && result.ok) setExamples(result.value);
    });
    return () => {
      live = false;
    };
  }, []);

  // While the import runs, follow it.
  const runId = run?.id;
  const running = run?.state === "RUNNING";
  useEffect(() => {
    if (!runId || !running) return;
    const timer = window.setInterval(() => {
      void getImport(runId).then((result) => {
        if (result.ok) setRun(result.value);
      });
    }, 500);
    return () => window.clearInterval(timer);
  }, [runId, running]);

  const example = examples.find((e) => e.id === exampleId);

  const onExample = (event: ChangeEvent<HTMLSelectElement>) => {
    const chosen = examples.find((e) => e.id === event.currentTarget.value);
    setExampleId(event.currentTarget.value);
    if (chosen) {
      setMapping(JSON.stringify(chosen.mapping, null, 2));
      setErrors((e) => ({ ...e, mapping: undefined }));
    }
  };

  const onMappingFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setMapping(await file.text());
    setExampleId("");
    setErrors((e) => ({ ...e, mapping: undefined }));
  };

  const onCheck = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const next: Errors = {};
    if (!file) next.file = t.chooseFile;
    else if (file.size > MAX_BYTES) next.file = t.tooLarge;
    const mappingProblem = checkMapping(mapping);
    if (mappingProblem) next.mapping = mappingProblem;
    setErrors(next);
    if (next.file) return fileRef.current?.focus();
    if (next.mapping) return mappingRef.current?.focus();
    setBusy(true);
    setRun(null);
    const result = await planImport({ file: file!, mapping, status, updateStatus, encoding, skipInvalid });
    setBusy(false);
    if (!result.ok) {
      const mappingFields = result.fields.filter((f) => f.path.startsWith("mapping"));
      const fileField = result.fields.find((f) => f.path === "file");
      if (mappingFields.length) {
        setErrors({ mapping: mappingFields.map((f) => t.mappingIssue(f.path.replace(/^mapping\.?/, ""), f.message)).join(" ／ ") });
        mappingRef.current?.focus();
      } else if (fileField) {
        setErrors({ file: fileField.message });
        fileRef.current?.focus();
      } else setErrors({ form: result.message });
      return;
    }
    setRun(result.value);
    requestAnimationFrame(() => step2Ref.current?.focus());
  };

  const onRun = async () => {
    if (!run) return;
    setBusy(true);
    const result = await startImport(run.id);
    setBusy(false);
    if (!result.ok) {
      setErrors({ form: result.message });
      return;
    }
    setRun(result.value);
  };

  const plan = run?.plan;
  const canRun = !!plan && run?.state === "PLANNED" && !plan.fileErrors.length && (!plan.rejected || run.options.skipInvalid) && plan.created + plan.updated > 0;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <title>{`${t.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{t.title}</h1>
        <p className="text-solid-gray-700">{t.lead}</p>
      </div>

      <section aria-labelledby={`${id}-step1`} className="space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
        <h2 id={`${id}-step1`} className="text-std-22B-150">
          {t.step1}
        </h2>
        <form onSubmit={(e) => void onCheck(e)} noValidate aria-labelledby={`${id}-step1`} className="space-y-5">
          <div className="space-y-2">
            <label htmlFor={`${id}-file`} className="block text-std-17B-170">
              {t.file}
            </label>
            <p id={`${id}-file-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {t.fileHint}
            </p>
            <FieldError id={`${id}-file-error`} message={errors.file} />
            <input
              ref={fileRef}
              id={`${id}-file`}
              type="file"
              accept=".csv,.tsv,.txt,.xlsx"
              aria-invalid={errors.file ? true : undefined}
              aria-describedby={`${errors.file ? `${id}-file-error ` : ""}${id}-file-hint`}
              onChange={() => setErrors((e) => ({ ...e, file: undefined }))}
              className="block w-full text-dns-16N-130 file:mr-4 file:cursor-pointer file:rounded-8 file:border file:border-blue-900 file:bg-white file:px-4 file:py-2 file:text-blue-900"
            />
          </div>

          <div className="space-y-2">
            <label htmlFor={`${id}-example`} className="block text-std-17B-170">
              {t.example}
            </label>
            <p id={`${id}-example-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {t.exampleHint}
            </p>
            <select
              id={`${id}-example`}
              value={exampleId}
              onChange={onExample}
              aria-describedby={`${id}-example-hint`}
              className="rounded-8 border border-solid-gray-600 px-3 py-2"
            >
              <option value="">{t.noExample}</option>
              {examples.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
            {example && (
              <div className="space-y-1 text-dns-16N-130">
                <p>{example.description}</p>
                {example.dataFile && (
                  <p>
                    <a href={exampleFileUrl(example.id)} download={example.dataFile}>
                      {t.exampleFile(example.dataFile)}
                    </a>
                  </p>
                )}
              </div>
            )}
          </div>

          <div className="space-y-2">
            <label htmlFor={`${id}-mapping`} className="block text-std-17B-170">
              {t.mapping}
            </label>
            <p id={`${id}-mapping-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {t.mappingHint}
            </p>
            <FieldError id={`${id}-mapping-error`} message={errors.mapping} />
            <textarea
              ref={mappingRef}
              id={`${id}-mapping`}
              value={mapping}
              onChange={(e) => {
                setMapping(e.currentTarget.value);
                setErrors((x) => ({ ...x, mapping: undefined }));
              }}
              rows={14}
              spellCheck={false}
              aria-invalid={errors.mapping ? true : undefined}
              aria-describedby={`${errors.mapping ? `${id}-mapping-error ` : ""}${id}-mapping-hint`}
              className="input-text w-full font-mono text-dns-14N-130"
            />
            <label htmlFor={`${id}-mapping-file`} className="block text-std-16B-170">
              {t.mappingFile}
            </label>
            <p id={`${id}-mapping-file-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {t.mappingFileHint}
            </p>
            <input
              id={`${id}-mapping-file`}
              type="file"
              accept=".json,application/json"
              aria-describedby={`${id}-mapping-file-hint`}
              onChange={(e) => void onMappingFile(e)}
              className="block w-full text-dns-16N-130 file:mr-4 file:cursor-pointer file:rounded-8 file:border file:border-blue-900 file:bg-white file:px-4 file:py-2 file:text-blue-900"
            />
          </div>

          <div className="flex flex-wrap gap-8">
            <div className="space-y-2">
              <label htmlFor={`${id}-encoding`} className="block text-std-17B-170">
                {t.encoding}
              </label>
              <p id={`${id}-encoding-hint`} className="text-dns-14N-130 text-solid-gray-700">
                {t.encodingHint}
              </p>
              <select
                id={`${id}-encoding`}
                value={encoding}
                aria-describedby={`${id}-encoding-hint`}
                onChange={(e) => setEncoding(e.currentTarget.value as ImportEncoding)}
                className="rounded-8 border border-solid-gray-600 px-3 py-2"
              >
                {IMPORT_ENCODINGS.map((value) => (
                  <option key={value} value={value}>
                    {IMPORT_ENCODING_LABELS[value]}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="space-y-2">
              <legend className="text-std-17B-170">{t.status}</legend>
              {(
                [
                  ["DRAFT", t.statusDraft],
                  ["PUBLISHED", t.statusPublished],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="flex cursor-pointer items-center gap-3">
                  <input type="radio" name={`${id}-status`} value={value} checked={status === value} onChange={() => setStatus(value)} className="size-5" />
                  {label}
                </label>
              ))}
            </fieldset>
          </div>
          <UpdateStatusCheckbox checked={updateStatus} onChange={setUpdateStatus} />
          <label className="flex cursor-pointer items-center gap-3">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.currentTarget.checked)} className="size-5" />
            {t.skipInvalid}
          </label>

          {errors.form && (
            <p role="alert" className="text-dns-16B-130 text-error-1">
              {errors.form}
            </p>
          )}
          <button type="submit" className="btn-primary" disabled={busy || running}>
            {busy && !run ? t.checking : t.check}
          </button>
        </form>
      </section>

      {run && plan && (
        <section aria-labelledby={`${id}-step2`} className="space-y-4">
          <h2 id={`${id}-step2`} ref={step2Ref} tabIndex={-1} className="text-std-22B-150">
            {t.step2}
          </h2>
          <PlanReport report={plan} updateStatus={run.options.updateStatus ?? false} />
          {plan.fileErrors.length === 0 && plan.rejected > 0 && !run.options.skipInvalid && (
            <p role="alert" className="text-dns-16B-130 text-error-1">
              {t.blocked}
            </p>
          )}
          {plan.fileErrors.length === 0 && plan.created + plan.updated === 0 && plan.rejected === 0 && <p>{t.nothingToDo}</p>}
          {run.state === "PLANNED" && (
            <button type="button" className="btn-primary" disabled={!canRun || busy} onClick={() => void onRun()}>
              {busy ? t.starting : t.run}
            </button>
          )}
        </section>
      )}

      {run && run.state !== "PLANNED" && <RunProgress run={run} />}
    </div>
  );
}

const MAX_ROWS_SHOWN = 1000;

/** Every rejected row and status change, then the others in file order, up to MAX_ROWS_SHOWN (a 100k-row list stays usable). */
function shownRows(report: TableImportReport) {
  if (report.rows.length <= MAX_ROWS_SHOWN) return report.rows;
  const first = (r: TableImportReport["rows"][number]) => r.action === "REJECT" || !!r.statusChange;
  let others = MAX_ROWS_SHOWN - report.rows.filter(first).length;
  return report.rows.filter((r) => first(r) || others-- > 0);
}

function PlanReport({ report, updateStatus }: { report: TableImportReport; updateStatus: boolean }) {
  const s = report.source;
  const what = `${s.fileName}（${s.format === "xlsx" ? t.formatXlsx(s.sheet) : t.formatCsv(s.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8")}）`;
  if (report.fileErrors.length) {
    return (
      <div role="alert" className="space-y-2 text-error-1">
        <p className="text-dns-16B-130">{t.fileErrors}</p>
        <ul className="list-disc space-y-1 pl-6">
          {report.fileErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p>{t.source(what, report.records)}</p>
      <p className="text-std-17B-170">{t.summary(summarizeImport(report))}</p>
      <StatusChangeSummary report={report} updateStatus={updateStatus} />
      {report.warnings.length > 0 && (
        <ul aria-label={t.warnings} className="list-disc pl-6">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-dns-16N-130">
          <caption className="text-left text-std-17B-170">{t.rowsCaption}</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="px-2 py-2">{t.colWhere}</th>
              <th scope="col" className="px-2 py-2">{t.colAction}</th>
              <th scope="col" className="px-2 py-2">{t.colId}</th>
              <th scope="col" className="px-2 py-2">{t.colTitle}</th>
              <th scope="col" className="px-2 py-2">{t.colMessages}</th>
            </tr>
          </thead>
          <tbody>
            {shownRows(report).map((row, i) => (
              <tr key={`${row.where}-${i}`} className={`border-b border-solid-gray-200 align-top ${row.action === "REJECT" ? "bg-red-50" : ""}`}>
                <th scope="row" className="whitespace-nowrap px-2 py-2 font-normal">
                  {row.where}
                </th>
                <td className={`whitespace-nowrap px-2 py-2 ${row.action === "REJECT" ? "font-bold text-error-1" : ""}`}>{IMPORT_ROW_ACTION_LABELS[row.action]}</td>
                <td className="px-2 py-2">{row.externalId ?? ""}</td>
                <td className="px-2 py-2">{row.title ?? ""}</td>
                <td className="px-2 py-2">
                  {row.messages.length > 0 && (
                    <ul className="space-y-1">
                      {row.messages.map((msg) => (
                        <li key={msg}>{msg}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.rows.length > MAX_ROWS_SHOWN && <p>{t.moreRows(report.rows.length - MAX_ROWS_SHOWN)}</p>}
      <p className="text-dns-14N-130 text-solid-gray-700">{t.columns(report.source.columns.join("、"))}</p>
    </div>
  );
}

function RunProgress({ run }: { run: ImportRunView }) {
  const id = useId();
  const report = run.report;
  const total = Math.max(run.total, 1);
  const done = run.state === "SUCCEEDED" ? total : Math.min(run.done, total);
  return (
    <section aria-labelledby={`${id}-step3`} className="space-y-4">
      <h2 id={`${id}-step3`} className="text-std-22B-150">
        {t.step3}
      </h2>
      <div className="space-y-2">
        <label htmlFor={`${id}-progress`} className="block text-std-17B-170">
          {t.progress}
        </label>
        <progress id={`${id}-progress`} value={done} max={total} className="h-4 w-full" />
        <p role="status">
          {run.state === "RUNNING"
            ? t.progressText(IMPORT_PHASE_LABELS[run.phase], run.done, run.total)
            : run.state === "SUCCEEDED" && report
              ? t.done(summarizeImport(report))
              : ""}
        </p>
      </div>
      {run.state === "SUCCEEDED" && report && <StatusChangeSummary report={report} updateStatus={run.options.updateStatus ?? false} />}
      {run.state === "FAILED" && (
        <div role="alert" className="space-y-1 text-error-1">
          <p className="text-dns-16B-130">{t.failed}</p>
          {run.error && <p>{run.error}</p>}
        </div>
      )}
      {run.state === "SUCCEEDED" && (
        <p className="flex flex-wrap gap-4">
          <Link to="/">{t.searchLink}</Link>
        </p>
      )}
    </section>
  );
}

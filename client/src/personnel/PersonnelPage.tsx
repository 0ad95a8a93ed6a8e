import { PERSONNEL_TEMPLATE_CSV, PERSONNEL_VERDICT_LABELS, PERSONNEL_VERDICTS, type PersonnelApplyResult, type PersonnelDryRun } from "@kb/shared";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { RequireAdmin } from "../admin/RequireAdmin";
import { messages as m } from "../messages";
import { jaPersonnel as t } from "../messages/ja-personnel";
import { applyList, dryRun } from "./personnelApi";
import { PersonnelRows } from "./PersonnelRows";

/** 人事異動の取り込み: choose the HR list → dry run (row by row) → confirm → apply in one transaction. ADMIN only. */
export default function PersonnelPage() {
  return <RequireAdmin>{() => <PersonnelWorkbench />}</RequireAdmin>;
}

type Phase =
  | { name: "choose" }
  | { name: "checking" }
  | { name: "checked"; run: PersonnelDryRun; confirming: boolean }
  | { name: "applying"; run: PersonnelDryRun }
  | { name: "done"; run: PersonnelDryRun; result: PersonnelApplyResult };

function PersonnelWorkbench() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: "choose" });
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  // A new step takes the focus to its heading, so a screen reader hears where it is.
  useEffect(() => {
    if (phase.name === "checked" && !phase.confirming) headingRef.current?.focus();
    if (phase.name === "done") headingRef.current?.focus();
    if (phase.name === "checked" && phase.confirming) confirmRef.current?.focus();
  }, [phase]);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!file) {
      setProblem(t.chooseFile);
      fileRef.current?.focus();
      return;
    }
    setPhase({ name: "checking" });
    const answer = await dryRun(file);
    if (!answer.ok) {
      setPhase({ name: "choose" });
      setProblem(answer.message);
      return;
    }
    setPhase({ name: "checked", run: answer.value, confirming: false });
  };

  const apply = async (run: PersonnelDryRun) => {
    if (!file) return;
    setProblem(null);
    setPhase({ name: "applying", run });
    const answer = await applyList(file, run.digest);
    if (!answer.ok) {
      setPhase({ name: "checked", run, confirming: false });
      setProblem(answer.message);
      return;
    }
    setPhase({ name: "done", run, result: answer.value });
  };

  const restart = () => {
    setFile(null);
    setProblem(null);
    setPhase({ name: "choose" });
  };

  const downloadTemplate = () => {
    const url = URL.createObjectURL(new Blob([PERSONNEL_TEMPLATE_CSV], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "人事異動ひな形.csv";
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const run = phase.name === "checked" || phase.name === "applying" || phase.name === "done" ? phase.run : null;
  const changes = run ? run.counts.NEW + run.counts.TRANSFER + run.counts.RETIRE : 0;

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <title>{`${t.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{t.title}</h1>
        <p className="text-solid-gray-700">{t.lead}</p>
      </div>

      {(phase.name === "choose" || phase.name === "checking") && (
        <>
          <details className="rounded-8 border border-solid-gray-420 p-4">
            <summary className="cursor-pointer text-std-17B-170">{t.formatHeading}</summary>
            <ul className="mt-3 list-disc space-y-2 pl-6">
              {t.formatItems.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            <p className="mt-3">
              <button type="button" className="btn-outline" onClick={downloadTemplate}>
                {t.template}
              </button>
            </p>
          </details>
          <form onSubmit={(e) => void check(e)} noValidate className="space-y-4">
            <div className="space-y-2">
              <label htmlFor={`${id}-file`} className="block text-std-17B-170">
                {t.file}
              </label>
              <p id={`${id}-hint`} className="text-dns-16N-130 text-solid-gray-700">
                {t.fileHint}
              </p>
              <input
                ref={fileRef}
                id={`${id}-file`}
                type="file"
                accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={problem ? `${id}-problem ${id}-hint` : `${id}-hint`}
                aria-invalid={problem ? true : undefined}
                onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
                className="block max-w-full"
              />
            </div>
            {problem && (
              <p id={`${id}-problem`} role="alert" className="text-dns-16B-130 text-error-1">
                {problem}
              </p>
            )}
            <button type="submit" className="btn-primary" disabled={phase.name === "checking"}>
              {phase.name === "checking" ? t.checking : t.check}
            </button>
            {phase.name === "checking" && (
              <p role="status" className="sr-only">
                {t.checking}
              </p>
            )}
          </form>
        </>
      )}

      {run && phase.name !== "done" && (
        <section aria-labelledby={`${id}-result`} className="space-y-6">
          <div className="space-y-2">
            <h2 id={`${id}-result`} ref={headingRef} tabIndex={-1} className="text-std-22B-150">
              {t.resultHeading}
            </h2>
            <p>{t.resultLead(run.fileName, run.rows.length)}</p>
          </div>
          <Counts run={run} />
          {run.counts.ERROR > 0 && <ErrorList run={run} />}
          <PersonnelRows run={run} />
          {problem && (
            <p role="alert" className="text-dns-16B-130 text-error-1">
              {problem}
            </p>
          )}
          {run.counts.ERROR === 0 && changes === 0 && <p>{t.nothingToApply}</p>}
          {phase.name === "checked" && phase.confirming ? (
            <div role="group" aria-labelledby={`${id}-confirm`} className="space-y-3 rounded-8 border-2 border-blue-900 p-4">
              <h3 id={`${id}-confirm`} className="text-std-18B-160">
                {t.confirmHeading}
              </h3>
              <p>{t.confirmText(changes)}</p>
              <div className="flex flex-wrap gap-4">
                <button ref={confirmRef} type="button" className="btn-primary" onClick={() => void apply(run)}>
                  {t.confirmApply}
                </button>
                <button type="button" className="btn-outline" onClick={() => setPhase({ name: "checked", run, confirming: false })}>
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : (
            <div className="flex flex-wrap gap-4">
              {run.counts.ERROR === 0 && changes > 0 && (
                <button
                  type="button"
                  className="btn-primary"
                  disabled={phase.name === "applying"}
                  onClick={() => setPhase({ name: "checked", run, confirming: true })}
                >
                  {phase.name === "applying" ? t.applying : t.apply}
                </button>
              )}
              <button type="button" className="btn-outline" onClick={restart} disabled={phase.name === "applying"}>
                {t.back}
              </button>
            </div>
          )}
          {phase.name === "applying" && <p role="status">{t.applying}</p>}
        </section>
      )}

      {phase.name === "done" && (
        <section aria-labelledby={`${id}-done`} className="space-y-4">
          <h2 id={`${id}-done`} ref={headingRef} tabIndex={-1} className="text-std-22B-150">
            {t.doneHeading}
          </h2>
          <Counts run={{ ...phase.run, counts: phase.result.counts }} heading={t.doneSummary} />
          <DoneNotes result={phase.result} />
          <button type="button" className="btn-outline" onClick={restart}>
            {t.again}
          </button>
        </section>
      )}
    </div>
  );
}

function DoneNotes({ result }: { result: PersonnelApplyResult }) {
  const notes = [
    result.notificationsMoved > 0 && t.moved(result.notificationsMoved),
    result.notificationsWithoutSuccessor > 0 && t.withoutSuccessor(result.notificationsWithoutSuccessor),
    result.endedSessions > 0 && t.endedSessions(result.endedSessions),
  ].filter((n): n is string => !!n);
  if (!notes.length) return null;
  return (
    <ul className="list-disc space-y-1 pl-6">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

function Counts({ run, heading = t.counts }: { run: PersonnelDryRun; heading?: string }) {
  return (
    <div>
      <h3 className="sr-only">{heading}</h3>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {PERSONNEL_VERDICTS.map((v) => (
          <div key={v} className={`rounded-8 border p-3 ${v === "ERROR" && run.counts.ERROR ? "border-error-1" : "border-solid-gray-420"}`}>
            <dt className="text-dns-16N-130 text-solid-gray-700">{PERSONNEL_VERDICT_LABELS[v]}</dt>
            <dd className="text-std-22B-150">{t.countOf(run.counts[v])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ErrorList({ run }: { run: PersonnelDryRun }) {
  const id = useId();
  const rows = run.rows.filter((r) => r.verdict === "ERROR");
  return (
    <section aria-labelledby={id} className="space-y-2 rounded-8 border-2 border-error-1 p-4">
      <h3 id={id} className="text-std-18B-160 text-error-1">
        {t.errorsHeading}（{rows.length.toLocaleString("ja-JP")}）
      </h3>
      <p>{t.errorsLead}</p>
      <ul className="space-y-1">
        {rows.slice(0, 200).map((r) => (
          <li key={r.row}>
            <strong>{t.rowLabel(r.row)}</strong>: {r.errors.join(" ")}
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { TableMappingInput } from "@kb/shared";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { RequireAdmin } from "../admin/RequireAdmin";
import { messages as m } from "../messages";
import { PlanReport, RunProgress } from "./ImportReport";
import { ImportSetupForm } from "./ImportSetupForm";
import { useImportFlow } from "./useImportFlow";

const t = m.importAdmin;

/** 好事例の取り込み: choose a file → map its columns → check (dry run) → import → result. ADMIN only (DESIGN §2). */
export default function ImportPage() {
  return <RequireAdmin>{() => <ImportWorkbench />}</RequireAdmin>;
}

function ImportWorkbench() {
  const id = useId();
  const flow = useImportFlow();
  const { state } = flow;
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

  const run = state.run;
  const plan = run?.plan;
  const canRun = !!plan && !plan.fileErrors.length && (!plan.rejected || run.options.skipInvalid) && plan.created + plan.updated > 0;
  const formProblem = state.problem?.where === "form" ? state.problem.message : undefined;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <title>{`${t.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{t.title}</h1>
        <p className="text-solid-gray-700">{t.lead}</p>
      </div>

      {phase === "setup" && <ImportSetupForm id={id} flow={flow} source={source} onUseMapping={useMapping} />}

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
          {formProblem && (
            <p role="alert" className="text-dns-16B-130 text-error-1">
              {formProblem}
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

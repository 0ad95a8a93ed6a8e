import { graphql } from "../gql";
import type { CaseWorkflow_CaseFragment } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { useId, useRef, useState } from "react";
import { Link } from "react-router";
import { evictCaseLists } from "../caseForm/caseEditorQueries";
import { fieldLabel, scanContent } from "../caseForm/formValues";
import { FieldLink } from "../components/form/FieldLink";
import { toApiError, type FieldProblem } from "../lib/apiError";
import { messages as m } from "../messages";
import { findingsKey, SUBMIT_CASE, SubmitConfirmation } from "../workflow/SubmitConfirmation";

/** What the case page needs to offer 編集する / 提出する / アーカイブ (permissions from the server's viewerCan). */
graphql(`
  fragment CaseWorkflow_case on Case {
    id
    kind
    status
    version
    title
    summary
    background
    actions
    results
    tips
    effects {
      label
      before
      after
      unit
    }
    details
    viewerCan {
      edit
      submit
      review
      archive
    }
  }
`);

export type CaseWorkflow_case = CaseWorkflow_CaseFragment;

const ARCHIVE_CASE = graphql(`
  mutation ArchiveCase($id: ID!) {
    archiveCase(id: $id) {
      id
      status
      version
      updatedAt
      viewerCan {
        edit
        submit
        review
        archive
      }
    }
  }
`);

/**
 * The status note and the actions the viewer may take on this case. Nothing at all for a reader
 * who may do nothing with a published case.
 */
export function CaseWorkflowPanel({ case: c, reviewAnchor }: { case: CaseWorkflow_case; reviewAnchor?: string }) {
  const a = m.caseActions;
  const headingId = useId();
  const can = c.viewerCan;
  const note = a.statusNotes[c.status];
  const [mode, setMode] = useState<"idle" | "submit" | "archive">("idle");
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; fields: FieldProblem[] } | null>(null);
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const findingsHeading = useRef<HTMLHeadingElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  const [submitCase, { loading: submitting }] = useMutation(SUBMIT_CASE, { update: (cache) => evictCaseLists(cache) });
  const [archiveCase, { loading: archiving }] = useMutation(ARCHIVE_CASE, { update: (cache) => evictCaseLists(cache, { search: true }) });

  if (!can.edit && !can.submit && !can.archive && !can.review && !note) return null;

  const findings = mode === "submit" ? scanContent(c) : [];
  const key = findingsKey(findings);

  const submit = async () => {
    if (findings.length > 0 && confirmedFor !== key) {
      setConfirmError(m.submit.confirmRequired);
      document.getElementById(`${headingId}-confirm`)?.querySelector<HTMLInputElement>("input[type=checkbox]")?.focus();
      return;
    }
    setFailure(null);
    try {
      await submitCase({ variables: { id: c.id, version: c.version, confirmPersonalInfo: findings.length > 0 } });
      setMode("idle");
      setMessage(m.caseForm.submitted);
    } catch (error) {
      const problem = toApiError(error, m.submit.failed);
      setFailure({ message: problem.message, fields: problem.fields.filter((f) => f.path !== "confirmPersonalInfo") });
    }
  };

  const archive = async () => {
    setFailure(null);
    try {
      await archiveCase({ variables: { id: c.id } });
      setMode("idle");
      setMessage(a.archived);
    } catch (error) {
      setFailure({ message: toApiError(error, a.archiveFailed).message, fields: [] });
    }
  };

  const cancel = () => {
    setMode("idle");
    setFailure(null);
    setConfirmError(undefined);
    requestAnimationFrame(() => startRef.current?.focus());
  };

  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4 md:p-6">
      <h2 id={headingId} className="sr-only">
        {a.heading}
      </h2>
      {note && <p className="text-std-16B-170 text-solid-gray-900">{note}</p>}
      <div className="flex flex-wrap gap-3">
        {can.edit && (
          <Link to={`/cases/${encodeURIComponent(c.id)}/edit`} className="btn-outline no-underline visited:text-blue-900">
            {a.edit}
          </Link>
        )}
        {can.submit && mode !== "submit" && (
          <button ref={startRef} type="button" className="btn-primary" onClick={() => setMode("submit")}>
            {m.submit.start}
          </button>
        )}
        {can.review && reviewAnchor && (
          <FieldLink targetId={reviewAnchor} className="btn-primary no-underline visited:text-white">
            {m.reviewPanel.jump}
          </FieldLink>
        )}
        {can.archive && mode !== "archive" && (
          <button ref={startRef} type="button" className="btn-outline" onClick={() => setMode("archive")}>
            {a.archive}
          </button>
        )}
      </div>

      {mode === "submit" && (
        <div className="space-y-4">
          <p>{m.submit.lead}</p>
          {findings.length > 0 ? (
            <div id={`${headingId}-confirm`}>
              <SubmitConfirmation
                findings={findings}
                content={c}
                caseKind={c.kind}
                confirmed={confirmedFor === key}
                onConfirmedChange={(checked) => {
                  setConfirmedFor(checked ? key : null);
                  if (checked) setConfirmError(undefined);
                }}
                error={confirmError}
                headingRef={findingsHeading}
              />
            </div>
          ) : (
            <p>{m.submit.noFindings}</p>
          )}
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn-primary" onClick={() => void submit()} disabled={submitting}>
              {submitting ? m.caseForm.submitting : m.submit.go}
            </button>
            <button type="button" className="btn-outline" onClick={cancel}>
              {m.submit.cancel}
            </button>
          </div>
        </div>
      )}

      {mode === "archive" && (
        <div className="space-y-3">
          <p className="text-std-16B-170">{a.archiveConfirm}</p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn-primary" onClick={() => void archive()} disabled={archiving}>
              {a.archiveGo}
            </button>
            <button type="button" className="btn-outline" onClick={cancel}>
              {a.archiveCancel}
            </button>
          </div>
        </div>
      )}

      {failure && (
        <div role="alert" className="space-y-2 rounded-8 border-2 border-error-1 bg-white p-4">
          <p className="text-std-16B-170">{failure.fields.length > 0 ? m.submit.fixFields : failure.message}</p>
          {failure.fields.length > 0 && (
            <ul className="list-disc pl-6">
              {failure.fields.map((f) => (
                <li key={f.path}>
                  {fieldLabel(f.path, c.kind)}：{f.message}
                </li>
              ))}
            </ul>
          )}
          {failure.fields.length > 0 && can.edit && <Link to={`/cases/${encodeURIComponent(c.id)}/edit`}>{m.submit.editToFix}</Link>}
        </div>
      )}
      <p role="status" className={message ? "text-std-16B-170" : "sr-only"}>
        {message}
      </p>
    </section>
  );
}

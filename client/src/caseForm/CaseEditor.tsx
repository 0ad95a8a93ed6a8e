import { CASE_KINDS, type CaseKind } from "@kb/shared";
import { useId } from "react";
import { get, useWatch } from "react-hook-form";
import { Link } from "react-router";
import type { Me } from "../auth/me";
import type { AttachmentItem } from "../case/AttachmentList";
import { LatestReviewComment } from "../case/LatestReviewComment";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { AttachmentUploader } from "./AttachmentUploader";
import { BasedOnPicker } from "./BasedOnPicker";
import { collectProblems } from "./caseErrors";
import type { EditableCase } from "./caseEditorQueries";
import { CommonFields } from "./CommonFields";
import { ConflictNotice } from "./ConflictNotice";
import { DetailsFields } from "./DetailsFields";
import { ErrorSummary } from "./ErrorSummary";
import { FindingsStep } from "./FindingsStep";
import { KindFieldset } from "./KindFieldset";
import { useCaseEditor } from "./useCaseEditor";

interface Props {
  me: Me;
  /** The saved case, or null for a new one. */
  existing: EditableCase | null;
  /** Re-reads the case (after an upload). */
  refetch: () => void;
}

/**
 * The one 投稿 form for every kind: kind first, then the common fields and the kind's details.
 * Validation is the shared zod schema (the server's own messages); the server's field errors land
 * on the same inputs. What is typed is autosaved in this browser, so a reload or a CONFLICT loses
 * nothing. What the buttons do lives in `useCaseEditor`.
 */
export function CaseEditor({ me, existing, refetch }: Props) {
  const editor = useCaseEditor(me, existing);
  const { form, caseId, autosave, restored, conflict, findings, busy, submitting } = editor;
  const { formRef, alertRef, findingsHeading } = editor.refs;
  const headingId = useId();
  const detailsHeadingId = useId();

  const { errors } = form.formState;
  const kind = useWatch({ control: form.control, name: "kind" });
  const errorOf = (path: string): string | undefined => (get(errors, path) as { message?: string } | undefined)?.message;
  const rootError = errors.root?.["server"]?.message;

  const canSubmit = !existing || existing.viewerCan.submit;
  const chosenKind = (CASE_KINDS as readonly string[]).includes(kind) ? (kind as CaseKind) : null;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 id={headingId} className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">
          {existing ? m.caseForm.editTitle : m.caseForm.newTitle}
        </h1>
        <p className="text-solid-gray-700">{existing ? m.caseForm.editLead : m.caseForm.newLead}</p>
        {existing && (
          <p>
            <Link to={`/cases/${encodeURIComponent(existing.id)}`}>{m.caseForm.backToCase}</Link>
          </p>
        )}
      </div>

      {existing && <LatestReviewComment case={existing} />}
      {restored && (
        <div className="flex flex-wrap items-center gap-3 rounded-8 border border-blue-900 bg-blue-50 p-4">
          <p className="flex-1">{m.caseForm.localDraft.restored(formatDateTime(restored.savedAt))}</p>
          <button type="button" className="btn-outline" onClick={editor.discardRestored}>
            {m.caseForm.localDraft.discard}
          </button>
        </div>
      )}

      <div ref={alertRef} tabIndex={-1} className="space-y-4 empty:hidden">
        {conflict && caseId && (
          <ConflictNotice caseId={caseId} message={conflict} current={() => form.getValues()} onKeepMine={editor.keepMine} onTakeLatest={editor.takeLatest} />
        )}
        {rootError && !conflict && (
          <div role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">
            <p>{rootError}</p>
          </div>
        )}
        <ErrorSummary problems={collectProblems(errors)} kind={kind} />
      </div>

      <form
        ref={formRef}
        noValidate
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          void editor.saveDraft();
        }}
        {...autosave.compositionHandlers}
        className="space-y-10"
      >
        <KindFieldset form={form} error={errorOf("kind")} />

        {!chosenKind ? (
          <p className="rounded-8 bg-solid-gray-50 p-4 text-solid-gray-800">{m.caseForm.chooseKindFirst}</p>
        ) : (
          <>
            <CommonFields form={form} errorOf={errorOf} headingId={headingId} />
            <DetailsFields form={form} kind={chosenKind} errorOf={errorOf} headingId={detailsHeadingId} />
          </>
        )}

        {findings.show && (
          <FindingsStep
            form={form}
            headingRef={findingsHeading}
            confirmedFor={findings.confirmedFor}
            onConfirm={findings.confirm}
            error={findings.error}
            serverMessage={findings.serverMessage}
          />
        )}

        <div className="space-y-3 border-t border-solid-gray-200 pt-6">
          <div className="flex flex-wrap items-center gap-4">
            <button type="submit" className="btn-outline" disabled={busy}>
              {busy && !submitting ? m.caseForm.saving : m.caseForm.saveDraft}
            </button>
            {canSubmit && (
              <button type="button" className="btn-primary" disabled={busy} onClick={() => void editor.submitForReview()}>
                {submitting ? m.caseForm.submitting : m.caseForm.submit}
              </button>
            )}
          </div>
          {canSubmit && <p className="text-dns-14N-130 text-solid-gray-700">{m.submit.lead}</p>}
          <p role="status" className="text-std-16B-170 text-solid-gray-900">
            {editor.status}
          </p>
          {autosave.savedAt && <p className="text-dns-14N-130 text-solid-gray-700">{m.caseForm.localDraft.autosaved(formatDateTime(autosave.savedAt))}</p>}
        </div>
      </form>

      <BasedOnPicker caseId={caseId} />

      <AttachmentUploader
        caseId={caseId}
        attachments={(existing?.attachments ?? []) as AttachmentItem[]}
        allowKintoneTemplate={kind === "KINTONE_APP"}
        canRemove={existing?.viewerCan.removeAttachments ?? false}
        onUploaded={refetch}
        onRemoved={editor.attachmentRemoved}
      />
    </div>
  );
}

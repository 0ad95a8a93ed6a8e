import { useId, useRef, useState, type FormEvent } from "react";
import { FieldError } from "../components/form/Field";
import { httpErrorMessage } from "../lib/apiError";
import { messages as m } from "../messages";
import { AttachmentLinks, type AttachmentItem } from "../case/AttachmentList";

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** POST /api/cases/<id>/attachments (multipart); errors come back as { error: { code, message } }. */
export async function uploadAttachment(caseId: string, file: File, kintoneTemplate: boolean): Promise<{ ok: true; fileName: string } | { ok: false; message: string }> {
  const body = new FormData();
  body.append("file", file);
  if (kintoneTemplate) body.append("kintoneTemplate", "true");
  let response: Response;
  try {
    response = await fetch(`/api/cases/${encodeURIComponent(caseId)}/attachments`, {
      method: "POST",
      // A cross-site form cannot set this header: the server's CSRF check.
      headers: { "x-kb-request": "1" },
      body,
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, message: m.errors.network };
  }
  const json = (await response.json().catch(() => null)) as { fileName?: string; error?: { message?: string } } | null;
  if (response.status === 201) return { ok: true, fileName: json?.fileName ?? file.name };
  return { ok: false, message: httpErrorMessage(response.status, json?.error?.message, m.caseForm.attachments.failed) };
}

/**
 * Its own small form (not part of the case form): attachments belong to a saved draft, so the
 * section only offers upload once the case has an id.
 */
export function AttachmentUploader({
  caseId,
  attachments,
  allowKintoneTemplate,
  canRemove,
  onUploaded,
  onRemoved,
}: {
  caseId: string | null;
  attachments: readonly AttachmentItem[];
  allowKintoneTemplate: boolean;
  /** May remove files (a replacement is a removal and an upload). */
  canRemove: boolean;
  onUploaded: () => void;
  /** The case's version after a removal. */
  onRemoved: (version: number) => void;
}) {
  const a = m.caseForm.attachments;
  const headingId = useId();
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [template, setTemplate] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (!caseId) return;
    setDone(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(a.chooseFile);
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(a.tooLarge);
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await uploadAttachment(caseId, file, allowKintoneTemplate && template);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      fileRef.current?.focus();
      return;
    }
    setDone(a.uploaded(result.fileName));
    if (fileRef.current) fileRef.current.value = "";
    setTemplate(false);
    onUploaded();
  };

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {a.heading}
      </h2>
      {!caseId ? (
        <p className="text-solid-gray-700">{a.needsDraft}</p>
      ) : (
        <>
          <p className="text-solid-gray-700">{a.lead}</p>
          <AttachmentLinks attachments={attachments} canRemove={canRemove} onRemoved={onRemoved} />
          <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={headingId} className="space-y-3 rounded-8 border border-solid-gray-200 p-4">
            <div className="space-y-2">
              <label htmlFor={inputId} className="block text-std-17B-170 text-solid-gray-900">
                {a.file}
              </label>
              <p id={`${inputId}-hint`} className="text-dns-14N-130 text-solid-gray-700">
                {a.fileHint}
              </p>
              <FieldError id={`${inputId}-error`} message={error ?? undefined} />
              <input
                ref={fileRef}
                id={inputId}
                type="file"
                accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.zip,.xlsx,.docx,.pptx,.csv,.txt"
                aria-invalid={error ? true : undefined}
                aria-describedby={`${error ? `${inputId}-error ` : ""}${inputId}-hint`}
                onChange={() => setError(null)}
                className="block w-full text-dns-16N-130 file:mr-4 file:cursor-pointer file:rounded-8 file:border file:border-blue-900 file:bg-white file:px-4 file:py-2 file:text-blue-900"
              />
            </div>
            {allowKintoneTemplate && (
              <label className="flex cursor-pointer items-center gap-3">
                <input type="checkbox" checked={template} onChange={(event) => setTemplate(event.target.checked)} className="size-5" />
                {a.kintoneTemplate}
              </label>
            )}
            <button type="submit" className="btn-outline" disabled={busy}>
              {busy ? a.uploading : a.upload}
            </button>
          </form>
          <p role="status">{done}</p>
        </>
      )}
    </section>
  );
}

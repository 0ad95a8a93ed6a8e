import { graphql } from "../gql";
import type { AttachmentList_CaseFragment } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { useId, useRef, useState } from "react";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

graphql(`
  fragment AttachmentList_case on Case {
    attachments {
      id
      fileName
      contentType
      size
      isKintoneTemplate
      createdAt
      downloadUrl
    }
    viewerCan {
      removeAttachments
    }
  }
`);

export type AttachmentItem = AttachmentList_case["attachments"][number];

export type AttachmentList_case = AttachmentList_CaseFragment;

/**
 * The case as a removal leaves it: its new version, files and revision history (which records the
 * removal). Not `viewerCan`: a removal does not change it, and a partial answer would replace it.
 */
const REMOVE_ATTACHMENT = graphql(`
  mutation RemoveAttachment($id: ID!) {
    removeAttachment(id: $id) {
      id
      version
      updatedAt
      attachments {
        id
        fileName
        contentType
        size
        isKintoneTemplate
        createdAt
        downloadUrl
      }
      ...RevisionHistory_case
    }
  }
`);

/**
 * Download links (the server always serves them as attachments), with sizes; kintone templates marked.
 * With `canRemove`, each file has a 削除 button that asks for confirmation first; `onRemoved` gets the
 * case's new version (a removal is a change to the case and moves its version on).
 */
export function AttachmentLinks({
  attachments,
  canRemove = false,
  onRemoved,
}: {
  attachments: readonly AttachmentItem[];
  canRemove?: boolean;
  onRemoved?: (version: number) => void;
}) {
  const a = m.attachments;
  const [removeAttachment] = useMutation(REMOVE_ATTACHMENT);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [problem, setProblem] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);

  const remove = async (file: AttachmentItem) => {
    if (!window.confirm(a.confirmRemove(file.fileName))) return;
    setProblem("");
    setAnnouncement("");
    setBusyId(file.id);
    try {
      const { data } = await removeAttachment({ variables: { id: file.id } });
      setAnnouncement(a.removed(file.fileName));
      if (data) onRemoved?.(data.removeAttachment.version);
    } catch (error) {
      setProblem(toApiError(error, a.removeFailed).message);
    } finally {
      setBusyId(null);
      // The button pressed is gone (or the error is to be read): keep the keyboard user's place here.
      statusRef.current?.focus();
    }
  };

  return (
    <div className="space-y-2">
      {attachments.length === 0 && <p className="text-solid-gray-700">{a.none}</p>}
      <ul className="space-y-2 empty:hidden">
        {attachments.map((file) => (
          <li key={file.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <a href={file.downloadUrl} download={file.fileName} className="text-dns-16N-130">
              {a.download(file.fileName, a.size(file.size))}
            </a>
            {file.isKintoneTemplate && (
              <span className="rounded-4 border border-blue-900 bg-blue-50 px-2 py-0.5 text-dns-14B-130 text-blue-1000">{a.kintoneTemplate}</span>
            )}
            {canRemove && (
              <button
                type="button"
                className="btn-text text-error-1"
                aria-label={a.removeLabel(file.fileName)}
                disabled={busyId !== null}
                onClick={() => void remove(file)}
              >
                {busyId === file.id ? a.removing : a.remove}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canRemove && (
        <>
          <p ref={statusRef} tabIndex={-1} role="status" className="text-dns-16B-130 text-solid-gray-900">
            {announcement}
          </p>
          {problem && (
            <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
              {problem}
            </p>
          )}
        </>
      )}
    </div>
  );
}

export function AttachmentList({ case: c }: { case: AttachmentList_case }) {
  const headingId = useId();
  // After removing the last file the section stays, to say so (and to keep the keyboard's place).
  const [removedHere, setRemovedHere] = useState(false);
  if (c.attachments.length === 0 && !removedHere) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {m.attachments.heading}
      </h2>
      <AttachmentLinks attachments={c.attachments} canRemove={c.viewerCan.removeAttachments} onRemoved={() => setRemovedHere(true)} />
    </section>
  );
}

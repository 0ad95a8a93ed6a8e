import { gql } from "@apollo/client";
import { useId } from "react";
import { messages as m } from "../messages";

export const ATTACHMENT_LIST_FRAGMENT = gql`
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
  }
`;

export interface AttachmentItem {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  isKintoneTemplate: boolean;
  createdAt: string;
  downloadUrl: string;
}

export interface AttachmentList_case {
  attachments: AttachmentItem[];
}

/** Download links (the server always serves them as attachments), with sizes; kintone templates marked. */
export function AttachmentLinks({ attachments }: { attachments: readonly AttachmentItem[] }) {
  return (
    <ul className="space-y-2">
      {attachments.map((a) => (
        <li key={a.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <a href={a.downloadUrl} download={a.fileName} className="text-dns-16N-130">
            {m.attachments.download(a.fileName, m.attachments.size(a.size))}
          </a>
          {a.isKintoneTemplate && (
            <span className="rounded-4 border border-blue-900 bg-blue-50 px-2 py-0.5 text-dns-14B-130 text-blue-1000">
              {m.attachments.kintoneTemplate}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function AttachmentList({ case: c }: { case: AttachmentList_case }) {
  const headingId = useId();
  if (c.attachments.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {m.attachments.heading}
      </h2>
      <AttachmentLinks attachments={c.attachments} />
    </section>
  );
}

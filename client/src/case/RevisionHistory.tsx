import { graphql } from "../gql";
import type { RevisionHistory_CaseFragment } from "../gql/graphql";
import { useId, useMemo, useState } from "react";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { DiffView } from "./DiffView";
import { diffCaseContent, numberRevisions, snapshotContent } from "./revisionDiff";

graphql(`
  fragment RevisionHistory_case on Case {
    revisions {
      id
      version
      createdAt
      snapshot
      removedAttachment {
        fileName
        size
        sha256
      }
      editor {
        id
        displayName
      }
    }
  }
`);

type Revision = RevisionHistory_case["revisions"][number];

export type RevisionHistory_case = RevisionHistory_CaseFragment;

/** One version's changes against the one before, computed only when opened. */
function RevisionChanges({ revision, previous }: { revision: Revision; previous: Revision | undefined }) {
  const diffs = useMemo(() => {
    const after = snapshotContent(revision.snapshot);
    return after ? diffCaseContent(previous ? snapshotContent(previous.snapshot) : null, after) : [];
  }, [revision, previous]);
  const removed = revision.removedAttachment;
  if (removed) return <p className="break-all text-solid-gray-800">{m.revisions.removedAttachmentDetail(removed.fileName, removed.sha256)}</p>;
  if (diffs.length === 0) return <p className="text-solid-gray-700">{m.revisions.noChanges}</p>;
  return (
    <div className="space-y-4">
      {!previous && <p className="text-solid-gray-700">{m.revisions.first}</p>}
      {diffs.map((d) => (
        <DiffView key={d.field} diff={d} headingLevel={4} />
      ))}
    </div>
  );
}

/**
 * 変更履歴, newest first; each version is a disclosure (a button with aria-expanded) that shows what
 * it changed compared with the version before it.
 */
export function RevisionHistory({ case: c }: { case: RevisionHistory_case }) {
  const headingId = useId();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (c.revisions.length === 0) return null;
  const revisions = numberRevisions(c.revisions);
  const r = m.revisions;
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {r.heading}
      </h2>
      <p className="text-dns-14N-130 text-solid-gray-700">{r.lead}</p>
      <ol className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
        {revisions.map(({ revision, number, previous }) => {
          const expanded = open.has(revision.id);
          const panelId = `${headingId}-${revision.id}`;
          return (
            <li key={revision.id} className="py-3">
              <h3 className="text-std-17B-170">
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-controls={panelId}
                  onClick={() => toggle(revision.id)}
                  className="flex w-full cursor-pointer flex-wrap items-baseline gap-x-3 gap-y-1 rounded-4 text-left hover:bg-solid-gray-50"
                >
                  <span aria-hidden="true" className={`inline-block transition-transform ${expanded ? "rotate-90" : ""}`}>
                    ▶
                  </span>
                  <span className="font-bold text-solid-gray-900">{r.version(number)}</span>
                  <time dateTime={revision.createdAt} className="text-dns-16N-130 text-solid-gray-800">
                    {formatDateTime(revision.createdAt)}
                  </time>
                  {revision.editor && <span className="text-dns-16N-130 text-solid-gray-800">{r.by(revision.editor.displayName)}</span>}
                  {revision.removedAttachment && (
                    <span className="text-dns-16N-130 text-solid-gray-800">
                      {r.removedAttachment(revision.removedAttachment.fileName, m.attachments.size(revision.removedAttachment.size))}
                    </span>
                  )}
                  <span className="text-dns-14N-130 text-blue-900 underline">{expanded ? r.hide : r.show}</span>
                </button>
              </h3>
              <div id={panelId} hidden={!expanded} className="mt-3 pl-6">
                {expanded && <RevisionChanges revision={revision} previous={previous} />}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

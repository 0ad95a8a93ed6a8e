import { useId } from "react";
import { messages as m } from "../messages";
import type { FieldDiff } from "./revisionDiff";

const CONTEXT = 40;

/** Long unchanged text is shortened to the context around the changes. */
export function elide(text: string, first: boolean, last: boolean): string {
  const chars = [...text];
  if (chars.length <= CONTEXT * 3) return text;
  const head = first ? "" : chars.slice(0, CONTEXT).join("");
  const tail = last ? "" : chars.slice(-CONTEXT).join("");
  return `${head}${first ? "" : " "}…${last ? "" : " "}${tail}`;
}

/**
 * One field's changes: removed text struck through on red, added text underlined on green, and
 * for screen readers (which do not announce <ins>/<del>) the words 追加 / 削除 around each change.
 */
export function DiffView({ diff, headingLevel = 4 }: { diff: FieldDiff; headingLevel?: 3 | 4 | 5 }) {
  const Heading = `h${headingLevel}` as const;
  const r = m.revisions;
  const headingId = useId();
  return (
    <div role="group" aria-labelledby={headingId} className="space-y-2">
      <Heading id={headingId} className="text-std-17B-170 text-solid-gray-900">
        {r.changed(diff.label)}
        <span className="ml-2 text-dns-14N-130 font-normal text-solid-gray-700">{r.counts(diff.added, diff.removed, diff.unit)}</span>
      </Heading>
      <p className="whitespace-pre-wrap rounded-8 border border-solid-gray-200 bg-white p-3 text-std-16N-170">
        {diff.parts.map((part, i) =>
          part.added ? (
            <ins key={i} className="bg-green-100 text-green-1200 decoration-green-900 decoration-2">
              <span className="sr-only">{r.addedStart}</span>
              {part.value}
              <span className="sr-only">{r.markEnd}</span>
            </ins>
          ) : part.removed ? (
            <del key={i} className="bg-red-100 text-red-1100 decoration-red-900 decoration-2">
              <span className="sr-only">{r.removedStart}</span>
              {part.value}
              <span className="sr-only">{r.markEnd}</span>
            </del>
          ) : (
            <span key={i}>{elide(part.value, i === 0, i === diff.parts.length - 1)}</span>
          ),
        )}
      </p>
    </div>
  );
}

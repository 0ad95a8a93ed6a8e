import { graphql } from "../gql";
import type { ReviewHistory_CaseFragment } from "../gql/graphql";
import { useId } from "react";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";

graphql(`
  fragment ReviewHistory_case on Case {
    reviews {
      id
      decision
      comment
      createdAt
      reviewer {
        id
        displayName
        department {
          id
          name
        }
      }
    }
  }
`);

export type ReviewHistory_case = ReviewHistory_CaseFragment;

const TONE: Record<string, string> = {
  PUBLISH: "border-green-900 bg-green-50 text-green-1100",
  REQUEST_CHANGES: "border-red-900 bg-red-50 text-red-1000",
  REJECT: "border-solid-gray-800 bg-solid-gray-100 text-solid-gray-900",
};

/** 審査の履歴 (the server returns it only to owners and the secretariat), newest first. */
export function ReviewHistory({ case: c }: { case: ReviewHistory_case }) {
  const headingId = useId();
  if (c.reviews.length === 0) return null;
  const r = m.reviews;
  const reviews = [...c.reviews].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {r.heading}
      </h2>
      <ol className="space-y-3">
        {reviews.map((review) => (
          <li key={review.id} className="space-y-2 rounded-8 border border-solid-gray-200 p-4">
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 ${TONE[review.decision] ?? TONE["REJECT"]}`}>
                {r.decisions[review.decision] ?? review.decision}
              </span>
              <time dateTime={review.createdAt} className="text-dns-14N-130 text-solid-gray-700">
                {formatDateTime(review.createdAt)}
              </time>
              <span className="text-dns-14N-130 text-solid-gray-700">
                {r.by(review.reviewer ? m.header.user(review.reviewer.displayName, review.reviewer.department.name) : r.unknownReviewer)}
              </span>
            </p>
            <p className="whitespace-pre-wrap">{review.comment || <span className="text-solid-gray-700">{r.noComment}</span>}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

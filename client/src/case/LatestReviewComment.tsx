import type { CaseStatus } from "@kb/shared";
import { useId } from "react";
import { formatWarekiDateTime } from "../lib/format";
import { messages as m } from "../messages";
import type { ReviewHistory_case } from "./ReviewHistory";

/**
 * The reviewer's latest comment, at the top of the case page and of the edit form while the case is
 * sent back (差し戻し): it is what the author fixes the case by, so it sits where they fix it, not
 * only far below under 審査の履歴. Reviews reach only owners and the secretariat (server rule).
 */
export function LatestReviewComment({ case: c }: { case: { status: CaseStatus } & ReviewHistory_case }) {
  const headingId = useId();
  if (c.status !== "CHANGES_REQUESTED") return null;
  const latest = c.reviews
    .filter((r) => r.decision === "REQUEST_CHANGES")
    .reduce<ReviewHistory_case["reviews"][number] | null>((newest, r) => (!newest || r.createdAt > newest.createdAt ? r : newest), null);
  if (!latest) return null;
  const t = m.latestReview;
  const reviewer = latest.reviewer ? m.header.user(latest.reviewer.displayName, latest.reviewer.department.name) : m.reviews.unknownReviewer;
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-8 border-2 border-red-900 bg-red-50 p-4 md:p-6">
      <h2 id={headingId} className="text-std-20B-150 text-solid-gray-900">
        {t.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">
        {t.by(reviewer)}
        <time dateTime={latest.createdAt}>{formatWarekiDateTime(latest.createdAt)}</time>
        {t.sentBack}
      </p>
      <blockquote className="whitespace-pre-wrap rounded-8 border border-solid-gray-200 bg-white p-3 text-std-16N-170 text-solid-gray-900">
        {latest.comment || m.reviews.noComment}
      </blockquote>
      <p className="text-dns-14N-130 text-solid-gray-700">{t.hint}</p>
    </section>
  );
}

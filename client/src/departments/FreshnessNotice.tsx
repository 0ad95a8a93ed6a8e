import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { fiscalYearOf, formatWarekiFiscalYear } from "@kb/shared";
import { useId, useState } from "react";
import { toApiError } from "../lib/apiError";
import { formatDate } from "../lib/format";
import { useHashTarget } from "../adoptions/useHashTarget";
import { messages as m } from "../messages";

const f = m.freshness;

graphql(`
  fragment FreshnessNotice_freshness on CaseFreshness {
    lastReviewedAt confirmedAt due dueFiscalYear viewerCanConfirm confirmedBy { id displayName }
  }
`);

export const CASE_FRESHNESS = graphql(`
  query CaseFreshness($id: ID!) {
    case(id: $id) {
      id
      freshness { ...FreshnessNotice_freshness }
    }
  }
`);

const CONFIRM = graphql(`
  mutation ConfirmCaseFreshness($caseId: ID!) {
    confirmCaseFreshness(caseId: $caseId) { ...FreshnessNotice_freshness }
  }
`);

/**
 * 内容の確認 (鮮度確認) on a published case: when it was last reviewed; a notice once two fiscal years
 * have begun since; for the owning 課, the 「内容を確認した」 button that restarts the clock.
 */
export function FreshnessNotice({ caseId }: { caseId: string }) {
  const id = useId();
  const { data, refetch } = useQuery(CASE_FRESHNESS, { variables: { id: caseId }, fetchPolicy: "cache-and-network" });
  const [confirm, confirming] = useMutation(CONFIRM);
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState("");
  const fresh = data?.case?.freshness;
  const heading = useHashTarget<HTMLHeadingElement>("freshness", !!fresh);
  if (!fresh) return null;

  const onConfirm = async () => {
    setProblem("");
    try {
      await confirm({ variables: { caseId } });
      setStatus(f.confirmed);
      void refetch();
    } catch (error) {
      setProblem(toApiError(error).message);
    }
  };

  const reviewedYear = formatWarekiFiscalYear(fiscalYearOf(new Date(fresh.lastReviewedAt)));
  return (
    <section
      id="freshness"
      aria-labelledby={`${id}-heading`}
      className={`scroll-mt-4 space-y-2 rounded-8 p-4 ${fresh.due ? "border-2 border-yellow-700 bg-yellow-50" : "border border-solid-gray-200"}`}
    >
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="text-std-18B-160 text-solid-gray-900">
        {f.heading}
      </h2>
      {fresh.due && <p className="text-std-16B-170">{fresh.viewerCanConfirm ? f.dueOwner : f.due}</p>}
      <p className="text-dns-16N-130">
        {f.lastReviewed(formatDate(fresh.lastReviewedAt), reviewedYear)}
        {fresh.confirmedBy && <span className="ml-2 text-solid-gray-700">{f.confirmedBy(fresh.confirmedBy.displayName)}</span>}
      </p>
      {!fresh.due && <p className="text-dns-14N-130 text-solid-gray-700">{f.notDue(formatWarekiFiscalYear(fresh.dueFiscalYear))}</p>}
      <div role="status" className="text-std-16B-170">
        {status}
      </div>
      {problem && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {problem}
        </p>
      )}
      {fresh.viewerCanConfirm && (
        <button type="button" className={fresh.due ? "btn-primary" : "btn-outline"} disabled={confirming.loading} onClick={() => void onConfirm()}>
          {confirming.loading ? f.confirming : f.confirm}
        </button>
      )}
    </section>
  );
}

import { useMutation } from "@apollo/client/react";
import type { CaseSharing } from "@kb/shared";
import { useState } from "react";
import { graphql } from "../gql";
import { evictCaseLists } from "../caseForm/caseEditorQueries";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

const SET_CASE_SHARING = graphql(`
  mutation SetCaseSharing($id: ID!, $sharing: CaseSharing!) {
    setCaseSharing(id: $id, sharing: $sharing) {
      id
      sharing
      version
    }
  }
`);

/**
 * 公開範囲 on the case page, for the case's own secretariat (viewerCan.changeSharing): what it is now,
 * and the one change there is — share it with every 自治体, or withdraw it to this one — after a
 * confirmation that says who gains or loses it. Search results are dropped from the cache, since
 * what others find changes with it.
 */
export function SharingPanel({ caseId, sharing }: { caseId: string; sharing: CaseSharing }) {
  const p = m.sharing.panel;
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [setCaseSharing, { loading }] = useMutation(SET_CASE_SHARING, { update: (cache) => evictCaseLists(cache, { search: true }) });
  const next: CaseSharing = sharing === "COMMONS" ? "ORGANISATION" : "COMMONS";

  const change = async () => {
    if (!window.confirm(next === "COMMONS" ? p.confirmShare : p.confirmWithdraw)) return;
    setFailure(null);
    setStatus(null);
    try {
      await setCaseSharing({ variables: { id: caseId, sharing: next } });
      setStatus(p.done[next]);
    } catch (error) {
      setFailure(toApiError(error, p.failed).message);
    }
  };

  return (
    <section aria-labelledby="sharing-heading" className="space-y-3 rounded-8 border border-solid-gray-200 p-4">
      <h2 id="sharing-heading" className="text-std-18B-160 text-solid-gray-900">
        {p.heading}
      </h2>
      <p>{p.current(m.sharing.labels[sharing])}</p>
      <button type="button" className="btn-outline" disabled={loading} onClick={() => void change()}>
        {next === "COMMONS" ? p.share : p.withdraw}
      </button>
      <p role="status" className="text-dns-16N-130">
        {loading ? p.working : status}
      </p>
      {failure && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">
          {failure}
        </p>
      )}
    </section>
  );
}

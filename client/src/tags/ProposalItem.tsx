import { graphql } from "../gql";
import type { ProposalItem_ProposalFragment } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { TAG_CATEGORY_LABELS } from "@kb/shared";
import { useId, useState } from "react";
import { Link } from "react-router";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

const p = m.tags.proposals;

export type Proposal = ProposalItem_ProposalFragment;

graphql(`
  fragment ProposalItem_proposal on TagProposal {
    id tagName category isNewTag comment status createdAt decidedAt decisionComment caseId caseTitle viewerCanDecide
    proposer { id displayName department { id name } } decidedBy { id displayName }
  }
`);

const DECIDE = graphql(`
  mutation DecideTagProposal($id: ID!, $input: TagProposalDecisionInput!) {
    decideTagProposal(id: $id, input: $input) { ...ProposalItem_proposal }
  }
`);

/**
 * One pending proposal: the tag, its category (and whether it would be new), who proposed it and
 * why; 採用する / 見送る (with an optional reason) for the case's owners and the secretariat.
 * `showCase` adds a link to the case (the secretariat's list across cases).
 */
export function ProposalItem({ proposal, showCase = false, onDecided }: { proposal: Proposal; showCase?: boolean; onDecided: (message: string) => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState("");
  const [decide, deciding] = useMutation(DECIDE, { refetchQueries: ["CasePage", "CaseTagProposals", "PendingTagProposals"] });

  const run = async (decision: "ACCEPT" | "DECLINE") => {
    setFailure("");
    try {
      await decide({ variables: { id: proposal.id, input: { decision, comment: decision === "DECLINE" ? reason : "" } } });
      onDecided(decision === "ACCEPT" ? p.accepted(proposal.tagName) : p.declined(proposal.tagName));
    } catch (error) {
      setFailure(toApiError(error).message);
    }
  };

  return (
    <li className="space-y-2 rounded-8 border border-solid-gray-200 p-3">
      <p>
        <span className="text-std-17B-170">{proposal.tagName}</span>
        <span className="ml-2 text-dns-14N-130 text-solid-gray-700">
          {TAG_CATEGORY_LABELS[proposal.category]}
          {proposal.isNewTag && `・${p.newTag}`}
        </span>
      </p>
      {showCase && (
        <p className="text-dns-14N-130">
          <span className="sr-only">{m.tags.vocabulary.proposalOn(proposal.tagName)}：</span>
          <Link to={`/cases/${encodeURIComponent(proposal.caseId)}`}>{proposal.caseTitle}</Link>
        </p>
      )}
      <p className="text-dns-14N-130 text-solid-gray-800">
        {proposal.proposer && p.by(`${proposal.proposer.displayName}（${proposal.proposer.department.name}）`)}
        {proposal.comment && `「${proposal.comment}」`}
      </p>
      {proposal.viewerCanDecide && (
        <div className="flex flex-wrap items-end gap-2">
          <button type="button" className="btn-primary" disabled={deciding.loading} onClick={() => void run("ACCEPT")}>
            {p.accept(proposal.tagName)}
          </button>
          <div>
            <label htmlFor={`${id}-reason`} className="block text-dns-14N-130">
              {p.declineComment(proposal.tagName)}
            </label>
            <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.currentTarget.value)} className="input-text" />
          </div>
          <button type="button" className="btn-outline" disabled={deciding.loading} onClick={() => void run("DECLINE")}>
            {p.decline(proposal.tagName)}
          </button>
        </div>
      )}
      {failure && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {failure}
        </p>
      )}
    </li>
  );
}

import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { useId } from "react";
import { messages as m } from "../messages";
import { ProposalItem } from "./ProposalItem";

const PENDING = graphql(`
  query PendingTagProposals {
    pendingTagProposals(first: 100) {
      total
      items { ...ProposalItem_proposal }
    }
  }
`);

/** 判断待ちのタグの提案 across cases (the vocabulary screen). */
export function PendingProposals({ onDecided }: { onDecided: (message: string) => void }) {
  const id = useId();
  const { data, refetch } = useQuery(PENDING, { fetchPolicy: "cache-and-network" });
  const items = data?.pendingTagProposals.items ?? [];
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-8 border border-solid-gray-200 p-4 md:p-6">
      <h2 id={`${id}-heading`} className="text-std-20B-150">
        {m.tags.vocabulary.proposalsHeading}（{m.tags.vocabulary.count(data?.pendingTagProposals.total ?? 0)}）
      </h2>
      {items.length === 0 ? (
        <p>{m.tags.vocabulary.proposalsEmpty}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((proposal) => (
            <ProposalItem key={proposal.id} proposal={proposal} showCase onDecided={(message) => (onDecided(message), void refetch())} />
          ))}
        </ul>
      )}
    </section>
  );
}

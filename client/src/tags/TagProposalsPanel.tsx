import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { nameKey, TAG_CATEGORIES, TAG_CATEGORY_LABELS, type TagCategory } from "@kb/shared";
import { useId, useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { loginPath, useMe } from "../auth/me";
import { TagInput } from "../caseForm/TagInput";
import { toApiError } from "../lib/apiError";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { ProposalItem } from "./ProposalItem";
import { TagsFromText } from "./TagsFromText";

const p = m.tags.proposals;

export const CASE_TAG_PROPOSALS = graphql(`
  query CaseTagProposals($id: ID!) {
    case(id: $id) {
      id
      tagProposals { ...ProposalItem_proposal }
      tagProposalAccess {
        propose
        decide
      }
    }
  }
`);

const PROPOSE = graphql(`
  mutation ProposeTag($input: TagProposalInput!) {
    proposeTag(input: $input) { ...ProposalItem_proposal }
  }
`);

/**
 * タグの提案 on a published case: anyone logged in proposes tags (typed with the tag input, or picked
 * from the vocabulary terms the case's text mentions); the owning department or the secretariat
 * accepts or declines them here. An accepted tag is on the case (and in search) at once.
 */
export function TagProposalsPanel({ caseId, tags, text }: { caseId: string; tags: readonly string[]; text: string }) {
  const id = useId();
  const location = useLocation();
  const { me } = useMe();
  const { data, refetch } = useQuery(CASE_TAG_PROPOSALS, { variables: { id: caseId }, skip: !me, fetchPolicy: "cache-and-network" });
  const [chosen, setChosen] = useState<string[]>([]);
  const [category, setCategory] = useState<TagCategory>("THEME");
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const [propose, proposing] = useMutation(PROPOSE);

  const proposals = data?.case?.tagProposals ?? [];
  const pending = proposals.filter((x) => x.status === "PENDING");
  const decided = proposals.filter((x) => x.status !== "PENDING");
  const canPropose = data?.case?.tagProposalAccess.propose ?? false;
  const excluded = [...tags, ...pending.map((x) => x.tagName), ...chosen];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems([]);
    setStatus("");
    if (chosen.length === 0) return setProblems([p.chooseTag]);
    const done: string[] = [];
    const failed: string[] = [];
    const left: string[] = [];
    for (const tag of chosen) {
      try {
        await propose({ variables: { input: { caseId, tag, category, comment } } });
        done.push(tag);
      } catch (error) {
        const e = toApiError(error);
        failed.push(e.fields[0]?.message ?? e.message);
        left.push(tag);
      }
    }
    setChosen(left);
    if (!left.length) setComment("");
    setProblems(failed);
    if (done.length) setStatus(p.proposed(done.join("」「")));
    await refetch();
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
      <h2 id={`${id}-heading`} className="text-std-22B-150 text-solid-gray-900">
        {p.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{p.lead}</p>
      <div role="status" className="min-h-6 text-std-16B-170">
        {status}
      </div>

      {!me ? (
        <p>
          <Link to={loginPath(`${location.pathname}${location.search}`)}>{p.signIn}</Link>
        </p>
      ) : (
        canPropose && (
          <form onSubmit={(e) => void submit(e)} noValidate className="space-y-3" aria-labelledby={`${id}-heading`}>
            <div className="space-y-1">
              <label htmlFor={`${id}-tags`} className="block text-std-16B-170">
                {p.tagsLabel}
              </label>
              <TagInput id={`${id}-tags`} value={chosen} onChange={setChosen} />
            </div>
            <TagsFromText
              text={text}
              exclude={excluded}
              heading={p.fromTextHeading}
              addLabel={p.fromTextAdd}
              onAdd={(tag) => setChosen((current) => (current.some((c) => nameKey(c) === nameKey(tag)) ? current : [...current, tag]))}
            />
            <div>
              <label htmlFor={`${id}-category`} className="block text-std-16B-170">
                {p.categoryLabel}
              </label>
              <p id={`${id}-category-hint`} className="text-dns-14N-130 text-solid-gray-700">
                {p.categoryHint}
              </p>
              <select
                id={`${id}-category`}
                aria-describedby={`${id}-category-hint`}
                value={category}
                onChange={(e) => setCategory(e.currentTarget.value as TagCategory)}
                className="rounded-8 border border-solid-gray-600 px-3 py-2"
              >
                {TAG_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {TAG_CATEGORY_LABELS[c]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-comment`} className="block text-std-16B-170">
                {p.commentLabel}
              </label>
              <input id={`${id}-comment`} value={comment} maxLength={500} onChange={(e) => setComment(e.currentTarget.value)} className="input-text w-full" />
            </div>
            {problems.length > 0 && (
              <ul role="alert" className="space-y-1 text-dns-16B-130 text-error-1">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
            <button type="submit" className="btn-primary" disabled={proposing.loading}>
              {proposing.loading ? p.submitting : p.submit}
            </button>
          </form>
        )
      )}

      {me && (
        <div className="space-y-3">
          <h3 className="text-std-18B-160">{p.pendingHeading}</h3>
          {pending.length === 0 ? (
            <p>{p.none}</p>
          ) : (
            <ul className="space-y-3">
              {pending.map((proposal) => (
                <ProposalItem key={proposal.id} proposal={proposal} onDecided={(message) => (setStatus(message), void refetch())} />
              ))}
            </ul>
          )}
          {decided.length > 0 && (
            <>
              <h3 className="text-std-18B-160">{p.decidedHeading}</h3>
              <ul className="space-y-2">
                {decided.map((x) => (
                  <li key={x.id} className="text-dns-16N-130">
                    <span className="font-bold">{x.tagName}</span>
                    {"：" + (p.status[x.status] ?? x.status)}
                    {x.decidedBy && `（${p.decidedBy(x.decidedBy.displayName)}${x.decidedAt ? `、${formatDateTime(x.decidedAt)}` : ""}）`}
                    {x.decisionComment && ` ${x.decisionComment}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

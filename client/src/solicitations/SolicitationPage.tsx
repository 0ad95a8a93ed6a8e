import { graphql } from "../gql";
import { useLazyQuery, useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { ErrorNotice } from "../components/ErrorNotice";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { FollowButton } from "./FollowButton";
import { SolicitationMeta } from "./SolicitationMeta";
import { SOLICITATIONS } from "./SolicitationsPage";

const SOLICITATION = graphql(`
  query Solicitation($id: ID!) {
    solicitation(id: $id) {
      id
      title
      description
      viewerFollows
      viewerCanAnswer
      viewerCanClose
      ...SolicitationMeta_solicitation
      answers {
        id
        caseId
        caseTitle
        organisationName
        departmentName
        comment
        createdAt
      }
    }
  }
`);

const CANDIDATES = graphql(`
  query SolicitationCandidates($id: ID!, $search: String!) {
    solicitationCandidates(solicitationId: $id, search: $search) {
      caseId
      title
      organisationName
    }
  }
`);

const ANSWER = graphql(`
  mutation AnswerSolicitation($input: SolicitationAnswerInput!) {
    answerSolicitation(input: $input) {
      id
      caseTitle
    }
  }
`);

const CLOSE = graphql(`
  mutation CloseSolicitation($id: ID!) {
    closeSolicitation(id: $id) {
      id
      open
    }
  }
`);

/** One 募集 (/solicitations/:id): what is wanted, what was offered, and a way to offer a case. */
export default function SolicitationPage() {
  const { id = "" } = useParams();
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <RequireLogin>{() => <Solicitation id={id} />}</RequireLogin>
    </div>
  );
}

function Solicitation({ id }: { id: string }) {
  const t = m.solicitations;
  const d = t.detail;
  const { data, loading, error, refetch } = useQuery(SOLICITATION, { variables: { id }, fetchPolicy: "cache-and-network" });
  const [close, closing] = useMutation(CLOSE, { refetchQueries: [SOLICITATIONS] });
  const [closedNotice, setClosedNotice] = useState(false);
  if (error) return <ErrorNotice error={error} fallback={d.failed} onRetry={() => void refetch()} />;
  if (!data) return <p role="status">{d.loading}</p>;
  const s = data.solicitation;
  if (!s) {
    return (
      <>
        <title>{`${t.list.title}${m.app.titleSuffix}`}</title>
        <p>{d.notFound}</p>
        <Link to="/solicitations">{d.back}</Link>
      </>
    );
  }
  const doClose = async () => {
    if (!window.confirm(d.closeConfirm)) return;
    await close({ variables: { id: s.id } });
    await refetch();
    setClosedNotice(true);
  };
  return (
    <>
      <title>{`${s.title}${m.app.titleSuffix}`}</title>
      <p>
        <Link to="/solicitations">{d.back}</Link>
      </p>
      <header className="space-y-3" aria-busy={loading}>
        <h1 className="text-std-28B-150 break-words text-solid-gray-900 md:text-std-32B-150">{s.title}</h1>
        <SolicitationMeta solicitation={s} />
        {s.description && <p className="whitespace-pre-wrap break-words">{s.description}</p>}
        <div className="flex flex-wrap items-start gap-4">
          <FollowButton
            targetType="SOLICITATION"
            targetId={s.id}
            following={s.viewerFollows}
            labels={{ follow: d.follow, unfollow: d.unfollow, following: d.following }}
            onChange={() => void refetch()}
          />
          {s.viewerCanClose && (
            <button type="button" className="btn-outline" disabled={closing.loading} onClick={() => void doClose()}>
              {d.close}
            </button>
          )}
        </div>
        {closedNotice && <p role="status">{d.closedNotice}</p>}
      </header>

      <section aria-labelledby="answers-heading" className="space-y-3">
        <h2 id="answers-heading" className="text-std-24B-150 text-solid-gray-900">
          {d.answersHeading}
        </h2>
        {s.answers.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-4">{d.noAnswers}</p>
        ) : (
          <ul className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
            {s.answers.map((a) => (
              <li key={a.id} className="space-y-1 py-3">
                <Link to={`/cases/${encodeURIComponent(a.caseId)}`} className="text-std-17B-170 break-words">
                  {a.caseTitle}
                </Link>
                <p className="text-dns-14N-130 text-solid-gray-700">
                  {d.answeredBy(a.organisationName, a.departmentName)}・<time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
                </p>
                {a.comment && <p className="whitespace-pre-wrap break-words">{a.comment}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {s.viewerCanAnswer && <AnswerForm solicitationId={s.id} onAnswered={() => void refetch()} />}
    </>
  );
}

function AnswerForm({ solicitationId, onAnswered }: { solicitationId: string; onAnswered: () => void }) {
  const d = m.solicitations.detail;
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState("");
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [find, found] = useLazyQuery(CANDIDATES, { fetchPolicy: "network-only" });
  const [answer, answering] = useMutation(ANSWER, { refetchQueries: [SOLICITATIONS] });
  const candidates = found.data?.solicitationCandidates;

  const look = (event: FormEvent) => {
    event.preventDefault();
    setChosen("");
    void find({ variables: { id: solicitationId, search } });
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!chosen) {
      setProblem({ message: d.chooseCase, fields: { caseId: d.chooseCase } });
      return;
    }
    setProblem(null);
    try {
      const result = await answer({ variables: { input: { solicitationId, caseId: chosen, comment } } });
      setDone(d.answered(result.data!.answerSolicitation.caseTitle));
      setChosen("");
      setComment("");
      void find({ variables: { id: solicitationId, search } });
      onAnswered();
    } catch (error) {
      const e = toApiError(error, d.failedToAnswer);
      setProblem({ message: e.message, fields: Object.fromEntries(e.fields.map((f) => [f.path, f.message])) });
    }
  };

  return (
    <section aria-labelledby="answer-heading" className="space-y-4 rounded-8 border border-solid-gray-200 p-4">
      <h2 id="answer-heading" className="text-std-24B-150 text-solid-gray-900">
        {d.answerHeading}
      </h2>
      <p>{d.answerLead}</p>
      {done && <p role="status" className="rounded-8 border-2 border-green-900 bg-green-50 p-4">{done}</p>}
      <form role="search" aria-label={d.searchLabel} onSubmit={look} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-60">
          <Field label={d.searchLabel}>
            {(props) => <input {...props} type="search" className="input-text w-full" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />}
          </Field>
        </div>
        <button type="submit" className="btn-outline">
          {d.search}
        </button>
      </form>
      {candidates && (
        <form onSubmit={(e) => void send(e)} className="space-y-4" aria-label={d.answerHeading} noValidate>
          <fieldset className="space-y-2" aria-describedby={problem?.fields.caseId ? "candidate-error" : undefined}>
            <legend className="text-std-17B-170 text-solid-gray-900">{d.candidates}</legend>
            {problem?.fields.caseId && (
              <p id="candidate-error" className="text-dns-16B-130 text-error-1">
                ⚠ {problem.fields.caseId}
              </p>
            )}
            {candidates.length === 0 ? (
              <p>{d.noCandidates}</p>
            ) : (
              candidates.map((c) => (
                <label key={c.caseId} className="flex items-start gap-2 break-words">
                  <input type="radio" name="candidate" className="mt-1.5 shrink-0" value={c.caseId} checked={chosen === c.caseId} onChange={() => setChosen(c.caseId)} />
                  <span>
                    {c.title}
                    <span className="block text-dns-14N-130 text-solid-gray-700">{c.organisationName}</span>
                  </span>
                </label>
              ))
            )}
          </fieldset>
          {candidates.length > 0 && (
            <>
              <Field label={d.comment} hint={d.commentHint} error={problem?.fields.comment} requirement="optional">
                {(props) => <textarea {...props} className="input-text min-h-20 w-full" maxLength={1000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />}
              </Field>
              {problem && !problem.fields.caseId && (
                <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
                  {problem.message}
                </p>
              )}
              <button type="submit" className="btn-primary" disabled={answering.loading}>
                {answering.loading ? d.submitting : d.submit}
              </button>
            </>
          )}
        </form>
      )}
    </section>
  );
}

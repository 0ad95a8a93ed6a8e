import { graphql } from "../gql";
import type { CaseQuestionsQuery } from "../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { loginPath, useMe } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { formatDateTime } from "../lib/format";
import { useHashTarget } from "../adoptions/useHashTarget";
import { messages as m } from "../messages";

const q = m.questions;

type Person = NonNullable<QuestionItem["author"]>;
type QuestionItem = NonNullable<CaseQuestionsQuery["case"]>["questions"][number];

export const CASE_QUESTIONS = graphql(`
  query CaseQuestions($id: ID!) {
    case(id: $id) {
      id
      organisation { id }
      questionAccess { ask answer }
      questions {
        id body createdAt acceptedAnswerId viewerCanAccept
        department { id name }
        organisation { id name }
        author { id displayName }
        answers { id body createdAt accepted department { id name } author { id displayName } }
      }
    }
  }
`);

const ASK = graphql(`
  mutation AskQuestion($input: QuestionInput!) {
    askQuestion(input: $input) { id }
  }
`);
const ANSWER = graphql(`
  mutation AnswerQuestion($input: AnswerInput!) {
    answerQuestion(input: $input) { id }
  }
`);
const ACCEPT = graphql(`
  mutation AcceptAnswer($answerId: ID!) {
    acceptAnswer(answerId: $answerId) { id acceptedAt acceptedAnswerId }
  }
`);

/**
 * 質問と回答 on a published case: staff of other 課 ask; the case's 課 (or the secretariat) answers;
 * the asker (or their 課) accepts an answer. Logged-in readers only (names are shown).
 */
export function QuestionsPanel({ caseId, ownerDepartmentId }: { caseId: string; ownerDepartmentId: string }) {
  const id = useId();
  const { me } = useMe();
  const location = useLocation();
  const { data, error, refetch } = useQuery(CASE_QUESTIONS, { variables: { id: caseId }, skip: !me, fetchPolicy: "cache-and-network" });
  const [status, setStatus] = useState("");
  const c = data?.case;
  const heading = useHashTarget<HTMLHeadingElement>("qa", !!c || !me);
  const done = (message: string) => {
    setStatus(message);
    void refetch();
  };

  return (
    <section id="qa" aria-labelledby={`${id}-heading`} className="scroll-mt-4 space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="text-std-22B-150 text-solid-gray-900">
        {q.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{q.lead}</p>
      <div role="status" className="min-h-6 text-std-16B-170">
        {status}
      </div>
      {!me ? (
        <p>
          <Link to={loginPath(`${location.pathname}${location.search}`)}>{q.signIn}</Link>
        </p>
      ) : error && !c ? (
        <ErrorNotice error={error} fallback={q.failed} onRetry={() => void refetch()} />
      ) : c ? (
        <>
          {c.questions.length === 0 ? (
            <p>{q.none}</p>
          ) : (
            <ol className="space-y-4">
              {c.questions.map((question, index) => (
                <QuestionCard key={question.id} question={question} index={index} canAnswer={c.questionAccess.answer} onDone={done} caseOrganisationId={c.organisation.id} />
              ))}
            </ol>
          )}
          {c.questionAccess.ask && <AskForm caseId={caseId} onDone={done} />}
          {!c.questionAccess.ask && me.department.id === ownerDepartmentId && <p className="text-dns-16N-130 text-solid-gray-700">{q.ownCase}</p>}
        </>
      ) : null}
    </section>
  );
}

function who(person: Person | null, department: { name: string } | null): string {
  if (person && department) return q.askedBy(person.displayName, department.name);
  return department ? q.askedByDepartment(department.name) : (person?.displayName ?? "");
}

function QuestionCard({
  question,
  index,
  canAnswer,
  onDone,
  caseOrganisationId,
}: {
  question: QuestionItem;
  index: number;
  canAnswer: boolean;
  onDone: (message: string) => void;
  /** A question from another 自治体 (a commons case) names its 自治体 with its 課. */
  caseOrganisationId: string;
}) {
  const id = useId();
  const [accept, accepting] = useMutation(ACCEPT);
  const [problem, setProblem] = useState("");
  const resolved = question.acceptedAnswerId !== null;
  const onAccept = async (answerId: string) => {
    setProblem("");
    try {
      await accept({ variables: { answerId } });
      onDone(q.acceptedStatus);
    } catch (error) {
      setProblem(toApiError(error).message);
    }
  };
  return (
    <li>
      <article aria-labelledby={`${id}-title`} className="space-y-3 rounded-8 bg-solid-gray-50 p-3">
        <h3 id={`${id}-title`} className="text-std-16B-170">
          {q.questionLabel(index + 1)}
          <span className={`ml-2 inline-block rounded-4 border px-2 text-dns-14B-130 ${resolved ? "border-green-700 text-green-1000" : "border-solid-gray-536 text-solid-gray-800"}`}>
            {resolved ? q.resolved : question.answers.length === 0 ? q.unanswered : q.answersLabel(question.answers.length)}
          </span>
        </h3>
        <p className="whitespace-pre-wrap text-std-16N-170">{question.body}</p>
        <p className="text-dns-14N-130 text-solid-gray-700">
          {who(
            question.author,
            question.department && question.organisation && question.organisation.id !== caseOrganisationId
              ? { name: `${question.organisation.name} ${question.department.name}` }
              : question.department,
          )}
          ・<time dateTime={question.createdAt}>{formatDateTime(question.createdAt)}</time>
        </p>
        {question.answers.length > 0 && (
          <ol className="space-y-2 border-l-2 border-solid-gray-200 pl-4" aria-label={q.answersLabel(question.answers.length)}>
            {question.answers.map((answer) => (
              <li key={answer.id} className={`space-y-1 rounded-8 p-2 ${answer.accepted ? "border-2 border-green-700 bg-white" : ""}`}>
                {answer.accepted && <p className="text-dns-14B-130 text-green-1000">{q.accepted}</p>}
                <p className="whitespace-pre-wrap text-std-16N-170">{answer.body}</p>
                <p className="text-dns-14N-130 text-solid-gray-700">
                  {who(answer.author, answer.department)}・<time dateTime={answer.createdAt}>{formatDateTime(answer.createdAt)}</time>
                </p>
                {question.viewerCanAccept && !answer.accepted && (
                  <button
                    type="button"
                    className="btn-text"
                    disabled={accepting.loading}
                    aria-label={answer.author ? q.acceptLabel(answer.author.displayName) : undefined}
                    onClick={() => void onAccept(answer.id)}
                  >
                    {q.accept}
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
        {problem && (
          <p role="alert" className="text-dns-16B-130 text-error-1">
            {problem}
          </p>
        )}
        {canAnswer && <AnswerForm questionId={question.id} label={`${q.answerLabel}（${q.questionLabel(index + 1)}）`} onDone={onDone} />}
      </article>
    </li>
  );
}

function BodyForm({
  label,
  hint,
  submit,
  submitting,
  onSubmit,
}: {
  label: string;
  hint: string;
  submit: string;
  submitting: string;
  onSubmit: (body: string) => Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
}) {
  const id = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setProblem("");
    setError(undefined);
    setBusy(true);
    try {
      const result = await onSubmit(body);
      if (result.ok) setBody("");
      else if (result.field) {
        setError(result.field);
        document.getElementById(id)?.focus();
      } else setProblem(result.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void send(e)} noValidate className="space-y-2">
      <Field id={id} label={label} hint={hint} error={error}>
        {(control) => (
          <textarea {...control} value={body} rows={3} maxLength={4000} onChange={(e) => setBody(e.currentTarget.value)} className="input-text" />
        )}
      </Field>
      {problem && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {problem}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? submitting : submit}
      </button>
    </form>
  );
}

function AskForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const [ask] = useMutation(ASK);
  return (
    <div className="border-t border-solid-gray-200 pt-4">
      <BodyForm
        label={q.askLabel}
        hint={q.askHint}
        submit={q.ask}
        submitting={q.asking}
        onSubmit={async (body) => {
          try {
            await ask({ variables: { input: { caseId, body } } });
            onDone(q.asked);
            return { ok: true };
          } catch (error) {
            const e = toApiError(error);
            return { ok: false, message: e.message, field: e.fields.find((f) => f.path === "body")?.message };
          }
        }}
      />
    </div>
  );
}

function AnswerForm({ questionId, label, onDone }: { questionId: string; label: string; onDone: (message: string) => void }) {
  const [answer] = useMutation(ANSWER);
  return (
    <BodyForm
      label={label}
      hint={q.answerHint}
      submit={q.answer}
      submitting={q.answering}
      onSubmit={async (body) => {
        try {
          await answer({ variables: { input: { questionId, body } } });
          onDone(q.answered);
          return { ok: true };
        } catch (error) {
          const e = toApiError(error);
          return { ok: false, message: e.message, field: e.fields.find((f) => f.path === "body")?.message };
        }
      }}
    />
  );
}

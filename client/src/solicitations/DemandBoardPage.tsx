import { graphql } from "../gql";
import type { SolicitationScope } from "../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { ErrorNotice } from "../components/ErrorNotice";
import { flashState } from "../components/FlashMessage";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { formatDate } from "../lib/format";
import { messages as m } from "../messages";
import { SOLICITATIONS } from "./SolicitationsPage";

const DEMAND_BOARD = graphql(`
  query DemandBoard {
    demandBoard {
      includesOwn
      minimumOrganisations
      windowDays
      searches {
        query
        zeroResults
        lastSearchedAt
        solicitationId
      }
      unansweredQuestions {
        caseId
        caseTitle
        unanswered
        oldestAskedAt
      }
      commons {
        query
        organisations
        zeroResults
        solicitationId
      }
    }
    solicitations(first: 1) {
      total
      viewerCanCall
    }
  }
`);

const CREATE = graphql(`
  mutation CreateSolicitation($input: SolicitationInput!) {
    createSolicitation(input: $input) {
      id
    }
  }
`);

/** 募集の掲示板 (/admin/demand): what staff searched for and could not find, turned into 募集 (issue 16 item 6). */
export default function DemandBoardPage() {
  return (
    <div className="space-y-8">
      <title>{`${m.solicitations.demand.title}${m.app.titleSuffix}`}</title>
      <RequireLogin>{() => <DemandBoard />}</RequireLogin>
    </div>
  );
}

const th = "px-2 py-2 text-left text-dns-16B-130";
const td = "px-2 py-2 align-top";

function DemandBoard() {
  const t = m.solicitations.demand;
  const { data, error, refetch } = useQuery(DEMAND_BOARD, { fetchPolicy: "cache-and-network" });
  const [drafting, setDrafting] = useState<{ query: string | null } | null>(null);
  if (error) {
    const forbidden = toApiError(error).code === "FORBIDDEN";
    return (
      <>
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{t.title}</h1>
        {forbidden ? <p>{t.forbidden}</p> : <ErrorNotice error={error} fallback={t.failed} onRetry={() => void refetch()} />}
      </>
    );
  }
  if (!data) return <p role="status">{t.loading}</p>;
  const board = data.demandBoard;
  const scopes = data.solicitations.viewerCanCall;
  const action = (query: string, solicitationId: string | null) =>
    solicitationId ? (
      <Link to={`/solicitations/${encodeURIComponent(solicitationId)}`}>{t.callOpen}</Link>
    ) : scopes.length > 0 ? (
      <button type="button" className="btn-text" onClick={() => setDrafting({ query })} aria-label={t.makeCallFor(query)}>
        {t.makeCall}
      </button>
    ) : null;

  return (
    <>
      <header className="space-y-3">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{t.title}</h1>
        <p>{t.lead(board.windowDays)}</p>
        {scopes.length > 0 && !drafting && (
          <button type="button" className="btn-outline" onClick={() => setDrafting({ query: null })}>
            {t.newCall}
          </button>
        )}
      </header>
      {drafting && <CallForm key={drafting.query ?? ""} query={drafting.query} scopes={scopes} onCancel={() => setDrafting(null)} />}

      {board.includesOwn && (
        <section aria-labelledby="own-heading" className="space-y-3">
          <h2 id="own-heading" className="text-std-24B-150 text-solid-gray-900">
            {t.ownHeading}
          </h2>
          {board.searches.length === 0 ? (
            <p className="rounded-8 bg-solid-gray-50 p-4">{t.ownEmpty}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-y border-solid-gray-200">
                <caption className="sr-only">{t.ownHeading}</caption>
                <thead>
                  <tr className="border-b border-solid-gray-200">
                    <th scope="col" className={th}>{t.columns.query}</th>
                    <th scope="col" className={th}>{t.columns.misses}</th>
                    <th scope="col" className={th}>{t.columns.last}</th>
                    <th scope="col" className={th}>{t.columns.action}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.searches.map((s) => (
                    <tr key={s.query} className="border-b border-solid-gray-200">
                      <th scope="row" className={`${td} text-left font-bold break-words`}>{s.query}</th>
                      <td className={td}>{t.times(s.zeroResults)}</td>
                      <td className={td}>
                        <time dateTime={s.lastSearchedAt}>{formatDate(s.lastSearchedAt)}</time>
                      </td>
                      <td className={`${td} whitespace-nowrap`}>{action(s.query, s.solicitationId)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="commons-heading" className="space-y-3">
        <h2 id="commons-heading" className="text-std-24B-150 text-solid-gray-900">
          {t.commonsHeading}
        </h2>
        <p className="text-dns-16N-130 text-solid-gray-800">{t.commonsLead(board.minimumOrganisations)}</p>
        {board.commons.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-4">{t.commonsEmpty}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-y border-solid-gray-200">
              <caption className="sr-only">{t.commonsHeading}</caption>
              <thead>
                <tr className="border-b border-solid-gray-200">
                  <th scope="col" className={th}>{t.columns.query}</th>
                  <th scope="col" className={th}>{t.columns.organisations}</th>
                  <th scope="col" className={th}>{t.columns.misses}</th>
                  <th scope="col" className={th}>{t.columns.action}</th>
                </tr>
              </thead>
              <tbody>
                {board.commons.map((s) => (
                  <tr key={s.query} className="border-b border-solid-gray-200">
                    <th scope="row" className={`${td} text-left font-bold break-words`}>{s.query}</th>
                    <td className={td}>{t.towns(s.organisations)}</td>
                    <td className={td}>{t.times(s.zeroResults)}</td>
                    <td className={`${td} whitespace-nowrap`}>{action(s.query, s.solicitationId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {board.includesOwn && (
        <section aria-labelledby="questions-heading" className="space-y-3">
          <h2 id="questions-heading" className="text-std-24B-150 text-solid-gray-900">
            {t.questionsHeading}
          </h2>
          {board.unansweredQuestions.length === 0 ? (
            <p className="rounded-8 bg-solid-gray-50 p-4">{t.questionsEmpty}</p>
          ) : (
            <ul className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
              {board.unansweredQuestions.map((q) => (
                <li key={q.caseId} className="py-3">
                  <Link to={`/cases/${encodeURIComponent(q.caseId)}#qa`} className="break-words">
                    {q.caseTitle}
                  </Link>
                  <p className="text-dns-14N-130 text-solid-gray-700">
                    {t.columns.unanswered} {t.questions(q.unanswered)}・{t.columns.oldest} {formatDate(q.oldestAskedAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** 30 days from today (Japan), as the date input wants it. */
function inThirtyDays(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(Date.now() + 30 * 24 * 60 * 60_000));
}

function CallForm({ query, scopes, onCancel }: { query: string | null; scopes: SolicitationScope[]; onCancel: () => void }) {
  const f = m.solicitations.form;
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  const [title, setTitle] = useState(query ? f.defaultTitle(query) : "");
  const [description, setDescription] = useState("");
  const [deadline, setDeadline] = useState(inThirtyDays());
  const [scope, setScope] = useState<SolicitationScope>(scopes.includes("COMMONS") && !scopes.includes("ORGANISATION") ? "COMMONS" : (scopes[0] ?? "ORGANISATION"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [create, creating] = useMutation(CREATE, { refetchQueries: [SOLICITATIONS, DEMAND_BOARD] });
  // Opened by a row's button: the form's heading takes the focus, so keyboard and screen reader users land in it.
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const result = await create({ variables: { input: { title, description, deadline, scope, demandQuery: query } } });
      void navigate(`/solicitations/${encodeURIComponent(result.data!.createSolicitation.id)}`, { state: flashState(f.created) });
    } catch (error) {
      const e = toApiError(error, f.failed);
      setErrors(Object.fromEntries(e.fields.map((p) => [p.path, p.message])));
      setFailure(e.message);
    }
  };

  return (
    <section aria-labelledby="call-heading" className="space-y-4 rounded-8 border-2 border-blue-900 p-4">
      <h2 id="call-heading" ref={heading} tabIndex={-1} className="text-std-22B-150 break-words text-solid-gray-900">
        {f.heading(query)}
      </h2>
      <form onSubmit={(e) => void submit(e)} className="space-y-4" aria-labelledby="call-heading" noValidate>
        <Field label={f.title} hint={f.titleHint} error={errors.title} requirement="required">
          {(props) => <input {...props} type="text" className="input-text w-full" maxLength={120} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />}
        </Field>
        <Field label={f.description} hint={f.descriptionHint} error={errors.description} requirement="optional">
          {(props) => <textarea {...props} className="input-text min-h-24 w-full" maxLength={2000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />}
        </Field>
        <Field label={f.deadline} hint={f.deadlineHint} error={errors.deadline} requirement="required">
          {(props) => <input {...props} type="date" className="input-text w-auto" value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} />}
        </Field>
        {scopes.length > 1 && (
          <fieldset className="space-y-2">
            <legend className="text-std-17B-170 text-solid-gray-900">{f.scope}</legend>
            {scopes.map((s) => (
              <label key={s} className="flex items-start gap-2">
                <input type="radio" name="scope" className="mt-1.5 shrink-0" value={s} checked={scope === s} onChange={() => setScope(s)} />
                <span>{f.scopes[s]}</span>
              </label>
            ))}
          </fieldset>
        )}
        {scopes.length === 1 && <p className="text-dns-16N-130 text-solid-gray-800">{f.scopes[scopes[0]!]}</p>}
        {failure && (
          <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
            {failure}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={creating.loading}>
            {creating.loading ? f.submitting : f.submit}
          </button>
          <button type="button" className="btn-outline" onClick={onCancel}>
            {f.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

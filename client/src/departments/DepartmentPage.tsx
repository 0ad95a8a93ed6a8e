import { graphql } from "../gql";
import type { DepartmentPage_CaseFragment } from "../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { fiscalYearOf, formatWarekiFiscalYear } from "@kb/shared";
import { Fragment, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useMe } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { KindBadge } from "../components/KindBadge";
import { toApiError } from "../lib/apiError";
import { formatDate } from "../lib/format";
import { messages as m } from "../messages";

const d = m.departments;
const STEP = 10;

type CaseRef = DepartmentPage_CaseFragment;

graphql(`
  fragment DepartmentPage_case on Case {
    id title kind fiscalYear adoptionCount department { id name }
  }
`);

const DEPARTMENT_PAGE = graphql(`
  query DepartmentPage($id: ID!, $shared: Int!, $adoptions: Int!, $questions: Int!, $unanswered: Int!, $due: Int!) {
    department(id: $id) {
      id
      name
      path
      parent { id name }
      children { id name }
      isViewerDepartment
      reorganisedFrom { id name abolishedOn abolishedBy }
      stats { sharedCount adoptedByOthersCount adoptedCount askedCount unansweredCount }
      sharedCases(first: $shared) { total items { ...DepartmentPage_case } }
      adoptions(first: $adoptions) { total items { id status updatedAt case { ...DepartmentPage_case } } }
      questions(first: $questions) { total items { id body createdAt acceptedAnswerId case { ...DepartmentPage_case } answers { id } } }
      unansweredQuestions(first: $unanswered) { total items { id body createdAt case { ...DepartmentPage_case } department { id name } } }
      freshnessDue(first: $due) { total items { case { ...DepartmentPage_case } freshness { lastReviewedAt viewerCanConfirm } } }
    }
  }
`);

const CONFIRM = graphql(`
  mutation DepartmentConfirmFreshness($caseId: ID!) {
    confirmCaseFreshness(caseId: $caseId) { due }
  }
`);

/**
 * 部署ページ (/departments/:id): what a 課 has shared, adopted (横展開) and asked; for its own members
 * and the secretariat, the cases due for a freshness check with 「内容を確認した」. Cases belong to the
 * 課, so the page is the same whoever moves in or out (異動).
 */
export default function DepartmentPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const { me } = useMe();
  const [first, setFirst] = useState({ shared: STEP, adoptions: STEP, questions: STEP, unanswered: STEP, due: STEP });
  const { data, previousData, loading, error, refetch } = useQuery(DEPARTMENT_PAGE, {
    variables: { id, ...first },
    fetchPolicy: "cache-and-network",
  });
  const page = (data ?? previousData)?.department;
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState("");
  const [confirm] = useMutation(CONFIRM);

  // Arriving from a link inside the app: focus the heading, as a page load would (once per department).
  const arrived = page?.id === id || page?.reorganisedFrom?.id === id;
  useEffect(() => {
    if (arrived && location.key !== "default") heading.current?.focus();
  }, [arrived, location.key]);

  if (error && !page) return <ErrorNotice error={error} fallback={d.failed} onRetry={() => void refetch()} />;
  if (data && data.department === null) {
    return (
      <div className="space-y-4">
        <title>{`${d.notFound}${m.app.titleSuffix}`}</title>
        <h1 className="text-std-28B-150">{d.notFound}</h1>
        <p>
          <Link to="/">{m.notFound.link}</Link>
        </p>
      </div>
    );
  }
  if (!page) return <p role="status">{d.loading}</p>;

  const more = (key: keyof typeof first) => setFirst((current) => ({ ...current, [key]: current[key] + STEP }));
  const onConfirm = async (caseId: string, title: string) => {
    try {
      await confirm({ variables: { caseId } });
      setStatus(`「${title}」：${m.freshness.confirmed}`);
      void refetch();
    } catch (e) {
      setStatus(toApiError(e).message);
    }
  };

  return (
    <div className="mx-auto max-w-5xl space-y-8" aria-busy={loading}>
      <title>{`${d.title(page.name)}${m.app.titleSuffix}`}</title>
      <header className="space-y-3">
        {page.path.length > 1 && (
          <p className="text-dns-14N-130 text-solid-gray-700">
            {page.path.slice(0, -1).map((name, i) => (
              <Fragment key={i}>
                {i > 0 && <span aria-hidden="true"> › </span>}
                {name}
              </Fragment>
            ))}
          </p>
        )}
        <h1 ref={heading} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">
          {d.title(page.name)}
        </h1>
        {page.reorganisedFrom && (
          // An old link to a 課 a 組織改正 abolished: this is its successor's page.
          <p role="note" className="rounded-8 border-2 border-solid-gray-536 bg-solid-gray-50 px-4 py-3 text-std-16B-170">
            {m.admin.reorganised(page.reorganisedFrom.name, page.reorganisedFrom.abolishedOn, page.name, page.reorganisedFrom.abolishedBy)}
          </p>
        )}
        <p className="text-solid-gray-700">{d.lead}</p>
        {page.parent && (
          <p className="text-dns-16N-130">
            {d.parent}：<Link to={`/departments/${encodeURIComponent(page.parent.id)}`}>{page.parent.name}</Link>
          </p>
        )}
        {page.children.length > 0 && (
          <div className="text-dns-16N-130">
            <h2 className="inline font-bold">{d.children}：</h2>
            <ul className="inline">
              {page.children.map((c, i) => (
                <li key={c.id} className="inline">
                  {i > 0 && "、"}
                  <Link to={`/departments/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </header>

      <section aria-labelledby="dept-stats" className="space-y-3">
        <h2 id="dept-stats" className="text-std-22B-150">
          {d.statsHeading}
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
          {(["sharedCount", "adoptedByOthersCount", "adoptedCount", "askedCount", "unansweredCount"] as const).map((key) => (
            <div key={key} className="rounded-8 border border-solid-gray-200 p-3">
              <dt className="text-dns-14N-130 text-solid-gray-700">{d.stats[key]}</dt>
              <dd className="text-std-24B-150 text-solid-gray-900">{d.count(page.stats[key])}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div role="status" className="min-h-6 text-std-16B-170">
        {status}
      </div>

      {page.freshnessDue && (
        <Section heading={d.freshnessHeading} total={page.freshnessDue.total} shown={page.freshnessDue.items.length} onMore={() => more("due")} lead={d.freshnessLead}>
          {page.freshnessDue.items.length === 0 ? (
            <p>{d.freshnessNone}</p>
          ) : (
            <ul className="space-y-2">
              {page.freshnessDue.items.map(({ case: c, freshness }) => (
                <li key={c.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-8 border-2 border-yellow-700 bg-yellow-50 p-3">
                  <CaseLink c={c} />
                  <span className="text-dns-14N-130 text-solid-gray-700">
                    {m.freshness.lastReviewed(formatDate(freshness.lastReviewedAt), formatWarekiFiscalYear(fiscalYearOf(new Date(freshness.lastReviewedAt))))}
                  </span>
                  {freshness.viewerCanConfirm && (
                    <button type="button" className="btn-outline" onClick={() => void onConfirm(c.id, c.title)} aria-label={`${m.freshness.confirm}：${c.title}`}>
                      {m.freshness.confirm}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      <Section heading={d.sharedHeading} total={page.sharedCases.total} shown={page.sharedCases.items.length} onMore={() => more("shared")}>
        {page.sharedCases.items.length === 0 ? (
          <p>{d.sharedNone}</p>
        ) : (
          <ul className="space-y-2">
            {page.sharedCases.items.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <CaseLink c={c} />
                <KindBadge kind={c.kind} />
                <span className="text-dns-14N-130 text-solid-gray-700">{formatWarekiFiscalYear(c.fiscalYear)}</span>
                {c.adoptionCount > 0 && <span className="text-dns-14B-130 text-blue-1000">{m.adoptions.cardCount(c.adoptionCount)}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section heading={d.adoptionsHeading} total={page.adoptions.total} shown={page.adoptions.items.length} onMore={() => more("adoptions")}>
        {page.adoptions.items.length === 0 ? (
          <p>{d.adoptionsNone}</p>
        ) : (
          <ul className="space-y-2">
            {page.adoptions.items.map((x) =>
              x.case ? (
                <li key={x.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="inline-block rounded-4 border border-solid-gray-536 px-2 text-dns-14B-130">{m.adoptions.statusLabels[x.status]}</span>
                  <CaseLink c={x.case} />
                  <span className="text-dns-14N-130 text-solid-gray-700">
                    {d.from(x.case.department.name)} {m.adoptions.updatedAt(formatDate(x.updatedAt))}
                  </span>
                </li>
              ) : null,
            )}
          </ul>
        )}
      </Section>

      {me ? (
        <>
          <Section heading={d.questionsHeading} total={page.questions.total} shown={page.questions.items.length} onMore={() => more("questions")}>
            {page.questions.items.length === 0 ? (
              <p>{d.questionsNone}</p>
            ) : (
              <ul className="space-y-3">
                {page.questions.items.map((x) =>
                  x.case ? (
                    <li key={x.id} className="space-y-1">
                      <p>
                        <Link to={`/cases/${encodeURIComponent(x.case.id)}#qa`}>{x.case.title}</Link>
                        <span className="ml-2 text-dns-14B-130">
                          {x.acceptedAnswerId ? m.questions.resolved : x.answers.length ? m.questions.answersLabel(x.answers.length) : m.questions.unanswered}
                        </span>
                      </p>
                      <p className="line-clamp-2 whitespace-pre-wrap text-dns-16N-130 text-solid-gray-800">{x.body}</p>
                    </li>
                  ) : null,
                )}
              </ul>
            )}
          </Section>
          <Section heading={d.unansweredHeading} total={page.unansweredQuestions.total} shown={page.unansweredQuestions.items.length} onMore={() => more("unanswered")}>
            {page.unansweredQuestions.items.length === 0 ? (
              <p>{d.unansweredNone}</p>
            ) : (
              <ul className="space-y-3">
                {page.unansweredQuestions.items.map((x) =>
                  x.case ? (
                    <li key={x.id} className="space-y-1">
                      <p>
                        <Link to={`/cases/${encodeURIComponent(x.case.id)}#qa`}>{x.case.title}</Link>
                        {x.department && <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{d.from(x.department.name)}</span>}
                      </p>
                      <p className="line-clamp-2 whitespace-pre-wrap text-dns-16N-130 text-solid-gray-800">{x.body}</p>
                    </li>
                  ) : null,
                )}
              </ul>
            )}
          </Section>
        </>
      ) : (
        <p className="text-dns-16N-130 text-solid-gray-700">{d.signInForQuestions}</p>
      )}
    </div>
  );
}

function CaseLink({ c }: { c: CaseRef }) {
  return (
    <Link to={`/cases/${encodeURIComponent(c.id)}`} className="text-std-16B-170">
      {c.title}
    </Link>
  );
}

function Section({
  heading,
  lead,
  total,
  shown,
  onMore,
  children,
}: {
  heading: string;
  lead?: string;
  total: number;
  shown: number;
  onMore: () => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-std-22B-150 text-solid-gray-900">
        {heading}
        <span className="ml-2 text-dns-16N-130 text-solid-gray-700">{d.count(total)}</span>
      </h2>
      {lead && <p className="text-dns-16N-130 text-solid-gray-800">{lead}</p>}
      {children}
      {total > shown && (
        <button type="button" className="btn-outline" onClick={onMore}>
          {d.showMore(heading, total - shown)}
        </button>
      )}
    </section>
  );
}

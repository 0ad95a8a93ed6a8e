import { graphql } from "../gql";
import { CombinedGraphQLErrors } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { formatFiscalYear } from "@kb/shared";
import { Fragment, useEffect, useRef, type ReactNode } from "react";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { isHub, useMe } from "../auth/me";
import { AdoptionPanel } from "../adoptions/AdoptionPanel";
import { LineagePanel } from "../adoptions/LineagePanel";
import { AttachmentList } from "../case/AttachmentList";
import { CaseWorkflowPanel } from "../case/CaseWorkflowPanel";
import { DetailsList } from "../case/DetailsList";
import { LatestReviewComment } from "../case/LatestReviewComment";
import { SimilarCases } from "../case/SimilarCases";
import { EffectsTable } from "../case/EffectsTable";
import { ReviewHistory } from "../case/ReviewHistory";
import { RevisionHistory } from "../case/RevisionHistory";
import { CurationPanel } from "../collections/CurationPanel";
import { ErrorNotice } from "../components/ErrorNotice";
import { AddToCommonsCollection } from "../hub/AddToCommonsCollection";
import { WayOn } from "../components/WayOn";
import { FreshnessNotice } from "../departments/FreshnessNotice";
import { KindBadge } from "../components/KindBadge";
import { MarkdownText } from "../components/MarkdownText";
import { StatusBadge } from "../components/StatusBadge";
import { TagList } from "../components/TagList";
import { messages as m } from "../messages";
import { QuestionsPanel } from "../questions/QuestionsPanel";
import { ReviewPanel } from "../review/ReviewPanel";
import { SharingPanel } from "../sharing/SharingPanel";
import { TagProposalsPanel } from "../tags/TagProposalsPanel";

const CASE_PAGE = graphql(`
  query CasePage($id: ID!) {
    case(id: $id) {
      id
      title
      kind
      summary
      background
      actions
      results
      tips
      department {
        id
        name
        path
      }
      organisation {
        id
        name
      }
      fiscalYear
      tags
      effects {
        label
        before
        after
        unit
      }
      details
      status
      sharing
      updatedAt
      author {
        id
        displayName
        department {
          id
          name
        }
      }
      viewerCan {
        takePart
        changeSharing
      }
      ...CaseWorkflow_case
      ...ReviewPanel_case
      ...ReviewHistory_case
      ...RevisionHistory_case
      ...AttachmentList_case
    }
  }
`);

const SECTIONS = ["summary", "background", "actions", "results", "tips"] as const;

const dateFormat = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: "Asia/Tokyo" });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** A bad or unknown id is "not found" to the reader, whichever way the server says it. */
function isNotFound(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.["code"] === "NOT_FOUND" || e.extensions?.["code"] === "BAD_USER_INPUT")
  );
}

export default function CasePage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const from = params.get("from");
  // Only ever a query string on the search page: a `from` cannot send the reader anywhere else.
  const back = from?.startsWith("?")
    ? { to: { pathname: "/", search: from }, label: m.casePage.backToResults }
    : { to: "/", label: m.casePage.backToSearch };

  const { data, loading, error, refetch } = useQuery(CASE_PAGE, { variables: { id }, fetchPolicy: "cache-and-network" });
  const { me, loading: meLoading } = useMe();
  const c = data?.case;

  // Arriving from a link inside the app: put focus on the heading, as a page load would.
  const heading = useRef<HTMLHeadingElement>(null);
  const found = c?.id;
  const missing = data?.case === null || isNotFound(error);
  useEffect(() => {
    if ((found || missing) && location.key !== "default") heading.current?.focus();
  }, [found, missing, location.key]);

  const backLink = (
    <p>
      <Link to={back.to} className="text-dns-16N-130">
        <span aria-hidden="true">← </span>
        {back.label}
      </Link>
    </p>
  );

  if (c) {
    const path = c.department.path.length > 0 ? c.department.path : [c.department.name];
    // Anonymous readers see the panels' sign-in links; a member of another organisation reads only.
    const participates = !me || c.viewerCan.takePart;
    return (
      <article className="mx-auto max-w-4xl space-y-8" aria-busy={loading}>
        <title>{`${c.title}${m.app.titleSuffix}`}</title>
        {backLink}
        <header className="space-y-4">
          <h1 ref={heading} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">
            {c.title}
          </h1>
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] items-baseline gap-x-4 gap-y-2 text-dns-16N-130">
            <Meta label={m.casePage.meta.kind}>
              <KindBadge kind={c.kind} />
            </Meta>
            <Meta label={m.lineage.organisation}>{c.organisation.name}</Meta>
            <Meta label={m.casePage.meta.department}>
              {path.map((name, i) => (
                <Fragment key={i}>
                  {i > 0 && (
                    <>
                      {" "}
                      <span aria-hidden="true" className="text-solid-gray-536">›</span>{" "}
                    </>
                  )}
                  {/* The 課 itself links to its department page (issue 5). */}
                  {i === path.length - 1 ? <Link to={`/departments/${encodeURIComponent(c.department.id)}`}>{name}</Link> : <span>{name}</span>}
                </Fragment>
              ))}
            </Meta>
            <Meta label={m.casePage.meta.fiscalYear}>{formatFiscalYear(c.fiscalYear)}</Meta>
            {c.tags.length > 0 && (
              <Meta label={m.casePage.meta.tags}>
                <TagList tags={c.tags} label={m.casePage.meta.tags} />
              </Meta>
            )}
            {c.status !== "PUBLISHED" && (
              <Meta label={m.casePage.meta.status}>
                <StatusBadge status={c.status} />
              </Meta>
            )}
            {c.status === "PUBLISHED" && (
              <Meta label={m.casePage.meta.sharing}>{m.sharing.labels[c.sharing]}</Meta>
            )}
            {c.author && (
              <Meta label={m.caseActions.author}>{m.header.user(c.author.displayName, c.author.department.name)}</Meta>
            )}
            <Meta label={m.casePage.meta.updatedAt}>
              <time dateTime={c.updatedAt}>{formatDate(c.updatedAt)}</time>
            </Meta>
          </dl>
        </header>

        <LatestReviewComment case={c} />
        <CaseWorkflowPanel case={c} reviewAnchor={c.viewerCan.review ? "review" : undefined} />
        {/* Curation (issue 5): 選定理由 and 好事例集 for readers; featuring and collecting for the secretariat. */}
        <CurationPanel caseId={c.id} />
        {isHub(me) && c.status === "PUBLISHED" && c.sharing === "COMMONS" && <AddToCommonsCollection caseId={c.id} />}
        {c.viewerCan.changeSharing && c.status === "PUBLISHED" && <SharingPanel caseId={c.id} sharing={c.sharing} />}
        {c.status === "PUBLISHED" && participates && <FreshnessNotice caseId={c.id} />}

        {SECTIONS.filter((key) => c[key].trim() !== "").map((key) => (
          <section key={key} aria-labelledby={`section-${key}`} className="space-y-3">
            <h2 id={`section-${key}`} className="text-std-22B-150 text-solid-gray-900">
              {m.casePage.sections[key]}
            </h2>
            {/* Markdown rendered sanitised (no raw HTML), line breaks kept. */}
            <MarkdownText text={c[key]} />
          </section>
        ))}

        {c.effects.length > 0 && <EffectsTable effects={c.effects} />}
        <DetailsList kind={c.kind} details={c.details} />
        <AttachmentList case={c} />
        {c.viewerCan.review && <ReviewPanel case={c} content={c} id="review" />}
        <ReviewHistory case={c} />
        <RevisionHistory case={c} />
        {c.status === "PUBLISHED" && !participates && (
          <p role="note" className="rounded-8 border border-solid-gray-200 bg-solid-gray-50 p-4 text-dns-16N-130">
            {m.casePage.otherOrganisation}
          </p>
        )}
        {c.status === "PUBLISHED" && participates && <AdoptionPanel caseId={c.id} ownerDepartmentId={c.department.id} />}
        {/* 参考にした好事例 and the cases based on this one, with their effects (issue 16). */}
        <LineagePanel caseId={c.id} published={c.status === "PUBLISHED"} />
        {c.status === "PUBLISHED" && participates && <QuestionsPanel caseId={c.id} ownerDepartmentId={c.department.id} />}
        {c.status === "PUBLISHED" && participates && (
          <TagProposalsPanel caseId={c.id} tags={c.tags} text={[c.title, ...SECTIONS.map((key) => c[key])].join("\n")} />
        )}
        {c.status === "PUBLISHED" && <SimilarCases caseId={c.id} />}
        {backLink}
      </article>
    );
  }

  if (missing) {
    return (
      <div className="space-y-4">
        <title>{`${m.casePage.notFound}${m.app.titleSuffix}`}</title>
        <h1 ref={heading} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900">
          {m.casePage.notFound}
        </h1>
        <p>{m.casePage.notFoundHint}</p>
        {!me && !meLoading && <p>{m.caseActions.notFoundSignedOut}</p>}
        <WayOn stop="notFound" search={false} />
        {backLink}
      </div>
    );
  }

  if (error) {
    return (
      <div className="space-y-4">
        {backLink}
        <ErrorNotice error={error} fallback={m.errors.case} onRetry={() => void refetch()} />
      </div>
    );
  }

  return (
    <div aria-busy="true" className="space-y-4">
      {backLink}
      <p role="status">{m.casePage.loading}</p>
    </div>
  );
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-bold text-solid-gray-900">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

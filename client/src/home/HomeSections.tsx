import { graphql } from "../gql";
import type { HomeCase_CaseFragment } from "../gql/graphql";
import { useQuery } from "@apollo/client/react";
import { EMPTY_SEARCH, formatWarekiFiscalYear, toSearchString } from "@kb/shared/plain";
import { lazy, Suspense, type ReactNode } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "../components/ErrorNotice";
import { KindBadge } from "../components/KindBadge";
import { searchPageMessages as m } from "../messages/searchPage";
import { preloadCasePage } from "../routes/lazy";

// 横展開 between 自治体 sits below the fold: its own chunk, so the search page's first load stays in budget (lean-client.test.ts).
const OrganisationFlows = lazy(() => import("../adoptions/OrganisationFlows").then((module) => ({ default: module.OrganisationFlows })));

/** What the home page shows of a case. */
graphql(`
  fragment HomeCase_case on Case {
    id
    title
    kind
    fiscalYear
    department {
      id
      name
    }
  }
`);

type HomeCase = HomeCase_CaseFragment;

const HOME = graphql(`
  query Home {
    home(first: 6) {
      featuredCollections {
        id
        title
        description
        fiscalYear
        entryCount
        entries(first: 3) {
          caseId
          caseTitle
        }
      }
      featuredCases {
        reason
        case {
          ...HomeCase_case
        }
      }
      newCases {
        ...HomeCase_case
      }
      mostAdopted {
        adoptionCount
        case {
          ...HomeCase_case
        }
      }
    }
  }
`);

const caseLink = (id: string) => `/cases/${encodeURIComponent(id)}`;

/**
 * The home page below the search box (issue 5): featured collections, the secretariat's featured
 * cases with their 選定理由, new cases, and the cases most 課 have taken up (横展開).
 */
export function HomeSections() {
  const { data, error, refetch } = useQuery(HOME, { fetchPolicy: "cache-and-network" });
  const h = m.curation.home;
  if (error && !data) return <ErrorNotice error={error} fallback={h.failed} onRetry={() => void refetch()} />;
  if (!data) return <p role="status">{h.loading}</p>;
  const { featuredCollections, featuredCases, newCases, mostAdopted } = data.home;

  return (
    <div className="space-y-10">
      <HomeSection id="home-collections" title={h.featuredCollections} more={{ to: "/collections", label: h.allCollections }}>
        {featuredCollections.length === 0 ? (
          <Empty>{h.featuredCollectionsEmpty}</Empty>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {featuredCollections.map((c) => (
              <li key={c.id} className="rounded-8 border border-solid-gray-200 bg-white p-4 md:p-6">
                <h3 className="text-std-20B-150">
                  <Link to={`/collections/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                </h3>
                <p className="mt-1 text-dns-14N-130 text-solid-gray-700">
                  {c.fiscalYear !== null && <span className="mr-3">{formatWarekiFiscalYear(c.fiscalYear)}</span>}
                  {h.entryCount(c.entryCount)}
                </p>
                {c.description && <p className="mt-2 line-clamp-3 text-dns-16N-130">{c.description}</p>}
                {c.entries.length > 0 && (
                  <ul className="mt-3 list-disc space-y-1 pl-5 text-dns-16N-130">
                    {c.entries.map((e) => (
                      <li key={e.caseId}>
                        <Link to={caseLink(e.caseId)} onMouseEnter={preloadCasePage} onFocus={preloadCasePage}>
                          {e.caseTitle}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </HomeSection>

      {featuredCases.length > 0 && (
        <HomeSection id="home-featured" title={h.featuredCases}>
          <ul className="grid gap-4 md:grid-cols-2">
            {featuredCases.map((f) => (
              <li key={f.case.id} className="rounded-8 border border-solid-gray-200 bg-white p-4">
                <CaseSummary c={f.case} />
                <p className="mt-2 text-dns-16N-130">
                  <span className="mr-2 text-dns-14B-130 text-solid-gray-800">{h.reason}</span>
                  {f.reason}
                </p>
              </li>
            ))}
          </ul>
        </HomeSection>
      )}

      <div className="grid gap-10 lg:grid-cols-2">
        <HomeSection id="home-new" title={h.newCases} more={{ to: `/search${toSearchString({ ...EMPTY_SEARCH, sort: "NEWEST" })}`, label: h.newCasesMore }}>
          {newCases.length === 0 ? (
            <Empty>{h.newCasesEmpty}</Empty>
          ) : (
            <ol className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
              {newCases.map((c) => (
                <li key={c.id} className="py-3">
                  <CaseSummary c={c} />
                </li>
              ))}
            </ol>
          )}
        </HomeSection>

        <HomeSection id="home-adopted" title={h.mostAdopted} more={{ to: `/search${toSearchString({ ...EMPTY_SEARCH, sort: "MOST_ADOPTED" })}`, label: h.mostAdoptedMore }}>
          {mostAdopted.length === 0 ? (
            <Empty>{h.mostAdoptedEmpty}</Empty>
          ) : (
            <ol className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
              {mostAdopted.map(({ case: c, adoptionCount }) => (
                <li key={c.id} className="py-3">
                  <CaseSummary c={c} extra={<span className="font-bold text-solid-gray-900">{h.adoptionCount(adoptionCount)}</span>} />
                </li>
              ))}
            </ol>
          )}
        </HomeSection>
      </div>

      {/* 横展開 between 自治体 (issue 16). */}
      <Suspense fallback={null}>
        <OrganisationFlows />
      </Suspense>

      <p>
        <Link to="/search">{h.browseAll}</Link>
      </p>
    </div>
  );
}

function HomeSection({ id, title, more, children }: { id: string; title: string; more?: { to: string; label: string }; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-std-24B-150 text-solid-gray-900">
          {title}
        </h2>
        {more && (
          <Link to={more.to} className="text-dns-16N-130">
            {more.label}
          </Link>
        )}
      </div>
      {children}
    </section>
  );
}

function CaseSummary({ c, extra }: { c: HomeCase; extra?: ReactNode }) {
  return (
    <>
      <h3 className="text-std-18B-160">
        <Link to={caseLink(c.id)} onMouseEnter={preloadCasePage} onFocus={preloadCasePage}>
          {c.title}
        </Link>
      </h3>
      <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-dns-14N-130 text-solid-gray-700">
        <KindBadge kind={c.kind} />
        <span>{c.department.name}</span>
        <span>{formatWarekiFiscalYear(c.fiscalYear)}</span>
        {extra}
      </p>
    </>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-8 bg-solid-gray-50 p-4 text-dns-16N-130">{children}</p>;
}

import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { CASE_KIND_LABELS, formatFiscalYear, formatWarekiFiscalYear, type CaseKind } from "@kb/shared";
import { Fragment } from "react";
import { Link, useParams } from "react-router";
import { detailRows } from "../case/details";
import type { Effect } from "../case/EffectsTable";
import { ErrorNotice } from "../components/ErrorNotice";
import { MarkdownText } from "../components/MarkdownText";
import { messages as m } from "../messages";
import "./print.css";

const PRINT = graphql(`
  query CollectionPrint($id: ID!) {
    collection(id: $id) {
      id
      title
      description
      fiscalYear
      publishedAt
      entries {
        caseId
        reason
        case {
          id
          title
          kind
          summary
          background
          actions
          results
          tips
          fiscalYear
          tags
          effects {
            label
            before
            after
            unit
          }
          details
          department {
            id
            name
            path
          }
        }
      }
    }
  }
`);

const SECTIONS = ["summary", "background", "actions", "results", "tips"] as const;
const longDate = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: "Asia/Tokyo" });

/**
 * The printable 好事例集 (issue 6): a document of its own, outside the app's frame — a title block, a table
 * of contents whose entries link to each case, then the cases one after another on A4 (print.css). Headings
 * (h1 cover, h2 目次 and each case, h3 its sections) become the PDF's outline when saved as PDF.
 */
export default function CollectionPrintPage() {
  const { id = "" } = useParams();
  const { data, error, refetch } = useQuery(PRINT, { variables: { id }, fetchPolicy: "cache-and-network" });
  const p = m.curation.print;
  const collection = data?.collection;

  if (error && !collection) {
    return (
      <main className="kb-book-screen mx-auto max-w-3xl p-6">
        <ErrorNotice error={error} fallback={m.curation.collections.failed} onRetry={() => void refetch()} />
      </main>
    );
  }
  if (data && !collection) {
    return (
      <main className="kb-book-screen mx-auto max-w-3xl space-y-4 p-6">
        <title>{`${m.curation.collections.notFound}${m.app.titleSuffix}`}</title>
        <h1 className="text-std-28B-150">{m.curation.collections.notFound}</h1>
        <p>
          <Link to="/collections">{m.curation.collections.back}</Link>
        </p>
      </main>
    );
  }
  if (!collection) {
    return (
      <main className="kb-book-screen mx-auto max-w-3xl p-6">
        <p role="status">{p.loading}</p>
      </main>
    );
  }

  const cases = collection.entries.flatMap((e) => (e.case ? [{ ...e.case, reason: e.reason }] : []));
  const issued = longDate.format(collection.publishedAt ? new Date(collection.publishedAt) : new Date());

  return (
    <div className="kb-book" data-kb-ready="true">
      <title>{`${collection.title}${m.app.titleSuffix}`}</title>
      <nav className="kb-book-toolbar" aria-label={p.toolbarLabel}>
        <Link to={`/collections/${encodeURIComponent(collection.id)}`}>
          <span aria-hidden="true">← </span>
          {p.back}
        </Link>
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {p.print}
        </button>
        <p className="text-dns-14N-130 text-solid-gray-700">{p.printHint}</p>
      </nav>

      <main>
        <section className="kb-book-cover" aria-labelledby="book-title">
          <p className="kb-book-kicker">{p.kicker}</p>
          <h1 id="book-title" className="kb-book-title">
            {collection.title}
          </h1>
          {collection.fiscalYear !== null && <p className="kb-book-year">{p.fiscalYear(formatFiscalYear(collection.fiscalYear))}</p>}
          {collection.description && <p className="kb-book-description">{collection.description}</p>}
          <div className="kb-book-colophon">
            <p>{p.count(cases.length)}</p>
            <p>{p.issued(issued)}</p>
            <p>{p.publisher}</p>
          </div>
        </section>

        <nav className="kb-book-toc" aria-labelledby="book-toc">
          <h2 id="book-toc">{p.tocHeading}</h2>
          {cases.length === 0 ? (
            <p>{p.empty}</p>
          ) : (
            <ol>
              {cases.map((c, i) => (
                <li key={c.id}>
                  <a href={`#case-${i + 1}`}>
                    <span className="kb-book-toc-number">{p.caseNumber(i + 1)}</span>
                    <span className="kb-book-toc-title">{c.title}</span>
                    <span className="kb-book-toc-meta">
                      {c.department.name}・{formatWarekiFiscalYear(c.fiscalYear)}
                    </span>
                  </a>
                </li>
              ))}
            </ol>
          )}
        </nav>

        {cases.map((c, i) => {
          const path = c.department.path.length ? c.department.path : [c.department.name];
          return (
            <article key={c.id} id={`case-${i + 1}`} className="kb-book-case" aria-labelledby={`case-${i + 1}-title`}>
              <header className="kb-book-case-head">
                <p className="kb-book-case-number">{p.caseNumber(i + 1)}</p>
                <h2 id={`case-${i + 1}-title`} className="kb-book-case-title">
                  {c.title}
                </h2>
                <dl className="kb-book-meta" aria-label={p.meta}>
                  <dt>{m.casePage.meta.kind}</dt>
                  <dd>{CASE_KIND_LABELS[c.kind]}</dd>
                  <dt>{m.casePage.meta.department}</dt>
                  <dd>
                    {path.map((name, j) => (
                      <Fragment key={j}>
                        {j > 0 && " › "}
                        {name}
                      </Fragment>
                    ))}
                  </dd>
                  <dt>{m.casePage.meta.fiscalYear}</dt>
                  <dd>{formatFiscalYear(c.fiscalYear)}</dd>
                  {c.tags.length > 0 && (
                    <>
                      <dt>{m.casePage.meta.tags}</dt>
                      <dd>{c.tags.join("、")}</dd>
                    </>
                  )}
                  <dt>{p.url}</dt>
                  <dd className="kb-book-url">{`${window.location.origin}/cases/${c.id}`}</dd>
                </dl>
              </header>
              <div className="kb-book-reason">
                <h3>{p.reason}</h3>
                <p>{c.reason}</p>
              </div>
              {SECTIONS.filter((key) => c[key].trim() !== "").map((key) => (
                <section key={key} className="kb-book-section">
                  <h3>{m.casePage.sections[key]}</h3>
                  <MarkdownText text={c[key]} />
                </section>
              ))}
              <BookEffects effects={c.effects} />
              <BookDetails kind={c.kind} details={c.details} />
            </article>
          );
        })}
      </main>
    </div>
  );
}

const number = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 2 });

/** 定量効果 as a table under the case (an h3, so the case stays the only h2 of its pages). */
function BookEffects({ effects }: { effects: Effect[] }) {
  if (effects.length === 0) return null;
  const e = m.casePage.effects;
  const value = (n: number | null) => (n === null || n === undefined ? e.none : number.format(n));
  return (
    <section className="kb-book-section">
      <h3>{e.heading}</h3>
      <table className="kb-book-table">
        <thead>
          <tr>
            <th scope="col">{e.label}</th>
            <th scope="col">{e.before}</th>
            <th scope="col">{e.after}</th>
            <th scope="col">{e.unit}</th>
          </tr>
        </thead>
        <tbody>
          {effects.map((effect, i) => (
            <tr key={i}>
              <th scope="row">{effect.label}</th>
              <td>{value(effect.before)}</td>
              <td>{value(effect.after)}</td>
              <td>{effect.unit ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function BookDetails({ kind, details }: { kind: CaseKind; details: unknown }) {
  const rows = detailRows(kind, details);
  if (rows.length === 0) return null;
  return (
    <section className="kb-book-section">
      <h3>{m.casePage.detailsHeading[kind]}</h3>
      <dl className="kb-book-details">
        {rows.map((row) => (
          <Fragment key={row.label}>
            <dt>{row.label}</dt>
            <dd>{Array.isArray(row.value) ? row.value.join("、") : row.value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

import { graphql } from "../gql";
import { useLazyQuery, useMutation, useQuery } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { FieldError } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

const p = m.lineage.picker;

const BASED_ON = graphql(`
  query CaseBasedOn($id: ID!) {
    case(id: $id) {
      id
      basedOn {
        id
        title
        organisation { id name }
        department { id name }
      }
    }
  }
`);

const CANDIDATES = graphql(`
  query BasedOnCandidates($query: String!) {
    searchCases(query: $query, first: 8) {
      total
      hits {
        case {
          id
          title
          organisation { id name }
          department { id name }
        }
      }
    }
  }
`);

const SET_BASED_ON = graphql(`
  mutation SetCaseBasedOn($caseId: ID!, $basedOnId: ID) {
    setCaseBasedOn(caseId: $caseId, basedOnId: $basedOnId) {
      id
      basedOn {
        id
        title
        organisation { id name }
        department { id name }
      }
    }
  }
`);

/**
 * 参考にした好事例 (issue 16), its own small form beside the case form like the attachments: it belongs
 * to a saved draft, so it is offered once the case has an id. The candidates come from search (the
 * cases the author can read: their organisation's and the commons); the server checks the choice
 * again (readable, not the case itself, no cycle) and saves it at once.
 */
export function BasedOnPicker({ caseId }: { caseId: string | null }) {
  const headingId = useId();
  const inputId = useId();
  const [text, setText] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data } = useQuery(BASED_ON, { variables: { id: caseId ?? "" }, skip: !caseId });
  const [search, { data: found, loading: searching }] = useLazyQuery(CANDIDATES);
  const [save, { loading: saving }] = useMutation(SET_BASED_ON);
  const current = data?.case?.basedOn ?? null;

  const choose = async (basedOnId: string | null, title: string | null) => {
    if (!caseId) return;
    setError(null);
    setDone(null);
    try {
      await save({ variables: { caseId, basedOnId } });
      setDone(title ? p.chosen(title) : p.cleared);
    } catch (e) {
      setError(toApiError(e, p.failed).message);
    }
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) void search({ variables: { query: text.trim() } });
  };
  const hits = (found?.searchCases.hits ?? []).map((h) => h.case).filter((c) => c.id !== caseId);

  return (
    <section aria-labelledby={headingId} className="space-y-4 border-t border-solid-gray-200 pt-6">
      <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
        {p.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{p.lead}</p>
      {!caseId ? (
        <p className="rounded-8 bg-solid-gray-50 p-4">{p.saveFirst}</p>
      ) : (
        <>
          <div className="space-y-2 rounded-8 bg-solid-gray-50 p-4">
            <p className="text-std-16B-170">{p.current}</p>
            {current ? (
              <div className="flex flex-wrap items-center gap-3">
                <p className="min-w-0">
                  <Link to={`/cases/${encodeURIComponent(current.id)}`}>{current.title}</Link>
                  <span className="block text-dns-14N-130 text-solid-gray-700">{m.lineage.derivedFrom(current.organisation.name, current.department.name)}</span>
                </p>
                <button type="button" className="btn-outline" disabled={saving} onClick={() => void choose(null, null)}>
                  {p.clear}
                </button>
              </div>
            ) : (
              <p>{p.none}</p>
            )}
          </div>
          <form role="search" aria-label={p.search} onSubmit={onSearch} className="space-y-2">
            <label htmlFor={inputId} className="block text-std-16B-170">
              {p.search}
            </label>
            <p id={`${inputId}-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {p.searchHint}
            </p>
            <div className="flex flex-wrap gap-2">
              <input
                id={inputId}
                type="search"
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-describedby={`${inputId}-hint`}
                className="min-w-0 flex-1 rounded-8 border border-solid-gray-600 px-3 py-2"
              />
              <button type="submit" className="btn-outline" disabled={searching}>
                {p.searchButton}
              </button>
            </div>
          </form>
          <div role="status" className="text-std-16B-170">
            {searching ? p.searching : done}
          </div>
          <FieldError id={`${inputId}-error`} message={error ?? undefined} />
          {found && !searching && (hits.length === 0 ? (
            <p>{p.noResults}</p>
          ) : (
            <ul aria-label={p.results} className="space-y-2">
              {hits.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 rounded-8 border border-solid-gray-200 p-3">
                  <span className="min-w-0">
                    <span className="block text-std-16B-170">{c.title}</span>
                    <span className="block text-dns-14N-130 text-solid-gray-700">{m.lineage.derivedFrom(c.organisation.name, c.department.name)}</span>
                  </span>
                  {current?.id === c.id ? (
                    <span className="text-dns-16B-130 text-solid-gray-800">{p.chosenLabel}</span>
                  ) : (
                    <button type="button" className="btn-outline" disabled={saving} aria-label={p.choose(c.title)} onClick={() => void choose(c.id, c.title)}>
                      {p.chooseLabel}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          ))}
        </>
      )}
    </section>
  );
}

import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { normalizeText, type SearchableFacet, type SearchFilter } from "@kb/shared";
import { useEffect, useId, useRef, useState } from "react";
import { messages as m } from "../messages";

const FACET_VALUES = graphql(`
  query FacetValues($facet: SearchableFacet!, $facetQuery: String!, $query: String!, $filter: CaseSearchFilter) {
    searchFacetValues(facet: $facet, facetQuery: $facetQuery, query: $query, filter: $filter, first: 10) {
      value
      count
    }
  }
`);

const DEBOUNCE_MS = 250;

/**
 * Finds values of a long facet (tags, departments) by any part of their name, with counts for
 * the current search. Nothing is sent while an IME composition is open.
 */
export function FacetValueSearch({
  facet,
  legend,
  query,
  filter,
  selected,
  onToggle,
}: {
  facet: SearchableFacet;
  legend: string;
  query: string;
  filter?: SearchFilter;
  selected: readonly string[];
  onToggle: (value: string, selected: boolean) => void;
}) {
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState("");
  const [sent, setSent] = useState("");
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const schedule = (value: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setSent(normalizeText(value)), DEBOUNCE_MS);
  };
  const { data } = useQuery(FACET_VALUES, {
    variables: { facet, facetQuery: sent, query, filter },
    skip: sent === "",
    fetchPolicy: "cache-first",
  });
  const chosen = new Set(selected);
  const values = sent ? (data?.searchFacetValues ?? []) : [];

  return (
    <div className="mt-2 space-y-1">
      <label htmlFor={inputId} className="block text-dns-14B-130 text-solid-gray-800">
        {m.searchTools.facetSearchLabel(legend)}
      </label>
      <input
        id={inputId}
        type="search"
        value={text}
        aria-describedby={hintId}
        autoComplete="off"
        maxLength={50}
        className="input-text w-full"
        onChange={(event) => {
          setText(event.target.value);
          if (!composing.current && !(event.nativeEvent as InputEvent).isComposing) schedule(event.target.value);
        }}
        onCompositionStart={() => {
          composing.current = true;
          window.clearTimeout(timer.current);
        }}
        onCompositionEnd={(event) => {
          composing.current = false;
          schedule(event.currentTarget.value);
        }}
      />
      <p id={hintId} className="text-dns-14N-130 text-solid-gray-700">
        {m.searchTools.facetSearchHint}
      </p>
      {sent && data && values.length === 0 && <p className="text-dns-14N-130 text-solid-gray-700">{m.searchTools.facetSearchEmpty}</p>}
      {values.length > 0 && (
        <ul className="space-y-1" aria-label={m.searchTools.facetSearchLabel(legend)}>
          {values.map((option) => (
            <li key={option.value}>
              <label className="flex cursor-pointer items-start gap-2 py-1 text-dns-16N-130">
                <input
                  type="checkbox"
                  className="mt-px size-5 shrink-0 cursor-pointer"
                  value={option.value}
                  checked={chosen.has(option.value)}
                  onChange={(event) => onToggle(option.value, event.currentTarget.checked)}
                />
                <span>{m.facets.option(option.value, option.count)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

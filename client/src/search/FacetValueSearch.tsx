import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import type { SearchableFacet, SearchFilter } from "@kb/shared";
import { normalizeText } from "@kb/shared/plain";
import { useEffect, useId, useRef, useState } from "react";
import { searchPageMessages as m } from "../messages/searchPage";
import { FacetCheckboxList } from "./FacetCheckboxList";

const FACET_VALUES = graphql(`
  query FacetValues($facet: SearchableFacet!, $facetQuery: String!, $query: String!, $filter: CaseSearchFilter) {
    searchFacetValues(facet: $facet, facetQuery: $facetQuery, query: $query, filter: $filter, first: 10) {
      value
      count
      label
    }
  }
`);

const DEBOUNCE_MS = 250;

/**
 * Finds values of a long facet (tags, departments, 自治体) by any part of their name, with counts for
 * the current search. Nothing is sent while an IME composition is open.
 */
export function FacetValueSearch({
  facet,
  legend,
  query,
  filter,
  selected,
  onToggle,
  hint = m.searchTools.facetSearchHint,
}: {
  facet: SearchableFacet;
  legend: string;
  query: string;
  filter?: SearchFilter;
  selected: readonly string[];
  onToggle: (value: string, selected: boolean) => void;
  /** What may be typed (the default speaks of names: 支援 finds 子育て支援課). */
  hint?: string;
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
        {hint}
      </p>
      {sent && data && values.length === 0 && <p className="text-dns-14N-130 text-solid-gray-700">{m.searchTools.facetSearchEmpty}</p>}
      {values.length > 0 && (
        <FacetCheckboxList
          options={values.map((v) => ({ ...v, label: v.label ?? v.value }))}
          selected={chosen}
          onToggle={onToggle}
          label={m.searchTools.facetSearchLabel(legend)}
        />
      )}
    </div>
  );
}

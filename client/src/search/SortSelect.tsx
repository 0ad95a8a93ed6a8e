import { SEARCH_SORT_LABELS, SEARCH_SORTS, type SearchSort } from "@kb/shared/plain";
import { useId } from "react";
import { searchPageMessages as m } from "../messages/searchPage";

/** 並び順: relevance or newest (most adopted joins when the adoption ledger exists). */
export function SortSelect({ value, onChange }: { value: SearchSort; onChange: (sort: SearchSort) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-dns-16B-130 text-solid-gray-900">
        {m.searchTools.sortLabel}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value as SearchSort)}
        className="rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-dns-16N-130"
      >
        {SEARCH_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {SEARCH_SORT_LABELS[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}

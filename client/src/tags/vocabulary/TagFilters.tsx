import { TAG_CATEGORIES, TAG_CATEGORY_LABELS, type TagCategory } from "@kb/shared";
import { messages as m } from "../../messages";
import { t } from "./tagItem";
import type { TagSearch } from "./useTagSearch";

/** Search text, category and "show retired" above the vocabulary's table. */
export function TagFilters({ ids, search }: { ids: string; search: TagSearch }) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <div>
        <label htmlFor={`${ids}-search`} className="block text-std-16B-170">
          {t.searchLabel}
        </label>
        <p id={`${ids}-search-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {t.searchHint}
        </p>
        <input
          id={`${ids}-search`}
          type="search"
          value={search.text}
          aria-describedby={`${ids}-search-hint`}
          {...search.textHandlers}
          className="input-text"
        />
      </div>
      <div>
        <label htmlFor={`${ids}-category`} className="block text-std-16B-170">
          {m.tags.category}
        </label>
        <select
          id={`${ids}-category`}
          value={search.category}
          onChange={(e) => search.setCategory(e.currentTarget.value as TagCategory | "")}
          className="rounded-8 border border-solid-gray-600 px-3 py-2"
        >
          <option value="">{m.tags.allCategories}</option>
          {TAG_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {TAG_CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <label className="inline-flex items-center gap-2 pb-2">
        <input type="checkbox" checked={search.includeRetired} onChange={(e) => search.setIncludeRetired(e.currentTarget.checked)} />
        {t.includeRetired}
      </label>
    </div>
  );
}

import { searchPageMessages as m } from "../messages/searchPage";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/** A facet's values as checkboxes with their counts: the facet groups and the value search share it. */
export function FacetCheckboxList({
  options,
  selected,
  onToggle,
  label,
}: {
  options: readonly FacetOption[];
  selected: ReadonlySet<string>;
  onToggle: (value: string, selected: boolean) => void;
  /** An accessible name, when the list is not already named by its fieldset. */
  label?: string;
}) {
  return (
    <ul className="space-y-1" aria-label={label}>
      {options.map((option) => (
        <li key={option.value}>
          <label className="flex cursor-pointer items-start gap-2 py-1 text-dns-16N-130">
            <input
              type="checkbox"
              className="mt-px size-5 shrink-0 cursor-pointer"
              value={option.value}
              checked={selected.has(option.value)}
              onChange={(event) => onToggle(option.value, event.currentTarget.checked)}
            />
            <span>{m.facets.option(option.label, option.count)}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

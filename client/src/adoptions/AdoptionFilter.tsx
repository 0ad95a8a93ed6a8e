import { MIN_ADOPTION_CHOICES } from "@kb/shared/plain";
import { useId } from "react";
import { searchPageMessages as m } from "../messages/searchPage";

/** 横展開: only cases that at least 1 (or 3) departments are trying or use (試行中 + 導入済). */
export function AdoptionFilter({ value, onChange }: { value: number; onChange: (minAdoptions: number) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-dns-16B-130 text-solid-gray-900">
        {m.adoptions.filterLabel}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
        className="rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-dns-16N-130"
      >
        {[0, ...MIN_ADOPTION_CHOICES].map((n) => (
          <option key={n} value={n}>
            {m.adoptions.filterOptions[n]}
          </option>
        ))}
      </select>
    </div>
  );
}

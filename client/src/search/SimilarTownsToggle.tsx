import { useId } from "react";
import { searchPageMessages as m } from "../messages/searchPage";

/**
 * 似た自治体を優先: a checkbox beside the order. What it did is said on each favoured card
 * (「人口規模が近い中核市の事例」), so the control needs no hint of its own.
 */
export function SimilarTownsToggle({ checked, onChange }: { checked: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} className="size-5" />
      <label htmlFor={id} className="text-dns-16B-130 text-solid-gray-900">
        {m.similarTowns.toggle}
      </label>
    </div>
  );
}

import { searchPageMessages as m } from "../messages/searchPage";

/**
 * The checkbox on a result card that puts the case in the page's selection, for the secretariat's
 * tools on many results at once (好事例集に追加, 一括タグ付け). Named after the case: 「…」を選ぶ.
 */
export function CaseSelectBox({ title, checked, onChange }: { title: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="mb-2 inline-flex cursor-pointer items-center gap-2 text-dns-14N-130 text-solid-gray-800">
      <input type="checkbox" className="size-5" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} aria-label={m.curation.bulkAdd.select(title)} />
      <span aria-hidden="true">{m.curation.bulkAdd.selectLabel}</span>
    </label>
  );
}

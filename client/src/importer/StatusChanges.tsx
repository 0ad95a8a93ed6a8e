import { summarizeStatusChanges, type TableImportReport } from "@kb/shared";
import { useId } from "react";
import { messages as m } from "../messages";

const t = m.importStatus;

/**
 * Issue 12: the status chosen on the import page is for the cases the import creates. These let the
 * admin ask for stored cases to change too, and say how many stored cases change status or keep
 * theirs (each row of the table says which, in its messages).
 */
export function UpdateStatusCheckbox({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label className="flex cursor-pointer items-center gap-3">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} aria-describedby={`${id}-hint`} className="size-5" />
        {t.updateStatus}
      </label>
      <p id={`${id}-hint`} className="pl-8 text-dns-14N-130 text-solid-gray-700">
        {t.updateStatusHint}
      </p>
    </div>
  );
}

export function StatusChangeSummary({ report, updateStatus }: { report: TableImportReport; updateStatus: boolean }) {
  const text = summarizeStatusChanges(report);
  if (!text) return null;
  return (
    <div className="space-y-1">
      <p className="text-std-17B-170">{t.summary(text)}</p>
      {!updateStatus && (report.statusKept ?? 0) > 0 && <p className="text-dns-14N-130 text-solid-gray-700">{t.keptHint}</p>}
    </div>
  );
}

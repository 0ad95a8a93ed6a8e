import { CASE_SHARINGS, type CaseSharing } from "@kb/shared";
import { useId } from "react";
import { messages as m } from "../messages";

/**
 * 公開範囲 as a choice of two (庁内限定 / 自治体間で共有), each with what it means: the review panel
 * asks it when publishing. A fieldset with a legend, so screen readers announce the question.
 */
export function SharingChoice({ value, onChange, publicReading, disabled }: { value: CaseSharing; onChange: (sharing: CaseSharing) => void; publicReading: boolean; disabled?: boolean }) {
  const s = m.sharing;
  const id = useId();
  return (
    <fieldset className="space-y-2">
      <legend className="text-std-16B-170">{s.label}</legend>
      {CASE_SHARINGS.map((sharing) => (
        <label key={sharing} className="flex items-start gap-2">
          <input
            type="radio"
            name={`${id}-sharing`}
            value={sharing}
            checked={value === sharing}
            disabled={disabled}
            onChange={() => onChange(sharing)}
            aria-describedby={`${id}-${sharing}-hint`}
            className="mt-1"
          />
          <span>
            <span className="text-std-16B-170">{s.labels[sharing]}</span>
            <span id={`${id}-${sharing}-hint`} className="block text-dns-14N-130 text-solid-gray-700">
              {sharing === "COMMONS" ? s.hints.COMMONS(publicReading) : s.hints.ORGANISATION}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

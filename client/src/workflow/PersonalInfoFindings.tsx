import { PERSONAL_INFO_LABELS, type CaseKind, type PersonalInfoKind } from "@kb/shared";
import { fieldLabel, textAt } from "../caseForm/formValues";
import { FieldLink } from "../components/form/FieldLink";
import { messages as m } from "../messages";

export interface Finding {
  kind: string;
  field: string;
  start: number;
  end: number;
  text: string;
}

const AROUND = 24;

/** The text around a finding, the match itself marked; falls back to the match alone. */
export function excerptOf(content: unknown, finding: Finding): { before: string; match: string; after: string } {
  const text = textAt(content, finding.field);
  if (text === undefined || text.slice(finding.start, finding.end) !== finding.text) {
    return { before: "", match: finding.text, after: "" };
  }
  const from = Math.max(0, finding.start - AROUND);
  const to = Math.min(text.length, finding.end + AROUND);
  return {
    before: `${from > 0 ? "…" : ""}${text.slice(from, finding.start)}`,
    match: text.slice(finding.start, finding.end),
    after: `${text.slice(finding.end, to)}${to < text.length ? "…" : ""}`,
  };
}

const kindLabel = (kind: string) => PERSONAL_INFO_LABELS[kind as PersonalInfoKind] ?? kind;

/**
 * Each finding with the field it is in and the words around it, the match highlighted. `fieldTarget`
 * gives the id of the field's input (on the form), so the finding links there for the author to fix it.
 */
export function PersonalInfoFindings({
  findings,
  content,
  caseKind,
  fieldTarget,
}: {
  findings: readonly Finding[];
  content: unknown;
  caseKind: CaseKind | "";
  fieldTarget?: (path: string) => string | null;
}) {
  return (
    <ul className="space-y-3">
      {findings.map((finding, i) => {
        const { before, match, after } = excerptOf(content, finding);
        const label = fieldLabel(finding.field, caseKind);
        const target = fieldTarget?.(finding.field);
        return (
          <li key={`${finding.field}-${finding.start}-${i}`} className="rounded-8 border border-solid-gray-300 bg-white p-3">
            <p className="text-dns-16B-130 text-solid-gray-900">
              {target ? <FieldLink targetId={target}>{m.submit.findingItem(kindLabel(finding.kind), label)}</FieldLink> : m.submit.findingItem(kindLabel(finding.kind), label)}
            </p>
            <p className="mt-1 whitespace-pre-wrap text-std-16N-170">
              {before}
              <mark>{match}</mark>
              {after}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

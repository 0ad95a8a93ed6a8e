import { graphql } from "../gql";
import type { CaseKind } from "@kb/shared";
import { useId, type Ref } from "react";
import { FieldError } from "../components/form/Field";
import { messages as m } from "../messages";
import { PersonalInfoFindings, type Finding } from "./PersonalInfoFindings";

export const SUBMIT_CASE = graphql(`
  mutation SubmitCase($id: ID!, $version: Int!, $confirmPersonalInfo: Boolean!) {
    submitCase(id: $id, version: $version, confirmPersonalInfo: $confirmPersonalInfo) {
      id
      status
      version
      submittedAt
      viewerCan {
        edit
        submit
        review
        archive
      }
    }
  }
`);

/** Identifies a set of findings: when the text changes so that the findings change, the tick is cleared. */
export const findingsKey = (findings: readonly Finding[]) => findings.map((f) => `${f.field}:${f.kind}:${f.text}`).join("|");

interface Props {
  findings: readonly Finding[];
  content: unknown;
  caseKind: CaseKind | "";
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
  error?: string | undefined;
  /** The id of the input a finding's field path belongs to (on the form), to link to it. */
  fieldTarget?: (path: string) => string | null;
  /** Shown above the findings when the server found what the browser did not. */
  serverMessage?: string | undefined;
  headingRef?: Ref<HTMLHeadingElement>;
}

/**
 * The personal-information step before 提出: every finding in context, and the tick
 * 「確認しました（公開して問題ない情報です）」 that must be set (or the text fixed) before submitting.
 */
export function SubmitConfirmation({
  findings,
  content,
  caseKind,
  confirmed,
  onConfirmedChange,
  error,
  fieldTarget,
  serverMessage,
  headingRef,
}: Props) {
  const headingId = useId();
  const checkboxId = useId();
  const errorId = `${checkboxId}-error`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-8 border-2 border-warning-orange-1 bg-orange-50 p-4 md:p-6">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-std-20B-150 text-solid-gray-900">
        {m.submit.findingsHeading}
      </h2>
      {serverMessage && <p className="text-std-16B-170">{serverMessage}</p>}
      <p>{m.submit.findingsLead(findings.length)}</p>
      <PersonalInfoFindings findings={findings} content={content} caseKind={caseKind} fieldTarget={fieldTarget} />
      {fieldTarget && <p className="text-dns-14N-130 text-solid-gray-800">{m.submit.findingsFixHint}</p>}
      <div className="space-y-2">
        <FieldError id={errorId} message={error} />
        <label htmlFor={checkboxId} className="flex cursor-pointer items-start gap-3 text-std-16B-170 text-solid-gray-900">
          <input
            id={checkboxId}
            type="checkbox"
            checked={confirmed}
            onChange={(event) => onConfirmedChange(event.target.checked)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="mt-1 size-6 shrink-0"
          />
          {m.submit.confirm}
        </label>
      </div>
    </section>
  );
}

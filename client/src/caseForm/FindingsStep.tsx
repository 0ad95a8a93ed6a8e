import type { RefObject } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { messages as m } from "../messages";
import { findingsKey, SubmitConfirmation } from "../workflow/SubmitConfirmation";
import { fieldId } from "./fieldIds";
import { formPathOf, scanContent, toDraftInput, type CaseFormValues } from "./formValues";

/** The personal-information step, recomputed from the form as the user fixes the text. */
export function FindingsStep({
  form,
  headingRef,
  confirmedFor,
  onConfirm,
  error,
  serverMessage,
}: {
  form: UseFormReturn<CaseFormValues>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  confirmedFor: string | null;
  onConfirm: (key: string | null) => void;
  error: string | undefined;
  serverMessage: string | undefined;
}) {
  const values = useWatch({ control: form.control }) as CaseFormValues;
  const content = toDraftInput(values).input;
  const findings = scanContent(content);
  const key = serverMessage && findings.length === 0 ? "server" : findingsKey(findings);
  if (findings.length === 0 && !serverMessage) {
    return (
      <p role="status" className="rounded-8 border border-success-1 bg-green-50 p-4">
        {m.submit.noFindings}
      </p>
    );
  }
  return (
    <div data-confirm-personal-info="">
      <SubmitConfirmation
        findings={findings}
        content={content}
        caseKind={values.kind}
        confirmed={confirmedFor === key}
        onConfirmedChange={(checked) => onConfirm(checked ? key : null)}
        error={error}
        fieldTarget={(path) => {
          const target = formPathOf(path);
          return target ? fieldId(target) : null;
        }}
        serverMessage={serverMessage}
        headingRef={headingRef}
      />
    </div>
  );
}

import { CASE_KINDS, CASE_KIND_LABELS } from "@kb/shared";
import { useId } from "react";
import type { UseFormReturn } from "react-hook-form";
import { FieldError, RequirementTag } from "../components/form/Field";
import { messages as m } from "../messages";
import { fieldId } from "./fieldIds";
import type { CaseFormValues } from "./formValues";

/** The first choice of the 投稿 form: one card-like radio per kind, with its description. */
export function KindFieldset({ form, error }: { form: UseFormReturn<CaseFormValues>; error: string | undefined }) {
  const kindErrorId = useId();
  return (
    <fieldset className="space-y-3" aria-describedby={error ? kindErrorId : undefined}>
      <legend className="text-std-20B-150 text-solid-gray-900">
        {m.caseForm.kindLegend}
        <RequirementTag requirement="required" />
      </legend>
      <p className="text-dns-14N-130 text-solid-gray-700">{m.caseForm.kindHint}</p>
      <FieldError id={kindErrorId} message={error} />
      <div className="grid gap-3 md:grid-cols-2">
        {CASE_KINDS.map((k) => {
          const id = fieldId(`kind-${k}`);
          return (
            <label
              key={k}
              htmlFor={id}
              className="flex cursor-pointer items-start gap-3 rounded-8 border border-solid-gray-300 p-4 has-[:checked]:border-2 has-[:checked]:border-blue-900 has-[:checked]:bg-blue-50"
            >
              <input
                id={id}
                type="radio"
                value={k}
                {...form.register("kind")}
                aria-invalid={error ? true : undefined}
                aria-labelledby={`${id}-label`}
                aria-describedby={`${id}-desc`}
                className="mt-1 size-5 shrink-0 accent-blue-900"
              />
              <span>
                <span id={`${id}-label`} className="block text-std-17B-170 text-solid-gray-900">
                  {CASE_KIND_LABELS[k]}
                </span>
                <span id={`${id}-desc`} className="block text-dns-14N-130 text-solid-gray-700">
                  {m.caseForm.kindDescriptions[k]}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

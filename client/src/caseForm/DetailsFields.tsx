import type { CaseKind } from "@kb/shared";
import type { UseFormReturn } from "react-hook-form";
import { Field } from "../components/form/Field";
import { messages as m } from "../messages";
import { detailFieldsOf, type DetailField } from "./detailFields";
import { fieldId } from "./fieldIds";
import type { CaseFormValues } from "./formValues";

function hintOf(field: DetailField): string | undefined {
  switch (field.type) {
    case "list":
      return m.caseForm.listHint;
    case "dates":
      return m.caseForm.datesHint;
    case "integer":
      return m.caseForm.integerHint;
    default:
      return undefined;
  }
}

/** The chosen kind's own fields (shared/src/details.ts), all optional. */
export function DetailsFields({
  form,
  kind,
  errorOf,
  headingId,
}: {
  form: UseFormReturn<CaseFormValues>;
  kind: CaseKind;
  errorOf: (path: string) => string | undefined;
  headingId: string;
}) {
  return (
    <section aria-labelledby={headingId} className="space-y-6">
      <div className="space-y-1">
        <h2 id={headingId} className="text-std-22B-150 text-solid-gray-900">
          {m.casePage.detailsHeading[kind]}
        </h2>
        <p className="text-solid-gray-700">{m.caseForm.detailsLead}</p>
      </div>
      {detailFieldsOf(kind).map((field) => {
        const path = `details.${field.name}` as const;
        return (
          <Field key={`${kind}-${field.name}`} id={fieldId(path)} label={field.label} hint={hintOf(field)} error={errorOf(path)}>
            {(a11y) => {
              const props = { ...a11y, ...form.register(path) };
              switch (field.type) {
                case "textarea":
                  return <textarea {...props} rows={4} maxLength={2000} className="input-text resize-y" />;
                case "list":
                case "dates":
                  return <textarea {...props} rows={field.type === "dates" ? 3 : 4} className="input-text resize-y" />;
                case "integer":
                  return <input {...props} type="text" inputMode="numeric" autoComplete="off" className="input-text max-w-48 text-right tabular-nums" />;
                case "boolean":
                  return (
                    <select {...props} className="input-text max-w-md">
                      <option value="">{m.caseForm.booleanUnset}</option>
                      <option value="true">{field.labels.true}</option>
                      <option value="false">{field.labels.false}</option>
                    </select>
                  );
                case "choice":
                  return (
                    <select {...props} className="input-text max-w-md">
                      <option value="">{m.caseForm.chooseOption}</option>
                      {field.options.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  );
                default:
                  return <input {...props} type="text" maxLength={field.maxLength} autoComplete="off" className="input-text" />;
              }
            }}
          </Field>
        );
      })}
    </section>
  );
}

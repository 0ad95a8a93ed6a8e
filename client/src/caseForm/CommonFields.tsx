import { fiscalYearOf, formatFiscalYear, MIN_FISCAL_YEAR } from "@kb/shared";
import { Controller, useWatch, type UseFormReturn } from "react-hook-form";
import { Field } from "../components/form/Field";
import { messages as m } from "../messages";
import { EffectsEditor } from "./EffectsEditor";
import { fieldId } from "./fieldIds";
import type { CaseFormValues, TextField } from "./formValues";
import { MarkdownField } from "./MarkdownField";
import { TagInput } from "./TagInput";

const TEXTS: { name: TextField; rows: number; max: number; requirement: "requiredToSubmit" | "optional" }[] = [
  { name: "summary", rows: 4, max: 2000, requirement: "requiredToSubmit" },
  { name: "background", rows: 6, max: 20000, requirement: "optional" },
  { name: "actions", rows: 8, max: 20000, requirement: "requiredToSubmit" },
  { name: "results", rows: 6, max: 20000, requirement: "requiredToSubmit" },
  { name: "tips", rows: 6, max: 20000, requirement: "optional" },
];

function fiscalYearOptions(current: string): number[] {
  const newest = fiscalYearOf(new Date()) + 1;
  const years: number[] = [];
  for (let y = newest; y >= MIN_FISCAL_YEAR; y--) years.push(y);
  const chosen = Number(current);
  if (current !== "" && Number.isInteger(chosen) && !years.includes(chosen)) years.unshift(chosen);
  return years;
}

interface Props {
  form: UseFormReturn<CaseFormValues>;
  errorOf: (path: string) => string | undefined;
  /** Prefix of the sections' heading ids. */
  headingId: string;
}

/** The fields every kind has: 基本情報 (title, year, tags), then the texts and the effects. */
export function CommonFields({ form, errorOf, headingId }: Props) {
  const fiscalYear = useWatch({ control: form.control, name: "fiscalYear" });
  return (
    <>
      <section className="space-y-6" aria-labelledby={`${headingId}-basics`}>
        <h2 id={`${headingId}-basics`} className="text-std-22B-150 text-solid-gray-900">
          {m.caseForm.basicsHeading}
        </h2>
        <Field id={fieldId("title")} label={m.caseForm.fields.title} hint={m.caseForm.hints.title} requirement="required" error={errorOf("title")}>
          {(a11y) => <input {...a11y} {...form.register("title")} type="text" maxLength={200} autoComplete="off" className="input-text" />}
        </Field>
        <Field id={fieldId("fiscalYear")} label={m.caseForm.fields.fiscalYear} hint={m.caseForm.hints.fiscalYear} requirement="required" error={errorOf("fiscalYear")}>
          {(a11y) => (
            <select {...a11y} {...form.register("fiscalYear")} className="input-text max-w-md">
              <option value="">{m.caseForm.chooseOption}</option>
              {fiscalYearOptions(fiscalYear).map((y) => (
                <option key={y} value={String(y)}>
                  {formatFiscalYear(y)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fieldId("tags")} label={m.caseForm.fields.tags} hint={m.caseForm.tags.hint} requirement="optional" error={errorOf("tags")}>
          {(a11y) => (
            <Controller
              control={form.control}
              name="tags"
              render={({ field }) => <TagInput {...a11y} value={field.value} onChange={field.onChange} onBlur={field.onBlur} textSource={form.control} />}
            />
          )}
        </Field>
      </section>

      <section className="space-y-8" aria-labelledby={`${headingId}-content`}>
        <h2 id={`${headingId}-content`} className="text-std-22B-150 text-solid-gray-900">
          {m.caseForm.contentHeading}
        </h2>
        {TEXTS.map((t) => (
          <MarkdownField
            key={t.name}
            form={form}
            name={t.name}
            label={m.caseForm.fields[t.name]}
            hint={m.caseForm.hints[t.name]}
            requirement={t.requirement}
            rows={t.rows}
            maxLength={t.max}
            error={errorOf(t.name)}
          />
        ))}
        <EffectsEditor form={form} errorOf={errorOf} groupError={errorOf("effects")} />
      </section>
    </>
  );
}

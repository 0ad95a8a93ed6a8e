import { useId, useState } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { Field, type Requirement } from "../components/form/Field";
import { MarkdownText as Markdown } from "../components/MarkdownText";
import { messages as m } from "../messages";
import { fieldId } from "./fieldIds";
import type { CaseFormValues, TextField } from "./formValues";

function Preview({ form, name, label, id }: { form: UseFormReturn<CaseFormValues>; name: TextField; label: string; id: string }) {
  const text = useWatch({ control: form.control, name });
  return (
    <div id={id} role="region" aria-label={m.caseForm.preview.region(label)} className="rounded-8 border border-dashed border-solid-gray-536 bg-solid-gray-50 p-4">
      {text.trim() ? <Markdown text={text} /> : <p className="text-solid-gray-700">{m.caseForm.preview.empty}</p>}
    </div>
  );
}

/** A long text field (Markdown) with a preview that renders it as readers will see it, sanitised. */
export function MarkdownField({
  form,
  name,
  label,
  hint,
  requirement,
  rows,
  maxLength,
  error,
}: {
  form: UseFormReturn<CaseFormValues>;
  name: TextField;
  label: string;
  hint: string;
  requirement?: Requirement;
  rows: number;
  maxLength: number;
  error: string | undefined;
}) {
  const [preview, setPreview] = useState(false);
  const previewId = useId();
  return (
    <div className="space-y-2">
      <Field id={fieldId(name)} label={label} hint={`${hint} ${m.caseForm.hints.markdown}`} requirement={requirement} error={error}>
        {(a11y) => <textarea {...a11y} {...form.register(name)} rows={rows} maxLength={maxLength} className="input-text min-h-24 resize-y" />}
      </Field>
      <button type="button" className="btn-text" aria-label={preview ? m.caseForm.preview.hideFor(label) : m.caseForm.preview.showFor(label)} aria-expanded={preview} aria-controls={preview ? previewId : undefined} onClick={() => setPreview((p) => !p)}>
        {preview ? m.caseForm.preview.hide : m.caseForm.preview.show}
      </button>
      {preview && <Preview form={form} name={name} label={label} id={previewId} />}
    </div>
  );
}

import { COLLECTION_DESCRIPTION_MAX, COLLECTION_TITLE_MAX, fiscalYearOf, formatFiscalYear } from "@kb/shared";
import { useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { Field } from "../components/form/Field";
import { messages as m } from "../messages";

export interface CollectionInput {
  title: string;
  description: string;
  fiscalYear: number | null;
}

/** The years a collection can be for: next year and the seven before it, plus its own if older. */
function fiscalYearChoices(current: number | null): number[] {
  const thisYear = fiscalYearOf(new Date());
  return [...new Set([...Array.from({ length: 8 }, (_, i) => thisYear + 1 - i), ...(current ? [current] : [])])].sort((a, b) => b - a);
}

interface Props {
  /** The id of the heading that names the form. */
  labelledBy: string;
  /** The collection being edited; none when one is created. */
  initial?: CollectionInput;
  titleHint?: string;
  /** Field errors by input path (title, description, fiscalYear). */
  errors: Record<string, string>;
  onSubmit: (input: CollectionInput) => void;
  formRef?: RefObject<HTMLFormElement | null>;
  /** What follows the fields: messages and buttons. */
  children: ReactNode;
}

/** A 好事例集's name, year and description: the one form for creating one and for its settings. */
export function CollectionForm({ labelledBy, initial, titleHint, errors, onSubmit, formRef, children }: Props) {
  const c = m.curation.collections;
  const [title, setTitle] = useState(initial?.title ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [fiscalYear, setFiscalYear] = useState(initial?.fiscalYear == null ? "" : String(initial.fiscalYear));
  const years = fiscalYearChoices(initial?.fiscalYear ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ title, description, fiscalYear: fiscalYear ? Number(fiscalYear) : null });
  };

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4" aria-labelledby={labelledBy} noValidate>
      <Field label={c.titleLabel} hint={titleHint} error={errors.title} requirement="required">
        {(props) => <input {...props} type="text" className="input-text" maxLength={COLLECTION_TITLE_MAX} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />}
      </Field>
      <Field label={c.fiscalYearLabel} error={errors.fiscalYear} requirement="optional">
        {(props) => (
          <select {...props} className="input-text" value={fiscalYear} onChange={(e) => setFiscalYear(e.currentTarget.value)}>
            <option value="">{c.noFiscalYear}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatFiscalYear(y)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={c.descriptionLabel} error={errors.description} requirement="optional">
        {(props) => (
          <textarea {...props} className="input-text min-h-24" maxLength={COLLECTION_DESCRIPTION_MAX} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        )}
      </Field>
      {children}
    </form>
  );
}

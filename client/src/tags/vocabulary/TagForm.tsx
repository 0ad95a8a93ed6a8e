import { graphql } from "../../gql";
import type { TagRow_TagFragment } from "../../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { TAG_CATEGORIES, TAG_CATEGORY_DESCRIPTIONS, TAG_CATEGORY_LABELS, type TagCategory } from "@kb/shared";
import { useId, useState, type FormEvent } from "react";
import { toApiError } from "../../lib/apiError";
import { messages as m } from "../../messages";
import { messageOf, REFETCH, t } from "./tagItem";

const CREATE = graphql(`
  mutation CreateTag($input: TagCreateInput!) {
    createTag(input: $input) {
      tag {
        ...TagRow_tag
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateTag($id: ID!, $version: Int!, $input: TagUpdateInput!) {
    updateTag(id: $id, version: $version, input: $input) {
      tag {
        ...TagRow_tag
      }
      affectedCases
    }
  }
`);

/** Adds a tag (no `tag`) or edits one: name, category, description, and whether the old name stays a synonym. */
export function TagForm({
  tag,
  submitLabel,
  onSaved,
  onCancel,
}: {
  tag?: TagRow_TagFragment;
  submitLabel: string;
  onSaved: (name: string, affectedCases: number) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(tag?.name ?? "");
  const [category, setCategory] = useState<TagCategory>(tag?.category ?? "THEME");
  const [description, setDescription] = useState(tag?.description ?? "");
  const [keepSynonym, setKeepSynonym] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState("");
  const [create, creating] = useMutation(CREATE, { refetchQueries: REFETCH });
  const [update, updating] = useMutation(UPDATE, { refetchQueries: REFETCH });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailure("");
    try {
      if (tag) {
        const result = await update({ variables: { id: tag.id, version: tag.version, input: { name, category, description, keepOldNameAsSynonym: keepSynonym } } });
        onSaved(result.data?.updateTag.tag.name ?? name, result.data?.updateTag.affectedCases ?? 0);
      } else {
        const result = await create({ variables: { input: { name, category, description } } });
        setName("");
        setDescription("");
        onSaved(result.data?.createTag.tag.name ?? name, 0);
      }
    } catch (e) {
      const apiError = toApiError(e);
      const fields: Record<string, string> = {};
      for (const f of apiError.fields) fields[f.path] ??= f.message;
      setErrors(fields);
      if (!Object.keys(fields).length) setFailure(messageOf(apiError));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-3">
      <div>
        <label htmlFor={`${id}-name`} className="block text-std-16B-170">
          {t.nameLabel}
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={50}
          aria-invalid={!!errors["name"]}
          aria-describedby={errors["name"] ? `${id}-name-error` : undefined}
          className="input-text"
        />
        {errors["name"] && (
          <p id={`${id}-name-error`} className="text-dns-14B-130 text-error-1">
            {errors["name"]}
          </p>
        )}
      </div>
      <fieldset>
        <legend className="text-std-16B-170">{m.tags.category}</legend>
        <div className="grid gap-1 md:grid-cols-2">
          {TAG_CATEGORIES.map((c) => (
            <label key={c} className="inline-flex items-start gap-2">
              <input type="radio" name={`${id}-category`} value={c} checked={category === c} onChange={() => setCategory(c)} className="mt-1" />
              <span>
                {TAG_CATEGORY_LABELS[c]}
                <span className="block text-dns-14N-130 text-solid-gray-700">{TAG_CATEGORY_DESCRIPTIONS[c]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-description`} className="block text-std-16B-170">
          {t.descriptionLabel}
        </label>
        <textarea
          id={`${id}-description`}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          rows={2}
          maxLength={500}
          aria-invalid={!!errors["description"]}
          className="input-text w-full"
        />
        {errors["description"] && <p className="text-dns-14B-130 text-error-1">{errors["description"]}</p>}
      </div>
      {tag && (
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" checked={keepSynonym} onChange={(e) => setKeepSynonym(e.currentTarget.checked)} />
          {t.keepSynonym}
        </label>
      )}
      {failure && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {failure}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={creating.loading || updating.loading}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn-outline" onClick={onCancel}>
            {t.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

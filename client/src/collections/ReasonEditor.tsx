import { graphql } from "../gql";
import type { EntryBody_EntryFragment } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { FEATURE_REASON_MAX } from "@kb/shared";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

const UPDATE_ENTRY = graphql(`
  mutation UpdateCollectionEntry($input: CollectionEntryInput!) {
    updateCollectionEntry(input: $input) {
      ...CollectionPage_collection
    }
  }
`);

/** 選定理由を編集: a button that opens a small form for the entry's reason. */
export function ReasonEditor({ collectionId, entry, onSaved }: { collectionId: string; entry: EntryBody_EntryFragment; onSaved: (version: number) => void }) {
  const c = m.curation.collections;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(entry.reason);
  const [error, setError] = useState<string | undefined>();
  const [save, { loading }] = useMutation(UPDATE_ENTRY);
  const toggle = useRef<HTMLButtonElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const result = await save({ variables: { input: { collectionId, caseId: entry.caseId, reason } } });
      if (result.data) onSaved(result.data.updateCollectionEntry.version);
      setOpen(false);
      requestAnimationFrame(() => toggle.current?.focus());
    } catch (e) {
      const problem = toApiError(e, c.failed2);
      setError(problem.fields.find((f) => f.path === "reason")?.message ?? problem.message);
    }
  };

  if (!open) {
    return (
      <button
        ref={toggle}
        type="button"
        className="btn-text"
        aria-label={c.editReason(entry.caseTitle)}
        onClick={() => {
          setReason(entry.reason);
          setOpen(true);
        }}
      >
        {c.editReasonLabel}
      </button>
    );
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="w-full space-y-2" aria-label={c.editReason(entry.caseTitle)} noValidate>
      <Field label={c.reason} error={error} requirement="required">
        {(props) => (
          <textarea {...props} autoFocus className="input-text min-h-20" maxLength={FEATURE_REASON_MAX} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        )}
      </Field>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={loading}>
          {c.saveReason}
        </button>
        <button type="button" className="btn-outline" onClick={() => setOpen(false)}>
          {c.cancel}
        </button>
      </div>
    </form>
  );
}

import { graphql } from "../gql";
import { useMutation } from "@apollo/client/react";
import { FEATURE_REASON_MAX } from "@kb/shared";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

const ADD_COMMONS_ENTRY = graphql(`
  mutation AddCommonsCollectionEntry($input: CollectionEntryInput!) {
    addCollectionEntry(input: $input) {
      ...CollectionPage_collection
    }
  }
`);

const CASE_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * 好事例を追加する, on a 全国の好事例集 (issue 16) for the 広域事務局: a commons case of any
 * organisation, by its page's address or its id, with a 選定理由. The server refuses a 庁内限定 case
 * or a draft (as a missing one when it is another organisation's).
 */
export function AddCommonsCase({ collectionId }: { collectionId: string }) {
  const a = m.hub.collection;
  const [target, setTarget] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ caseId?: string; reason?: string }>({});
  const [status, setStatus] = useState("");
  const [add, { loading }] = useMutation(ADD_COMMONS_ENTRY);
  const caseRef = useRef<HTMLFormElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    const caseId = CASE_ID.exec(target)?.[0];
    if (!caseId) {
      setErrors({ caseId: a.caseInvalid });
      caseRef.current?.querySelector<HTMLInputElement>("input")?.focus();
      return;
    }
    setErrors({});
    try {
      await add({ variables: { input: { collectionId, caseId, reason } } });
      setTarget("");
      setReason("");
      setStatus(a.added);
    } catch (error) {
      const problem = toApiError(error, a.failed);
      const fields = Object.fromEntries(problem.fields.map((f) => [f.path, f.message])) as { caseId?: string; reason?: string };
      setErrors(problem.fields.length ? fields : { caseId: problem.message });
    }
  };

  return (
    <section aria-labelledby="add-commons-case" className="space-y-3 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h2 id="add-commons-case" className="text-std-22B-150 text-solid-gray-900">
        {a.addHeading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{a.addLead}</p>
      <form ref={caseRef} onSubmit={(e) => void onSubmit(e)} className="space-y-4" aria-labelledby="add-commons-case" noValidate>
        <Field label={a.caseLabel} hint={a.caseHint} error={errors.caseId} requirement="required">
          {(props) => <input {...props} type="text" inputMode="url" className="input-text" value={target} onChange={(e) => setTarget(e.currentTarget.value)} />}
        </Field>
        <Field label={a.reasonLabel} error={errors.reason} requirement="required">
          {(props) => <textarea {...props} className="input-text min-h-24" maxLength={FEATURE_REASON_MAX} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <button type="submit" className="btn-primary" disabled={loading}>
          {loading ? a.adding : a.add}
        </button>
        <p role="status" className="min-h-6 text-std-16B-170">
          {status}
        </p>
      </form>
    </section>
  );
}

import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { FEATURE_REASON_MAX } from "@kb/shared";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

const COMMONS_TARGETS = graphql(`
  query HubCommonsTargets {
    collections(scope: COMMONS, first: 100) {
      items {
        id
        title
      }
    }
  }
`);

const ADD_TO_COMMONS = graphql(`
  mutation HubAddToCommonsCollection($input: CollectionEntryInput!) {
    addCollectionEntry(input: $input) {
      id
      entryCount
    }
  }
`);

/**
 * 全国の好事例集に入れる, on a commons case's page for the 広域事務局 (issue 16): a closed disclosure
 * until opened, then which 全国の好事例集 and a 選定理由. Only shown for a published commons case;
 * the server refuses anything else anyway.
 */
export function AddToCommonsCollection({ caseId }: { caseId: string }) {
  const a = m.hub.casePanel;
  const [open, setOpen] = useState(false);
  const [collectionId, setCollectionId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ collectionId?: string; reason?: string }>({});
  const [status, setStatus] = useState<{ text: string; collectionId?: string } | null>(null);
  const { data } = useQuery(COMMONS_TARGETS, { skip: !open, fetchPolicy: "cache-and-network" });
  const [add, { loading }] = useMutation(ADD_TO_COMMONS);
  const collections = data?.collections.items ?? [];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    if (!collectionId) return setErrors({ collectionId: a.pick });
    setErrors({});
    try {
      await add({ variables: { input: { collectionId, caseId, reason } } });
      setReason("");
      setStatus({ text: a.added(collections.find((c) => c.id === collectionId)?.title ?? ""), collectionId });
    } catch (error) {
      const problem = toApiError(error, a.failed);
      const fields = Object.fromEntries(problem.fields.map((f) => [f.path, f.message])) as { collectionId?: string; reason?: string };
      if (problem.fields.length) setErrors(fields);
      else setStatus({ text: problem.message });
    }
  };

  return (
    <section aria-labelledby="hub-case-panel" className="space-y-3 rounded-8 border border-blue-900 p-4">
      <h2 id="hub-case-panel" className="text-std-18B-160 text-solid-gray-900">
        {a.heading}
      </h2>
      {!open ? (
        <button type="button" className="btn-secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          {a.open}
        </button>
      ) : collections.length === 0 && data ? (
        <p>
          {a.none} <Link to="/admin/hub">{a.hubLink}</Link>
        </p>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} className="space-y-4" aria-labelledby="hub-case-panel" noValidate>
          <Field label={a.collectionLabel} error={errors.collectionId} requirement="required">
            {(props) => (
              <select {...props} className="input-text" value={collectionId} onChange={(e) => setCollectionId(e.currentTarget.value)}>
                <option value="">{a.pick}</option>
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={a.reasonLabel} error={errors.reason} requirement="required">
            {(props) => <textarea {...props} className="input-text min-h-24" maxLength={FEATURE_REASON_MAX} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <button type="submit" className="btn-primary" disabled={loading}>
            {a.add}
          </button>
        </form>
      )}
      <p role="status" className="min-h-6 text-std-16B-170">
        {status?.text}
        {status?.collectionId && (
          <>
            {" "}
            <Link to={`/collections/${encodeURIComponent(status.collectionId)}`}>{a.see}</Link>
          </>
        )}
      </p>
    </section>
  );
}

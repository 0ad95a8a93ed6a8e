import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { FEATURE_REASON_MAX } from "@kb/shared";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

const PICKABLE_COLLECTIONS = graphql(`
  query PickableCollections {
    collections(first: 100) {
      items {
        id
        title
        status
      }
    }
  }
`);

const ADD_ENTRIES = graphql(`
  mutation AddCollectionEntries($input: CollectionEntriesInput!) {
    addCollectionEntries(input: $input) {
      addedCaseIds
      alreadyInCaseIds
      collection {
        id
        title
        version
        entryCount
      }
    }
  }
`);

interface Outcome {
  collectionId: string;
  text: string;
}

/**
 * 選んだN件を好事例集に追加 (issue 13): a bar at the foot of the search results, for the secretariat,
 * once results are ticked. It opens a small form (which 好事例集, one 選定理由 for all); the server adds
 * them in one transaction and says which were in already. The answer shows in the bar, beside the
 * button just pressed, with a link to the collection; the ticks and the form are cleared.
 */
export function BulkAddToCollection({ selected, onClearSelection }: { selected: ReadonlyMap<string, string>; onClearSelection: () => void }) {
  const b = m.curation.bulkAdd;
  const f = m.curation.featured;
  const [open, setOpen] = useState(false);
  const [collectionId, setCollectionId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ collectionId?: string; reason?: string; form?: string }>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const { data } = useQuery(PICKABLE_COLLECTIONS, { skip: !open, fetchPolicy: "cache-and-network" });
  const collections = data?.collections.items ?? [];
  const [addEntries, { loading }] = useMutation(ADD_ENTRIES, { refetchQueries: ["Home", "CaseCuration", "CuratorCollections"] });

  // Ticking again after a result starts a new round: the old message goes.
  const count = selected.size;
  useEffect(() => {
    if (count > 0) setOutcome(null);
  }, [count]);
  useEffect(() => {
    if (outcome) statusRef.current?.focus();
  }, [outcome]);

  if (count === 0 && !outcome) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof errors = {};
    if (!collectionId) problems.collectionId = f.chooseCollection;
    if (!reason.trim()) problems.reason = b.reasonRequired;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      const result = await addEntries({ variables: { input: { collectionId, caseIds: [...selected.keys()], reason } } });
      const done = result.data!.addCollectionEntries;
      const title = done.collection.title;
      const skipped = done.alreadyInCaseIds.map((id) => selected.get(id) ?? id);
      const text =
        done.addedCaseIds.length === 0 ? b.noneAdded(title) : [b.added(title, done.addedCaseIds.length), skipped.length ? b.alreadyIn(skipped) : ""].join("");
      setCollectionId("");
      setReason("");
      setOpen(false);
      onClearSelection();
      setOutcome({ collectionId: done.collection.id, text });
    } catch (error) {
      const problem = toApiError(error, b.failed);
      const reasonProblem = problem.fields.find((p) => p.path === "reason")?.message;
      setErrors(reasonProblem ? { reason: reasonProblem } : { form: problem.fields[0]?.message ?? problem.message });
    }
  };

  return (
    <section aria-label={b.barLabel} className="sticky bottom-0 z-10 mt-4 max-h-[80vh] overflow-y-auto rounded-t-8 border-2 border-blue-900 bg-white p-3 shadow-lg md:p-4">
      {count > 0 && (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-std-16B-170 text-solid-gray-900">{b.selectedCount(count)}</p>
          <button type="button" className="btn-primary" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
            {b.open(count)}
          </button>
          <button type="button" className="btn-outline" onClick={onClearSelection}>
            {b.clear}
          </button>
        </div>
      )}
      {count > 0 && open && (
        <form onSubmit={(e) => void submit(e)} aria-label={b.formLabel} className="mt-3 space-y-3" noValidate>
          {data && collections.length === 0 ? (
            <p>
              {f.noCollections} <Link to="/collections">{f.createCollection}</Link>
            </p>
          ) : (
            <>
              <Field label={f.collectionLabel} error={errors.collectionId} requirement="required">
                {(props) => (
                  <select {...props} className="input-text" value={collectionId} onChange={(e) => {
                      setCollectionId(e.currentTarget.value);
                      setErrors((v) => ({ ...v, collectionId: undefined }));
                    }}
                  >
                    <option value="">{f.chooseCollection}</option>
                    {collections.map((col) => (
                      <option key={col.id} value={col.id}>
                        {col.title}
                        {col.status === "DRAFT" ? f.draftMark : ""}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={f.entryReasonLabel} hint={b.reasonHint} error={errors.reason} requirement="required">
                {(props) => (
                  <textarea {...props} className="input-text min-h-20" maxLength={FEATURE_REASON_MAX} value={reason}
                    onChange={(e) => {
                      setReason(e.currentTarget.value);
                      setErrors((v) => ({ ...v, reason: undefined }));
                    }}
                  />
                )}
              </Field>
              {errors.form && (
                <p role="alert" className="text-dns-16B-130 text-error-1">
                  {errors.form}
                </p>
              )}
              <button type="submit" className="btn-primary" disabled={loading}>
                {b.submit(count)}
              </button>
            </>
          )}
        </form>
      )}
      <div ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className="outline-none focus-visible:outline-2">
        {outcome && (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-std-16B-170 text-success-2">
              <span aria-hidden="true">✓ </span>
              {outcome.text}
            </p>
            <Link to={`/collections/${encodeURIComponent(outcome.collectionId)}`}>{b.openCollection}</Link>
            <button type="button" className="btn-outline" onClick={() => setOutcome(null)}>
              {b.close}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

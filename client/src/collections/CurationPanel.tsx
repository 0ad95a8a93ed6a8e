import { graphql } from "../gql";
import type { CaseCurationQuery } from "../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { FEATURE_REASON_MAX } from "@kb/shared";
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

type CaseCurationData = CaseCurationQuery;

export const CASE_CURATION = graphql(`
  query CaseCuration($id: ID!) {
    case(id: $id) {
      id
      title
      featured {
        reason
        featuredAt
      }
      collections {
        id
        title
        status
      }
      viewerCanCurate
    }
  }
`);

const CURATOR_COLLECTIONS = graphql(`
  query CuratorCollections {
    collections(first: 100) {
      items {
        id
        title
        status
        version
      }
    }
  }
`);

const FEATURE = graphql(`
  mutation FeatureCase($input: FeatureCaseInput!) {
    featureCase(input: $input) {
      reason
      featuredAt
    }
  }
`);

const UNFEATURE = graphql(`
  mutation UnfeatureCase($caseId: ID!) {
    unfeatureCase(caseId: $caseId)
  }
`);

const ADD_ENTRY = graphql(`
  mutation AddCollectionEntry($input: CollectionEntryInput!) {
    addCollectionEntry(input: $input) {
      id
      title
      version
      entryCount
    }
  }
`);

/**
 * Curation on the case page (issue 5): for every reader, the secretariat's 選定理由 when the case is
 * featured and the 好事例集 it is in; for the secretariat, featuring it and adding it to a collection.
 */
export function CurationPanel({ caseId }: { caseId: string }) {
  const { data } = useQuery(CASE_CURATION, { variables: { id: caseId }, fetchPolicy: "cache-and-network" });
  const [open, setOpen] = useState(false);
  const c = data?.case;
  if (!c) return null;
  const f = m.curation.featured;
  const hasNotice = c.featured || c.collections.length > 0;
  if (!hasNotice && !c.viewerCanCurate) return null;

  return (
    <section aria-label={f.toolsHeading} className="space-y-4">
      {c.featured && (
        <div className="rounded-8 border-2 border-yellow-700 bg-yellow-50 p-4">
          <p className="text-std-16B-170 text-solid-gray-900">
            <span aria-hidden="true">★ </span>
            {f.badge}
          </p>
          <p className="mt-1">
            <span className="mr-2 text-dns-14B-130 text-solid-gray-800">{f.reasonLabel}</span>
            {c.featured.reason}
          </p>
        </div>
      )}
      {c.collections.length > 0 && (
        <div className="text-dns-16N-130">
          <h2 className="text-dns-16B-130 text-solid-gray-900">{f.inCollections}</h2>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {c.collections.map((col) => (
              <li key={col.id}>
                <Link to={`/collections/${encodeURIComponent(col.id)}`}>{col.title}</Link>
                {col.status === "DRAFT" && <span className="ml-1 text-solid-gray-700">{f.draftMark}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.viewerCanCurate && (
        <div>
          <button type="button" className="btn-outline" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
            {open ? f.closeTools : f.openTools}
          </button>
          {open && <CurationTools caseId={c.id} featuredReason={c.featured?.reason ?? null} heldBy={c.collections} />}
        </div>
      )}
    </section>
  );
}

type HeldBy = NonNullable<CaseCurationData["case"]>["collections"];

function CurationTools({ caseId, featuredReason, heldBy }: { caseId: string; featuredReason: string | null; heldBy: HeldBy }) {
  const f = m.curation.featured;
  const headingId = useId();
  const refetchQueries = [CASE_CURATION, "Home"];
  const inCollections = heldBy.map((x) => x.id);
  const [reason, setReason] = useState(featuredReason ?? "");
  const [reasonError, setReasonError] = useState<string | undefined>();
  // Each form says what happened beside its own button, where the eyes and the hand are (issue 13).
  const [featureStatus, setFeatureStatus] = useState("");
  const [addStatus, setAddStatus] = useState("");
  const [feature, { loading: featuring }] = useMutation(FEATURE, { refetchQueries, awaitRefetchQueries: true });
  const [unfeature, { loading: unfeaturing }] = useMutation(UNFEATURE, { refetchQueries, awaitRefetchQueries: true });

  const { data: collectionsData } = useQuery(CURATOR_COLLECTIONS, { fetchPolicy: "cache-and-network" });
  const collections = collectionsData?.collections.items ?? [];
  const [collectionId, setCollectionId] = useState("");
  const [entryReason, setEntryReason] = useState(featuredReason ?? "");
  const [entryErrors, setEntryErrors] = useState<{ collectionId?: string; reason?: string }>({});
  const [addEntry, { loading: adding }] = useMutation(ADD_ENTRY, { refetchQueries: [CASE_CURATION, CURATOR_COLLECTIONS, "Home"], awaitRefetchQueries: true });

  const onFeature = async (event: FormEvent) => {
    event.preventDefault();
    setReasonError(undefined);
    setFeatureStatus("");
    try {
      await feature({ variables: { input: { caseId, reason } } });
      setFeatureStatus(featuredReason ? f.reasonSaved : f.featured);
      if (!entryReason) setEntryReason(reason.trim());
    } catch (error) {
      const problem = toApiError(error, f.failed);
      setReasonError(problem.fields.find((p) => p.path === "reason")?.message ?? problem.message);
    }
  };

  const onUnfeature = async () => {
    setFeatureStatus("");
    try {
      await unfeature({ variables: { caseId } });
      setReason("");
      setFeatureStatus(f.unfeatured);
    } catch (error) {
      setReasonError(toApiError(error, f.failed).message);
    }
  };

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    setAddStatus("");
    if (!collectionId) {
      setEntryErrors({ collectionId: f.chooseCollection });
      return;
    }
    if (inCollections.includes(collectionId)) {
      setEntryErrors({ collectionId: f.alreadyIn });
      return;
    }
    setEntryErrors({});
    try {
      const result = await addEntry({ variables: { input: { collectionId, caseId, reason: entryReason } } });
      setAddStatus(f.added(result.data?.addCollectionEntry.title ?? ""));
      // A cleared form shows the addition took; the list above it now names the collection.
      setCollectionId("");
      setEntryReason("");
    } catch (error) {
      const problem = toApiError(error, f.failed);
      const reasonProblem = problem.fields.find((p) => p.path === "reason")?.message;
      setEntryErrors(reasonProblem ? { reason: reasonProblem } : { collectionId: problem.fields[0]?.message ?? problem.message });
    }
  };

  return (
    <div className="mt-4 space-y-6 rounded-8 border border-solid-gray-420 p-4 md:p-6" aria-labelledby={headingId} role="group">
      <h2 id={headingId} className="text-std-20B-150 text-solid-gray-900">
        {f.toolsHeading}
      </h2>

      <form onSubmit={(e) => void onFeature(e)} className="space-y-3" aria-label={f.featureHeading} noValidate>
        <h3 className="text-std-17B-170 text-solid-gray-900">{f.featureHeading}</h3>
        <Field label={f.reasonLabel} hint={f.reasonHint} error={reasonError} requirement="required">
          {(props) => (
            <textarea {...props} className="input-text min-h-24" maxLength={FEATURE_REASON_MAX} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={featuring}>
            {featuredReason ? f.updateReason : f.feature}
          </button>
          {featuredReason && (
            <button type="button" className="btn-outline" onClick={() => void onUnfeature()} disabled={unfeaturing}>
              {f.unfeature}
            </button>
          )}
          <StatusBeside text={featureStatus} />
        </div>
      </form>

      <form onSubmit={(e) => void onAdd(e)} className="space-y-3" aria-label={f.addHeading} noValidate>
        <h3 className="text-std-17B-170 text-solid-gray-900">{f.addHeading}</h3>
        <HeldByList heldBy={heldBy} />
        {collectionsData && collections.length === 0 ? (
          <p>
            {f.noCollections} <Link to="/collections">{f.createCollection}</Link>
          </p>
        ) : (
          <>
            <Field label={f.collectionLabel} error={entryErrors.collectionId} requirement="required">
              {(props) => (
                <select {...props} className="input-text" value={collectionId} onChange={(e) => setCollectionId(e.currentTarget.value)}>
                  <option value="">{f.chooseCollection}</option>
                  {collections.map((col) => (
                    <option key={col.id} value={col.id} disabled={inCollections.includes(col.id)}>
                      {col.title}
                      {col.status === "DRAFT" ? f.draftMark : ""}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={f.entryReasonLabel} hint={f.reasonHint} error={entryErrors.reason} requirement="required">
              {(props) => (
                <textarea {...props} className="input-text min-h-24" maxLength={FEATURE_REASON_MAX} value={entryReason} onChange={(e) => setEntryReason(e.currentTarget.value)} />
              )}
            </Field>
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" className="btn-primary" disabled={adding}>
                {f.add}
              </button>
              <StatusBeside text={addStatus} />
            </div>
          </>
        )}
      </form>
    </div>
  );
}

/** A polite live region beside a form's button: the confirmation appears where the person just clicked. */
function StatusBeside({ text }: { text: string }) {
  return (
    <p role="status" aria-live="polite" className="text-std-16B-170 text-success-2">
      {text && (
        <>
          <span aria-hidden="true">✓ </span>
          {text}
        </>
      )}
    </p>
  );
}

/** The collections that already hold the case, with links, right above the picker that adds it to another. */
function HeldByList({ heldBy }: { heldBy: HeldBy }) {
  const f = m.curation.featured;
  return (
    <div className="text-dns-16N-130">
      <p className="text-dns-16B-130 text-solid-gray-900">{f.heldBy}</p>
      {heldBy.length === 0 ? (
        <p className="mt-1 text-solid-gray-700">{f.heldByNone}</p>
      ) : (
        <ul aria-label={f.heldBy} className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {heldBy.map((col) => (
            <li key={col.id}>
              <Link to={`/collections/${encodeURIComponent(col.id)}`}>{col.title}</Link>
              {col.status === "DRAFT" && <span className="ml-1 text-solid-gray-700">{f.draftMark}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

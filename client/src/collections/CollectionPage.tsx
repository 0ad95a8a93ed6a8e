import { gql, type TypedDocumentNode } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  COLLECTION_DESCRIPTION_MAX,
  COLLECTION_STATUS_LABELS,
  COLLECTION_TITLE_MAX,
  FEATURE_REASON_MAX,
  fiscalYearOf,
  formatFiscalYear,
  formatWarekiFiscalYear,
  type CaseKind,
  type CaseStatus,
  type CollectionStatus,
} from "@kb/shared";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useMe } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { flashState } from "../components/FlashMessage";
import { Field } from "../components/form/Field";
import { KindBadge } from "../components/KindBadge";
import { StatusBadge } from "../components/StatusBadge";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";
import { preloadCasePage } from "../routes/lazy";

export interface CollectionEntry {
  position: number;
  reason: string;
  caseId: string;
  caseTitle: string;
  caseStatus: CaseStatus;
  case: { id: string; title: string; kind: CaseKind; fiscalYear: number; department: { id: string; name: string } } | null;
}

export interface CollectionDetail {
  id: string;
  title: string;
  description: string;
  fiscalYear: number | null;
  status: CollectionStatus;
  version: number;
  publishedAt: string | null;
  entryCount: number;
  viewerCan: { curate: boolean };
  entries: CollectionEntry[];
}

const COLLECTION_FIELDS = gql`
  fragment CollectionPage_collection on Collection {
    id
    title
    description
    fiscalYear
    status
    version
    publishedAt
    entryCount
    viewerCan {
      curate
    }
    entries {
      position
      reason
      caseId
      caseTitle
      caseStatus
      case {
        id
        title
        kind
        fiscalYear
        department {
          id
          name
        }
      }
    }
  }
`;

const COLLECTION: TypedDocumentNode<{ collection: CollectionDetail | null }, { id: string }> = gql`
  query CollectionPage($id: ID!) {
    collection(id: $id) {
      ...CollectionPage_collection
    }
  }
  ${COLLECTION_FIELDS}
`;

const REORDER: TypedDocumentNode<{ reorderCollection: CollectionDetail }, { input: { collectionId: string; version: number; caseIds: string[] } }> = gql`
  mutation ReorderCollection($input: CollectionOrderInput!) {
    reorderCollection(input: $input) {
      ...CollectionPage_collection
    }
  }
  ${COLLECTION_FIELDS}
`;

const UPDATE_ENTRY: TypedDocumentNode<{ updateCollectionEntry: CollectionDetail }, { input: { collectionId: string; caseId: string; reason: string } }> = gql`
  mutation UpdateCollectionEntry($input: CollectionEntryInput!) {
    updateCollectionEntry(input: $input) {
      ...CollectionPage_collection
    }
  }
  ${COLLECTION_FIELDS}
`;

const REMOVE_ENTRY: TypedDocumentNode<{ removeCollectionEntry: CollectionDetail }, { collectionId: string; caseId: string }> = gql`
  mutation RemoveCollectionEntry($collectionId: ID!, $caseId: ID!) {
    removeCollectionEntry(collectionId: $collectionId, caseId: $caseId) {
      ...CollectionPage_collection
    }
  }
  ${COLLECTION_FIELDS}
`;

const UPDATE: TypedDocumentNode<{ updateCollection: CollectionDetail }, { id: string; version: number; input: { title: string; description: string; fiscalYear: number | null } }> = gql`
  mutation UpdateCollection($id: ID!, $version: Int!, $input: CollectionInput!) {
    updateCollection(id: $id, version: $version, input: $input) {
      ...CollectionPage_collection
    }
  }
  ${COLLECTION_FIELDS}
`;

const PUBLISH: TypedDocumentNode<{ publishCollection: CollectionDetail }, { id: string; version: number }> = gql`
  mutation PublishCollection($id: ID!, $version: Int!) {
    publishCollection(id: $id, version: $version) {
      ...CollectionPage_collection
    }
  }
  ${COLLECTION_FIELDS}
`;

const UNPUBLISH: TypedDocumentNode<{ unpublishCollection: CollectionDetail }, { id: string; version: number }> = gql`
  mutation UnpublishCollection($id: ID!, $version: Int!) {
    unpublishCollection(id: $id, version: $version) {
      ...CollectionPage_collection
    }
  }
  ${COLLECTION_FIELDS}
`;

const DELETE: TypedDocumentNode<{ deleteCollection: boolean }, { id: string; version: number }> = gql`
  mutation DeleteCollection($id: ID!, $version: Int!) {
    deleteCollection(id: $id, version: $version)
  }
`;

/** A 好事例集 (issue 5): its cases in order with their 選定理由; the secretariat edits, reorders and publishes. */
export default function CollectionPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const { me } = useMe();
  const { data, loading, error, refetch } = useQuery(COLLECTION, { variables: { id }, fetchPolicy: "cache-and-network" });
  const c = m.curation.collections;
  const heading = useRef<HTMLHeadingElement>(null);
  const collection = data?.collection;
  const found = collection?.id;
  useEffect(() => {
    if (found && location.key !== "default") heading.current?.focus();
  }, [found, location.key]);

  const back = (
    <p>
      <Link to="/collections">
        <span aria-hidden="true">← </span>
        {c.back}
      </Link>
    </p>
  );

  if (data && !collection) {
    return (
      <div className="space-y-4">
        <title>{`${c.notFound}${m.app.titleSuffix}`}</title>
        <h1 className="text-std-28B-150 text-solid-gray-900">{c.notFound}</h1>
        <p>{c.notFoundHint}</p>
        {back}
      </div>
    );
  }
  if (error && !collection) return <ErrorNotice error={error} fallback={c.failed} onRetry={() => void refetch()} />;
  if (!collection) return <p role="status">{c.loading}</p>;

  const curate = collection.viewerCan.curate;
  const base = `/api/exports/collections/${encodeURIComponent(collection.id)}`;
  return (
    <article className="mx-auto max-w-4xl space-y-8" aria-busy={loading}>
      <title>{`${collection.title}${m.app.titleSuffix}`}</title>
      {back}
      <header className="space-y-3">
        <h1 ref={heading} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">
          {collection.title}
        </h1>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-dns-16N-130 text-solid-gray-700">
          {collection.status !== "PUBLISHED" && (
            <span>
              <span className="sr-only">{c.statusLabel}：</span>
              <span className="rounded-4 border border-solid-gray-700 bg-solid-gray-50 px-2 text-dns-14B-130 text-solid-gray-900">
                {COLLECTION_STATUS_LABELS[collection.status]}
              </span>
            </span>
          )}
          {collection.fiscalYear !== null && (
            <span>
              {c.fiscalYear}：{formatWarekiFiscalYear(collection.fiscalYear)}
            </span>
          )}
          <span>{m.curation.home.entryCount(collection.entryCount)}</span>
        </p>
        {collection.description && <p className="whitespace-pre-wrap">{collection.description}</p>}
      </header>

      <section aria-labelledby="collection-exports" className="space-y-2">
        <h2 id="collection-exports" className="text-std-20B-150 text-solid-gray-900">
          {c.exportsHeading}
        </h2>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link to={`/collections/${encodeURIComponent(collection.id)}/print`}>{c.print}</Link>
          </li>
          {me && (
            <>
              <li>
                <a href={`${base}/cases.csv`} download>
                  {c.csv}
                </a>
              </li>
              <li>
                <a href={`${base}/cases.jsonl`} download>
                  {c.jsonl}
                </a>
              </li>
            </>
          )}
        </ul>
        {!me && <p className="text-dns-14N-130 text-solid-gray-700">{c.exportsHint}</p>}
      </section>

      <section aria-labelledby="collection-entries" className="space-y-4">
        <h2 id="collection-entries" className="text-std-22B-150 text-solid-gray-900">
          {c.entriesHeading}
        </h2>
        {collection.entries.length === 0 ? (
          <p className="rounded-8 bg-solid-gray-50 p-6">{c.entriesEmpty}</p>
        ) : curate ? (
          <EditableEntries collection={collection} onConflict={() => void refetch()} />
        ) : (
          <ol className="space-y-4">
            {collection.entries.map((e) => (
              <li key={e.caseId} className="rounded-8 border border-solid-gray-200 bg-white p-4">
                <EntryBody entry={e} />
              </li>
            ))}
          </ol>
        )}
      </section>

      {curate && <CollectionSettings collection={collection} onConflict={() => void refetch()} />}
    </article>
  );
}

function EntryBody({ entry }: { entry: CollectionEntry }) {
  const c = m.curation.collections;
  return (
    <div className="flex gap-4">
      <p aria-hidden="true" className="min-w-8 text-std-20B-150 text-solid-gray-700">
        {entry.position}
      </p>
      <div className="min-w-0 flex-1 space-y-1">
        <h3 className="text-std-18B-160">
          {entry.case ? (
            <Link to={`/cases/${encodeURIComponent(entry.caseId)}`} onMouseEnter={preloadCasePage} onFocus={preloadCasePage}>
              {entry.caseTitle}
            </Link>
          ) : (
            entry.caseTitle
          )}
        </h3>
        {entry.case ? (
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-dns-14N-130 text-solid-gray-700">
            <KindBadge kind={entry.case.kind} />
            <span>{entry.case.department.name}</span>
            <span>{formatWarekiFiscalYear(entry.case.fiscalYear)}</span>
          </p>
        ) : (
          <p className="flex flex-wrap items-center gap-2 text-dns-14N-130 text-solid-gray-800">
            <StatusBadge status={entry.caseStatus} />
            {c.unavailable}
          </p>
        )}
        <p className="whitespace-pre-wrap">
          <span className="mr-2 text-dns-14B-130 text-solid-gray-800">{c.reason}</span>
          {entry.reason}
        </p>
      </div>
    </div>
  );
}

/**
 * The secretariat's list: 上へ / 下へ buttons reorder at once (keyboard and screen-reader friendly: the
 * focus stays with the moved case and a live region says where it went); moves are sent one after
 * another, each from the version the previous one returned, so quick presses never conflict.
 */
function EditableEntries({ collection, onConflict }: { collection: CollectionDetail; onConflict: () => void }) {
  const c = m.curation.collections;
  const [reorder] = useMutation(REORDER);
  const [removeEntry] = useMutation(REMOVE_ENTRY, { refetchQueries: ["Home", "CaseCuration"] });
  const [announcement, setAnnouncement] = useState("");
  const [problem, setProblem] = useState("");
  const [order, setOrder] = useState<string[] | null>(null);
  const versionRef = useRef(collection.version);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  const [saving, setSaving] = useState(false);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusTarget, setFocusTarget] = useState<{ caseId: string; direction: "up" | "down" } | null>(null);

  useEffect(() => {
    if (pending.current === 0) versionRef.current = collection.version;
  }, [collection.version]);

  const byId = new Map(collection.entries.map((e) => [e.caseId, e]));
  const serverOrder = collection.entries.map((e) => e.caseId);
  const shown = (order ?? serverOrder).filter((id) => byId.has(id));

  useEffect(() => {
    if (!focusTarget) return;
    const index = shown.indexOf(focusTarget.caseId);
    const direction = focusTarget.direction === "up" && index === 0 ? "down" : focusTarget.direction === "down" && index === shown.length - 1 ? "up" : focusTarget.direction;
    buttons.current.get(`${focusTarget.caseId}:${direction}`)?.focus();
    setFocusTarget(null);
  }, [focusTarget, shown]);

  const move = (caseId: string, delta: -1 | 1) => {
    const current = order ?? serverOrder;
    const from = current.indexOf(caseId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= current.length) return;
    const next = [...current];
    next.splice(from, 1);
    next.splice(to, 0, caseId);
    setOrder(next);
    setProblem("");
    setFocusTarget({ caseId, direction: delta < 0 ? "up" : "down" });
    setAnnouncement(c.moved(byId.get(caseId)?.caseTitle ?? "", to + 1, next.length));
    pending.current++;
    setSaving(true);
    queue.current = queue.current.then(async () => {
      try {
        const result = await reorder({ variables: { input: { collectionId: collection.id, version: versionRef.current, caseIds: next } } });
        if (result.data) versionRef.current = result.data.reorderCollection.version;
      } catch (error) {
        const apiError = toApiError(error, c.failed2);
        setProblem(apiError.code === "CONFLICT" ? c.conflict : apiError.message);
        setOrder(null);
        onConflict();
      } finally {
        pending.current--;
        if (pending.current === 0) {
          setOrder(null);
          setSaving(false);
        }
      }
    });
  };

  const remove = async (entry: CollectionEntry) => {
    if (!window.confirm(c.confirmRemove(entry.caseTitle))) return;
    setProblem("");
    try {
      const result = await removeEntry({ variables: { collectionId: collection.id, caseId: entry.caseId } });
      if (result.data) versionRef.current = result.data.removeCollectionEntry.version;
      setAnnouncement(c.removed(entry.caseTitle));
    } catch (error) {
      setProblem(toApiError(error, c.failed2).message);
    }
  };

  return (
    <div className="space-y-3">
      <p className="text-dns-14N-130 text-solid-gray-700">{c.reorderHint}</p>
      <p role="status" aria-live="polite" className="text-dns-16B-130 text-solid-gray-900">
        {announcement}
      </p>
      {problem && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
          {problem}
        </p>
      )}
      {/* Busy while moves are being saved (they are shown at once and saved in order). */}
      <ol className="space-y-4" aria-busy={saving}>
        {shown.map((caseId, index) => {
          const entry = { ...byId.get(caseId)!, position: index + 1 };
          const ref = (direction: "up" | "down") => (el: HTMLButtonElement | null) => {
            if (el) buttons.current.set(`${caseId}:${direction}`, el);
            else buttons.current.delete(`${caseId}:${direction}`);
          };
          return (
            <li key={caseId} className="rounded-8 border border-solid-gray-200 bg-white p-4">
              <EntryBody entry={entry} />
              <div className="mt-3 flex flex-wrap items-start gap-2 border-t border-solid-gray-200 pt-3">
                <button
                  ref={ref("up")}
                  type="button"
                  className="btn-outline min-h-9 min-w-16 py-1"
                  aria-label={c.moveUp(entry.caseTitle)}
                  disabled={index === 0}
                  onClick={() => move(caseId, -1)}
                >
                  <span aria-hidden="true">↑</span> {c.up}
                </button>
                <button
                  ref={ref("down")}
                  type="button"
                  className="btn-outline min-h-9 min-w-16 py-1"
                  aria-label={c.moveDown(entry.caseTitle)}
                  disabled={index === shown.length - 1}
                  onClick={() => move(caseId, 1)}
                >
                  <span aria-hidden="true">↓</span> {c.down}
                </button>
                <ReasonEditor collectionId={collection.id} entry={entry} onSaved={(version) => (versionRef.current = version)} />
                <button type="button" className="btn-text" aria-label={c.remove(entry.caseTitle)} onClick={() => void remove(entry)}>
                  {c.removeLabel}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function ReasonEditor({ collectionId, entry, onSaved }: { collectionId: string; entry: CollectionEntry; onSaved: (version: number) => void }) {
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

function CollectionSettings({ collection, onConflict }: { collection: CollectionDetail; onConflict: () => void }) {
  const c = m.curation.collections;
  const navigate = useNavigate();
  const [title, setTitle] = useState(collection.title);
  const [description, setDescription] = useState(collection.description);
  const [fiscalYear, setFiscalYear] = useState(collection.fiscalYear === null ? "" : String(collection.fiscalYear));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState("");
  const refetchQueries = ["Home", "Collections", "CaseCuration"];
  const [update, { loading: saving }] = useMutation(UPDATE, { refetchQueries });
  const [publish, { loading: publishing }] = useMutation(PUBLISH, { refetchQueries });
  const [unpublish, { loading: unpublishing }] = useMutation(UNPUBLISH, { refetchQueries });
  const [remove] = useMutation(DELETE, { refetchQueries });
  const thisYear = fiscalYearOf(new Date());
  const years = [...new Set([...Array.from({ length: 8 }, (_, i) => thisYear + 1 - i), ...(collection.fiscalYear ? [collection.fiscalYear] : [])])].sort((a, b) => b - a);

  const fail = (error: unknown) => {
    const apiError = toApiError(error, c.failed2);
    if (apiError.code === "CONFLICT") onConflict();
    setErrors(Object.fromEntries(apiError.fields.map((f) => [f.path, f.message])));
    setProblem(apiError.code === "CONFLICT" ? c.conflict : apiError.fields.length ? "" : apiError.message);
    if (apiError.fields.length && !apiError.fields.some((f) => ["title", "description", "fiscalYear"].includes(f.path))) {
      setProblem(apiError.fields.map((f) => f.message).join(" "));
    }
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setProblem("");
    setStatus("");
    try {
      await update({ variables: { id: collection.id, version: collection.version, input: { title, description, fiscalYear: fiscalYear ? Number(fiscalYear) : null } } });
      setStatus(c.saved);
    } catch (error) {
      fail(error);
    }
  };

  const onPublish = async (on: boolean) => {
    setErrors({});
    setProblem("");
    setStatus("");
    try {
      if (on) await publish({ variables: { id: collection.id, version: collection.version } });
      else await unpublish({ variables: { id: collection.id, version: collection.version } });
      setStatus(on ? c.published : c.unpublished);
    } catch (error) {
      fail(error);
    }
  };

  const onDelete = async () => {
    if (!window.confirm(c.confirmDelete(collection.title))) return;
    try {
      await remove({ variables: { id: collection.id, version: collection.version } });
      navigate("/collections", { state: flashState(c.deleted(collection.title)) });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section aria-labelledby="collection-settings" className="space-y-4 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h2 id="collection-settings" className="text-std-22B-150 text-solid-gray-900">
        {c.editHeading}
      </h2>
      <p role="status" aria-live="polite" className="text-std-16B-170 text-success-2">
        {status}
      </p>
      {problem && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
          {problem}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {collection.status === "PUBLISHED" ? (
          <button type="button" className="btn-outline" onClick={() => void onPublish(false)} disabled={unpublishing}>
            {c.unpublish}
          </button>
        ) : (
          <button type="button" className="btn-primary" onClick={() => void onPublish(true)} disabled={publishing}>
            {c.publish}
          </button>
        )}
      </div>
      <form onSubmit={(e) => void onSave(e)} className="space-y-4" aria-labelledby="collection-settings" noValidate>
        <Field label={c.titleLabel} error={errors.title} requirement="required">
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
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={saving}>
            {c.save}
          </button>
          <button type="button" className="btn-text" onClick={() => void onDelete()}>
            {c.delete}
          </button>
        </div>
      </form>
    </section>
  );
}

import { gql, type TypedDocumentNode } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { TAG_CATEGORIES, TAG_CATEGORY_DESCRIPTIONS, TAG_CATEGORY_LABELS, type TagCategory } from "@kb/shared";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { ErrorNotice } from "../components/ErrorNotice";
import { toApiError, type ApiError } from "../lib/apiError";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { PendingProposals } from "./PendingProposals";

const t = m.tags.vocabulary;

interface TagItem {
  id: string;
  name: string;
  category: TagCategory;
  description: string;
  retired: boolean;
  aliases: string[];
  usage: number;
  totalUsage: number | null;
  version: number;
}

interface Merge {
  id: string;
  sourceName: string;
  targetName: string;
  movedCases: number;
  createdAt: string;
  undoneAt: string | null;
  canUndo: boolean;
}

const TAG_FIELDS = "id name category description retired aliases usage totalUsage version";

const TAGS: TypedDocumentNode<
  { tags: { total: number; items: TagItem[] } },
  { search: string; category: TagCategory | null; includeRetired: boolean }
> = gql`
  query VocabularyTags($search: String!, $category: TagCategory, $includeRetired: Boolean!) {
    tags(search: $search, category: $category, includeRetired: $includeRetired, first: 500) {
      total
      items { ${TAG_FIELDS} }
    }
  }
`;
const MERGE_TARGETS: TypedDocumentNode<{ tags: { items: { id: string; name: string; category: TagCategory }[] } }, Record<string, never>> = gql`
  query MergeTargets {
    tags(first: 500) {
      items {
        id
        name
        category
      }
    }
  }
`;
const LAST_MERGE: TypedDocumentNode<{ lastTagMerge: Merge | null }, Record<string, never>> = gql`
  query LastTagMerge {
    lastTagMerge {
      id
      sourceName
      targetName
      movedCases
      createdAt
      undoneAt
      canUndo
    }
  }
`;
const PREVIEW: TypedDocumentNode<
  {
    tagMergePreview: {
      casesToMove: number;
      publishedToMove: number;
      alreadyTagged: number;
      aliasesMoving: string[];
      addsSynonym: boolean;
      source: { id: string; name: string };
      target: { id: string; name: string };
    };
  },
  { sourceId: string; targetId: string }
> = gql`
  query TagMergePreview($sourceId: ID!, $targetId: ID!) {
    tagMergePreview(sourceId: $sourceId, targetId: $targetId) {
      casesToMove
      publishedToMove
      alreadyTagged
      aliasesMoving
      addsSynonym
      source {
        id
        name
      }
      target {
        id
        name
      }
    }
  }
`;
const CREATE: TypedDocumentNode<{ createTag: { tag: TagItem } }, { input: { name: string; category: TagCategory; description: string } }> = gql`
  mutation CreateTag($input: TagCreateInput!) {
    createTag(input: $input) { tag { ${TAG_FIELDS} } }
  }
`;
const UPDATE: TypedDocumentNode<
  { updateTag: { tag: TagItem; affectedCases: number } },
  { id: string; version: number; input: { name: string; category: TagCategory; description: string; keepOldNameAsSynonym: boolean } }
> = gql`
  mutation UpdateTag($id: ID!, $version: Int!, $input: TagUpdateInput!) {
    updateTag(id: $id, version: $version, input: $input) { tag { ${TAG_FIELDS} } affectedCases }
  }
`;
const RETIRE: TypedDocumentNode<{ retireTag: { tag: TagItem } }, { id: string; version: number }> = gql`
  mutation RetireTag($id: ID!, $version: Int!) {
    retireTag(id: $id, version: $version) { tag { ${TAG_FIELDS} } }
  }
`;
const RESTORE: TypedDocumentNode<{ restoreTag: { tag: TagItem } }, { id: string; version: number }> = gql`
  mutation RestoreTag($id: ID!, $version: Int!) {
    restoreTag(id: $id, version: $version) { tag { ${TAG_FIELDS} } }
  }
`;
const MERGE: TypedDocumentNode<{ mergeTags: { affectedCases: number; tag: TagItem } }, { sourceId: string; targetId: string }> = gql`
  mutation MergeTags($sourceId: ID!, $targetId: ID!) {
    mergeTags(sourceId: $sourceId, targetId: $targetId) { affectedCases tag { ${TAG_FIELDS} } }
  }
`;
const UNDO: TypedDocumentNode<{ undoTagMerge: { affectedCases: number; keptSynonym: boolean; tag: TagItem } }, { id: string }> = gql`
  mutation UndoTagMerge($id: ID!) {
    undoTagMerge(id: $id) { affectedCases keptSynonym tag { ${TAG_FIELDS} } }
  }
`;

const REFETCH = ["VocabularyTags", "MergeTargets", "LastTagMerge"];
const SEARCH_DEBOUNCE_MS = 250;

function messageOf(error: ApiError): string {
  return error.code === "CONFLICT" ? t.conflict : error.message;
}

/**
 * タグの語彙 (secretariat): find tags, add, rename, recategorise, describe, retire or restore them,
 * merge one into another after a preview of how many cases move, undo the last merge, and decide
 * pending tag proposals.
 */
export default function VocabularyPage() {
  return (
    <RequireLogin>
      {(me) =>
        me.role === "SECRETARIAT" || me.role === "ADMIN" ? (
          <Vocabulary />
        ) : (
          <div className="space-y-4">
            <title>{`${t.title}${m.app.titleSuffix}`}</title>
            <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
            <p>{m.auth.secretariatOnly}</p>
            <p>
              <Link to="/">{m.notFound.link}</Link>
            </p>
          </div>
        )
      }
    </RequireLogin>
  );
}

function Vocabulary() {
  const ids = useId();
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState<TagCategory | "">("");
  const [includeRetired, setIncludeRetired] = useState(false);
  const [status, setStatus] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [merging, setMerging] = useState<string | null>(null);
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const schedule = (value: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setSearch(value), SEARCH_DEBOUNCE_MS);
  };

  const { data: current, previousData, loading, error, refetch } = useQuery(TAGS, {
    variables: { search, category: category || null, includeRetired },
    fetchPolicy: "cache-and-network",
  });
  // While a new search loads, the previous list stays (an open edit or merge form is not lost).
  const data = current ?? previousData;
  const last = useQuery(LAST_MERGE, { fetchPolicy: "cache-and-network" });
  const [retire] = useMutation(RETIRE, { refetchQueries: REFETCH });
  const [restore] = useMutation(RESTORE, { refetchQueries: REFETCH });
  const [undo, undoing] = useMutation(UNDO, { refetchQueries: REFETCH, awaitRefetchQueries: true });

  const onRetire = async (tag: TagItem) => {
    if (!tag.retired && !window.confirm(t.confirmRetire(tag.name))) return;
    try {
      if (tag.retired) {
        await restore({ variables: { id: tag.id, version: tag.version } });
        setStatus(t.restored(tag.name));
      } else {
        await retire({ variables: { id: tag.id, version: tag.version } });
        setStatus(t.retired(tag.name));
      }
    } catch (e) {
      setStatus(messageOf(toApiError(e)));
    }
  };

  const lastMerge = last.data?.lastTagMerge ?? null;
  const onUndo = async (merge: Merge) => {
    if (!window.confirm(t.confirmUndo(merge.sourceName, merge.targetName))) return;
    try {
      const result = await undo({ variables: { id: merge.id } });
      const r = result.data?.undoTagMerge;
      setStatus(`${t.undone(merge.sourceName, merge.movedCases)}${r?.keptSynonym ? t.undoKeptSynonym : ""}`);
    } catch (e) {
      setStatus(messageOf(toApiError(e)));
    }
  };

  const items = data?.tags.items ?? [];

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <title>{`${t.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{t.title}</h1>
        <p className="text-solid-gray-700">{t.lead}</p>
      </div>
      <p role="status" className="min-h-6 text-std-16B-170">
        {status}
      </p>

      {lastMerge && (
        <section aria-labelledby={`${ids}-last`} className="space-y-2 rounded-8 border border-solid-gray-200 p-4">
          <h2 id={`${ids}-last`} className="text-std-18B-160">
            {t.lastMergeHeading}
          </h2>
          <p>
            {t.lastMerge(lastMerge.sourceName, lastMerge.targetName, lastMerge.movedCases, formatDateTime(lastMerge.createdAt))}
            {lastMerge.undoneAt && t.lastMergeUndone(formatDateTime(lastMerge.undoneAt))}
          </p>
          {lastMerge.canUndo && (
            <button type="button" className="btn-outline" disabled={undoing.loading} onClick={() => void onUndo(lastMerge)}>
              {t.undo(lastMerge.sourceName, lastMerge.targetName)}
            </button>
          )}
        </section>
      )}

      <PendingProposals onDecided={setStatus} />

      <section aria-labelledby={`${ids}-create`} className="space-y-3 rounded-8 border border-solid-gray-200 p-4 md:p-6">
        <h2 id={`${ids}-create`} className="text-std-20B-150">
          {t.createHeading}
        </h2>
        <TagForm
          submitLabel={t.create}
          onSaved={(name) => {
            setStatus(t.created(name));
          }}
        />
      </section>

      <section aria-labelledby={`${ids}-list`} className="space-y-4">
        <h2 id={`${ids}-list`} className="text-std-20B-150">
          {t.listHeading}
        </h2>
        <div className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor={`${ids}-search`} className="block text-std-16B-170">
              {t.searchLabel}
            </label>
            <p id={`${ids}-search-hint`} className="text-dns-14N-130 text-solid-gray-700">
              {t.searchHint}
            </p>
            <input
              id={`${ids}-search`}
              type="search"
              value={text}
              aria-describedby={`${ids}-search-hint`}
              onChange={(e) => {
                setText(e.currentTarget.value);
                if (!composing.current) schedule(e.currentTarget.value);
              }}
              onCompositionStart={() => {
                composing.current = true;
                window.clearTimeout(timer.current);
              }}
              onCompositionEnd={(e) => {
                composing.current = false;
                schedule(e.currentTarget.value);
              }}
              className="input-text"
            />
          </div>
          <div>
            <label htmlFor={`${ids}-category`} className="block text-std-16B-170">
              {m.tags.category}
            </label>
            <select
              id={`${ids}-category`}
              value={category}
              onChange={(e) => setCategory(e.currentTarget.value as TagCategory | "")}
              className="rounded-8 border border-solid-gray-600 px-3 py-2"
            >
              <option value="">{m.tags.allCategories}</option>
              {TAG_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {TAG_CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
          <label className="inline-flex items-center gap-2 pb-2">
            <input type="checkbox" checked={includeRetired} onChange={(e) => setIncludeRetired(e.currentTarget.checked)} />
            {t.includeRetired}
          </label>
        </div>

        {error && !data ? (
          <ErrorNotice error={error} fallback={m.errors.generic} onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <p role="status">{t.loading}</p>
        ) : items.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-dns-16N-130">
              <caption className="pb-2 text-left text-dns-14N-130 text-solid-gray-700">
                {t.listHeading}（{t.count(data?.tags.total ?? 0)}）
              </caption>
              <thead>
                <tr className="border-b border-solid-gray-420">
                  <th scope="col" className="px-2 py-2">{t.columns.name}</th>
                  <th scope="col" className="px-2 py-2">{t.columns.category}</th>
                  <th scope="col" className="px-2 py-2">{t.columns.description}</th>
                  <th scope="col" className="px-2 py-2">{t.columns.usage}</th>
                  <th scope="col" className="px-2 py-2">{t.columns.aliases}</th>
                  <th scope="col" className="px-2 py-2">{t.columns.actions}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((tag) => (
                  <TagRows
                    key={tag.id}
                    tag={tag}
                    editing={editing === tag.id}
                    merging={merging === tag.id}
                    onEdit={() => {
                      setMerging(null);
                      setEditing(editing === tag.id ? null : tag.id);
                    }}
                    onMerge={() => {
                      setEditing(null);
                      setMerging(merging === tag.id ? null : tag.id);
                    }}
                    onRetire={() => void onRetire(tag)}
                    onClose={() => {
                      setEditing(null);
                      setMerging(null);
                    }}
                    onStatus={setStatus}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function TagRows({
  tag,
  editing,
  merging,
  onEdit,
  onMerge,
  onRetire,
  onClose,
  onStatus,
}: {
  tag: TagItem;
  editing: boolean;
  merging: boolean;
  onEdit: () => void;
  onMerge: () => void;
  onRetire: () => void;
  onClose: () => void;
  onStatus: (message: string) => void;
}) {
  return (
    <>
      <tr className="border-b border-solid-gray-200 align-top">
        <th scope="row" className="px-2 py-2 font-normal">
          <Link to={m.tags.pageOf(tag.name)}>{tag.name}</Link>
          {tag.retired && <span className="ml-2 rounded-4 border border-solid-gray-536 px-1 text-dns-14B-130">{t.retiredBadge}</span>}
        </th>
        <td className="px-2 py-2">{TAG_CATEGORY_LABELS[tag.category]}</td>
        <td className="px-2 py-2 text-dns-14N-130">{tag.description}</td>
        <td className="px-2 py-2 whitespace-nowrap">{t.usageOf(tag.usage, tag.totalUsage ?? tag.usage)}</td>
        <td className="px-2 py-2 text-dns-14N-130">{tag.aliases.join("、")}</td>
        <td className="px-2 py-2">
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-text" aria-expanded={editing} aria-label={t.edit(tag.name)} onClick={onEdit}>
              {t.editLabel}
            </button>
            {!tag.retired && (
              <button type="button" className="btn-text" aria-expanded={merging} aria-label={t.merge(tag.name)} onClick={onMerge}>
                {t.mergeLabel}
              </button>
            )}
            <button type="button" className="btn-text" aria-label={tag.retired ? t.restore(tag.name) : t.retire(tag.name)} onClick={onRetire}>
              {tag.retired ? t.restoreLabel : t.retireLabel}
            </button>
          </div>
        </td>
      </tr>
      {editing && (
        <tr className="border-b border-solid-gray-200 bg-solid-gray-50">
          <td colSpan={6} className="p-4">
            <h3 className="mb-2 text-std-17B-170">{t.editHeading(tag.name)}</h3>
            <TagForm
              tag={tag}
              submitLabel={t.save}
              onCancel={onClose}
              onSaved={(name, affected) => {
                onStatus(t.saved(name, affected));
                onClose();
              }}
            />
          </td>
        </tr>
      )}
      {merging && (
        <tr className="border-b border-solid-gray-200 bg-solid-gray-50">
          <td colSpan={6} className="p-4">
            <MergePanel source={tag} onCancel={onClose} onMerged={(message) => (onStatus(message), onClose())} />
          </td>
        </tr>
      )}
    </>
  );
}

function TagForm({
  tag,
  submitLabel,
  onSaved,
  onCancel,
}: {
  tag?: TagItem;
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

function MergePanel({ source, onCancel, onMerged }: { source: TagItem; onCancel: () => void; onMerged: (message: string) => void }) {
  const id = useId();
  const [targetId, setTargetId] = useState("");
  const [failure, setFailure] = useState("");
  const targets = useQuery(MERGE_TARGETS, { fetchPolicy: "cache-and-network" });
  const preview = useQuery(PREVIEW, { variables: { sourceId: source.id, targetId }, skip: !targetId, fetchPolicy: "network-only" });
  const [merge, merging] = useMutation(MERGE, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const p = preview.data?.tagMergePreview;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure("");
    if (!targetId || !p) return;
    try {
      const result = await merge({ variables: { sourceId: source.id, targetId } });
      onMerged(t.merged(source.name, p.target.name, result.data?.mergeTags.affectedCases ?? 0));
    } catch (e) {
      setFailure(messageOf(toApiError(e)));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`} className="space-y-3">
      <h3 id={`${id}-heading`} className="text-std-17B-170">
        {t.mergeHeading(source.name)}
      </h3>
      <div>
        <label htmlFor={`${id}-target`} className="block text-std-16B-170">
          {t.mergeTarget}
        </label>
        <select id={`${id}-target`} value={targetId} onChange={(e) => setTargetId(e.currentTarget.value)} className="rounded-8 border border-solid-gray-600 px-3 py-2">
          <option value="">{t.mergeChoose}</option>
          {(targets.data?.tags.items ?? [])
            .filter((o) => o.id !== source.id)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {`${o.name}（${TAG_CATEGORY_LABELS[o.category]}）`}
              </option>
            ))}
        </select>
      </div>
      <div role="status" className="space-y-1">
        {targetId && preview.loading && !p && <p>{t.previewLoading}</p>}
        {p && p.target.id === targetId && (
          <>
            <p className="text-std-16B-170">{t.preview(p.source.name, p.target.name, p.casesToMove, p.publishedToMove, p.alreadyTagged)}</p>
            <p>{t.previewAlias(p.source.name, p.target.name, p.aliasesMoving.join("、"))}</p>
            <p>{p.addsSynonym ? t.previewSynonym(p.source.name, p.target.name) : t.previewSynonymExists(p.source.name)}</p>
          </>
        )}
      </div>
      {preview.error && <p role="alert" className="text-error-1">{messageOf(toApiError(preview.error))}</p>}
      {failure && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {failure}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={!p || p.target.id !== targetId || merging.loading}>
          {t.doMerge}
        </button>
        <button type="button" className="btn-outline" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

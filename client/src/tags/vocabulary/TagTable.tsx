import { graphql } from "../../gql";
import type { TagRow_TagFragment } from "../../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { TAG_CATEGORY_LABELS } from "@kb/shared";
import { Link } from "react-router";
import { toApiError } from "../../lib/apiError";
import { messages as m } from "../../messages";
import { MergePanel } from "./MergePanel";
import { TagForm } from "./TagForm";
import { messageOf, REFETCH, t } from "./tagItem";

/**
 * A tag as the タグの語彙 page lists it, and as its edit and merge forms (opened from the row) take it;
 * every mutation of the page spreads it, so a change comes back whole into the cache (the list query,
 * VocabularyTags in useTagSearch.ts, writes the same fields out; it says why).
 */
graphql(`
  fragment TagRow_tag on Tag {
    id
    name
    category
    description
    retired
    aliases
    usage
    totalUsage
    version
  }
`);

const RETIRE = graphql(`
  mutation RetireTag($id: ID!, $version: Int!) {
    retireTag(id: $id, version: $version) {
      tag {
        ...TagRow_tag
      }
    }
  }
`);
const RESTORE = graphql(`
  mutation RestoreTag($id: ID!, $version: Int!) {
    restoreTag(id: $id, version: $version) {
      tag {
        ...TagRow_tag
      }
    }
  }
`);

interface Props {
  items: TagRow_TagFragment[];
  total: number;
  /** The tag whose edit form is open, and the one whose merge form is open (at most one of the two). */
  editing: string | null;
  merging: string | null;
  onEditing: (id: string | null) => void;
  onMerging: (id: string | null) => void;
  onStatus: (message: string) => void;
}

/** The vocabulary as a table; a row opens its edit or merge form in a row below it. */
export function TagTable({ items, total, editing, merging, onEditing, onMerging, onStatus }: Props) {
  const [retire] = useMutation(RETIRE, { refetchQueries: REFETCH });
  const [restore] = useMutation(RESTORE, { refetchQueries: REFETCH });

  const onRetire = async (tag: TagRow_TagFragment) => {
    if (!tag.retired && !window.confirm(t.confirmRetire(tag.name))) return;
    try {
      if (tag.retired) {
        await restore({ variables: { id: tag.id, version: tag.version } });
        onStatus(t.restored(tag.name));
      } else {
        await retire({ variables: { id: tag.id, version: tag.version } });
        onStatus(t.retired(tag.name));
      }
    } catch (e) {
      onStatus(messageOf(toApiError(e)));
    }
  };

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-dns-16N-130">
        <caption className="pb-2 text-left text-dns-14N-130 text-solid-gray-700">
          {t.listHeading}（{t.count(total)}）
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
                onMerging(null);
                onEditing(editing === tag.id ? null : tag.id);
              }}
              onMerge={() => {
                onEditing(null);
                onMerging(merging === tag.id ? null : tag.id);
              }}
              onRetire={() => void onRetire(tag)}
              onClose={() => {
                onEditing(null);
                onMerging(null);
              }}
              onStatus={onStatus}
            />
          ))}
        </tbody>
      </table>
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
  tag: TagRow_TagFragment;
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

import { graphql } from "../../gql";
import type { TagRow_TagFragment } from "../../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { TAG_CATEGORY_LABELS } from "@kb/shared";
import { useId, useState, type FormEvent } from "react";
import { toApiError } from "../../lib/apiError";
import { messageOf, REFETCH, t } from "./tagItem";

const MERGE_TARGETS = graphql(`
  query MergeTargets {
    tags(first: 500) {
      items {
        id
        name
        category
      }
    }
  }
`);
const PREVIEW = graphql(`
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
`);
const MERGE = graphql(`
  mutation MergeTags($sourceId: ID!, $targetId: ID!) {
    mergeTags(sourceId: $sourceId, targetId: $targetId) {
      affectedCases
      tag {
        ...TagRow_tag
      }
    }
  }
`);

/** Merges `source` into a chosen tag, after a preview of how many cases move. */
export function MergePanel({ source, onCancel, onMerged }: { source: TagRow_TagFragment; onCancel: () => void; onMerged: (message: string) => void }) {
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

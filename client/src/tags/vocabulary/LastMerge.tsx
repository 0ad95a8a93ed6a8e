import { graphql } from "../../gql";
import type { LastTagMergeQuery } from "../../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { toApiError } from "../../lib/apiError";
import { formatDateTime } from "../../lib/format";
import { messageOf, REFETCH, t } from "./tagItem";

type Merge = NonNullable<LastTagMergeQuery["lastTagMerge"]>;

const LAST_MERGE = graphql(`
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
`);
const UNDO = graphql(`
  mutation UndoTagMerge($id: ID!) {
    undoTagMerge(id: $id) {
      affectedCases
      keptSynonym
      tag {
        ...TagRow_tag
      }
    }
  }
`);

/** The last merge, and the button that undoes it while it still can be. */
export function LastMerge({ headingId, onStatus }: { headingId: string; onStatus: (message: string) => void }) {
  const last = useQuery(LAST_MERGE, { fetchPolicy: "cache-and-network" });
  const [undo, undoing] = useMutation(UNDO, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const lastMerge = last.data?.lastTagMerge ?? null;

  const onUndo = async (merge: Merge) => {
    if (!window.confirm(t.confirmUndo(merge.sourceName, merge.targetName))) return;
    try {
      const result = await undo({ variables: { id: merge.id } });
      const r = result.data?.undoTagMerge;
      onStatus(`${t.undone(merge.sourceName, merge.movedCases)}${r?.keptSynonym ? t.undoKeptSynonym : ""}`);
    } catch (e) {
      onStatus(messageOf(toApiError(e)));
    }
  };

  if (!lastMerge) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-8 border border-solid-gray-200 p-4">
      <h2 id={headingId} className="text-std-18B-160">
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
  );
}

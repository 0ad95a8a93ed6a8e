import { graphql } from "../gql";
import type { CollectionPage_CollectionFragment, EntryBody_EntryFragment } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";
import { EntryBody } from "./EntryBody";
import { ReasonEditor } from "./ReasonEditor";

const REORDER = graphql(`
  mutation ReorderCollection($input: CollectionOrderInput!) {
    reorderCollection(input: $input) {
      ...CollectionPage_collection
    }
  }
`);

const REMOVE_ENTRY = graphql(`
  mutation RemoveCollectionEntry($collectionId: ID!, $caseId: ID!) {
    removeCollectionEntry(collectionId: $collectionId, caseId: $caseId) {
      ...CollectionPage_collection
    }
  }
`);

/**
 * The secretariat's list: 上へ / 下へ buttons reorder at once (keyboard and screen-reader friendly: the
 * focus stays with the moved case and a live region says where it went); moves are sent one after
 * another, each from the version the previous one returned, so quick presses never conflict.
 */
export function EditableEntries({ collection, onConflict }: { collection: CollectionPage_CollectionFragment; onConflict: () => void }) {
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

  const remove = async (entry: EntryBody_EntryFragment) => {
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

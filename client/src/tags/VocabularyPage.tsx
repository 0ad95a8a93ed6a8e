import { useId, useState } from "react";
import { Link } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { isHub } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { messages as m } from "../messages";
import { PendingProposals } from "./PendingProposals";
import { LastMerge } from "./vocabulary/LastMerge";
import { TagFilters } from "./vocabulary/TagFilters";
import { TagForm } from "./vocabulary/TagForm";
import { t } from "./vocabulary/tagItem";
import { TagTable } from "./vocabulary/TagTable";
import { useTagSearch } from "./vocabulary/useTagSearch";

/**
 * タグの語彙 (secretariat): find tags, add, rename, recategorise, describe, retire or restore them,
 * merge one into another after a preview of how many cases move, undo the last merge, and decide
 * pending tag proposals. The parts live in `./vocabulary/`.
 */
export default function VocabularyPage() {
  return (
    <RequireLogin>
      {(me) =>
        me.role === "SECRETARIAT" || me.role === "ADMIN" || isHub(me) ? (
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
  const [status, setStatus] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [merging, setMerging] = useState<string | null>(null);
  const search = useTagSearch();
  const { data, loading, error, refetch } = search;
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

      <LastMerge headingId={`${ids}-last`} onStatus={setStatus} />

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
        <TagFilters ids={ids} search={search} />

        {error && !data ? (
          <ErrorNotice error={error} fallback={m.errors.generic} onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <p role="status">{t.loading}</p>
        ) : items.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <TagTable
            items={items}
            total={data?.tags.total ?? 0}
            editing={editing}
            merging={merging}
            onEditing={setEditing}
            onMerging={setMerging}
            onStatus={setStatus}
          />
        )}
      </section>
    </div>
  );
}

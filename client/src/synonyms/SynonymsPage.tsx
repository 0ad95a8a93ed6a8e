import { graphql } from "../gql";
import type { SynonymGroupsQuery, SynonymGroupInput } from "../gql/graphql";
import { CombinedGraphQLErrors } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { coveringSynonymGroup, duplicateSynonymGroupMessage, SYNONYM_MODE_LABELS, SYNONYM_MODES, type SynonymMode } from "@kb/shared";
import { useId, useRef, useState, type FormEvent } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { messages as m } from "../messages";
import { splitTerms } from "./terms";

type SynonymGroup = SynonymGroupsQuery["synonymGroups"][number];
/** What the form sends: a mode is always chosen (the schema defaults it when absent). */
type SynonymInput = SynonymGroupInput & { mode: SynonymMode };

const SYNONYMS = graphql(`
  query SynonymGroups {
    synonymGroups {
      id
      mode
      terms
      note
      version
    }
  }
`);
const CREATE = graphql(`
  mutation CreateSynonymGroup($input: SynonymGroupInput!) {
    createSynonymGroup(input: $input) {
      affectedCases
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateSynonymGroup($id: ID!, $version: Int!, $input: SynonymGroupInput!) {
    updateSynonymGroup(id: $id, version: $version, input: $input) {
      affectedCases
    }
  }
`);
const DELETE = graphql(`
  mutation DeleteSynonymGroup($id: ID!, $version: Int!) {
    deleteSynonymGroup(id: $id, version: $version) {
      affectedCases
    }
  }
`);


type FieldErrors = Record<string, string>;

function fieldErrors(error: unknown): FieldErrors {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const out: FieldErrors = {};
  for (const e of error.errors) {
    const fields = (e.extensions?.["fields"] ?? []) as { path: string; message: string }[];
    for (const f of fields) out[f.path.split(".")[0] ?? f.path] ??= f.message;
  }
  return out;
}

const codeOf = (error: unknown) => (CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.["code"] : undefined);
const show = (g: Pick<SynonymGroup, "mode" | "terms">) => g.terms.join(g.mode === "ONE_WAY" ? m.synonymsAdmin.arrow : m.synonymsAdmin.separator);

/** 検索の同義語: the secretariat lists, adds, edits and removes synonym groups. */
export default function SynonymsPage() {
  const { data, loading, error, refetch } = useQuery(SYNONYMS, { fetchPolicy: "cache-and-network" });
  const [status, setStatus] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [remove] = useMutation(DELETE);

  const onRemove = async (g: SynonymGroup) => {
    if (!window.confirm(m.synonymsAdmin.confirmRemove(show(g)))) return;
    try {
      const result = await remove({ variables: { id: g.id, version: g.version } });
      setStatus(m.synonymsAdmin.removed(result.data?.deleteSynonymGroup.affectedCases ?? 0));
    } catch (e) {
      setStatus(codeOf(e) === "CONFLICT" ? m.synonymsAdmin.conflict : m.errors.generic);
    }
    await refetch();
  };

  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <title>{`${m.synonymsAdmin.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{m.synonymsAdmin.title}</h1>
        <p className="text-solid-gray-700">{m.synonymsAdmin.lead}</p>
      </div>
      <p role="status" className="min-h-6">
        {status}
      </p>

      {error && !data ? (
        <ErrorNotice error={error} fallback={m.errors.generic} onRetry={() => void refetch()} />
      ) : (
        <>
          <section aria-labelledby="synonyms-create" className="space-y-3 rounded-8 border border-solid-gray-200 p-4 md:p-6">
            <h2 id="synonyms-create" className="text-std-20B-150">
              {m.synonymsAdmin.createHeading}
            </h2>
            <SynonymForm
              groups={data?.synonymGroups ?? []}
              onEditOther={setEditing}
              submitLabel={m.synonymsAdmin.create}
              onSaved={async (n) => {
                setStatus(m.synonymsAdmin.saved(n));
                await refetch();
              }}
            />
          </section>

          <section aria-labelledby="synonyms-list" className="space-y-3">
            <h2 id="synonyms-list" className="text-std-20B-150">
              {m.synonymsAdmin.listHeading}
            </h2>
            {loading && !data ? (
              <p role="status">{m.synonymsAdmin.loading}</p>
            ) : !data?.synonymGroups.length ? (
              <p>{m.synonymsAdmin.empty}</p>
            ) : (
              <ul className="space-y-3">
                {data.synonymGroups.map((g) => (
                  <li key={g.id} className="rounded-8 border border-solid-gray-200 p-4">
                    {editing === g.id ? (
                      <SynonymForm
                        group={g}
                        groups={data.synonymGroups}
                        submitLabel={m.synonymsAdmin.save}
                        onCancel={() => setEditing(null)}
                        onSaved={async (n) => {
                          setEditing(null);
                          setStatus(m.synonymsAdmin.saved(n));
                          await refetch();
                        }}
                      />
                    ) : (
                      <div className="flex flex-wrap items-start justify-between gap-3">
                        <div className="space-y-1">
                          <p className="text-std-17B-170">{show(g)}</p>
                          <p className="text-dns-14N-130 text-solid-gray-700">
                            {SYNONYM_MODE_LABELS[g.mode]}
                            {g.note ? ` ／ ${g.note}` : ""}
                          </p>
                        </div>
                        <div className="flex gap-2">
                          <button type="button" className="btn-outline" onClick={() => setEditing(g.id)}>
                            {m.synonymsAdmin.edit}
                          </button>
                          <button type="button" className="btn-text" onClick={() => void onRemove(g)}>
                            {m.synonymsAdmin.remove}
                          </button>
                        </div>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function SynonymForm({
  group,
  groups,
  submitLabel,
  onSaved,
  onCancel,
  onEditOther,
}: {
  group?: SynonymGroup;
  /** The groups listed on the page: a duplicate is pointed out before asking the server (which checks again). */
  groups: readonly SynonymGroup[];
  submitLabel: string;
  onSaved: (affectedCases: number) => Promise<void>;
  onCancel?: () => void;
  /** Opens the existing group a duplicate points to, for editing it instead. */
  onEditOther?: (id: string) => void;
}) {
  const id = useId();
  const [mode, setMode] = useState<SynonymMode>(group?.mode ?? "EQUIVALENT");
  const [terms, setTerms] = useState(group?.terms.join("、") ?? "");
  const [note, setNote] = useState(group?.note ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState("");
  const [create, creating] = useMutation(CREATE);
  const [update, updating] = useMutation(UPDATE);
  const termsRef = useRef<HTMLTextAreaElement>(null);
  const [coveringGroup, setCoveringGroup] = useState<SynonymGroup | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailure("");
    setCoveringGroup(null);
    const input: SynonymInput = { mode, terms: splitTerms(terms), note: note.trim() || null };
    const covering = input.terms.length >= 2 ? coveringSynonymGroup(input, groups, group?.id) : null;
    if (covering) {
      setErrors({ terms: duplicateSynonymGroupMessage(input, covering) });
      setCoveringGroup(covering);
      termsRef.current?.focus();
      return;
    }
    try {
      const affected = group
        ? (await update({ variables: { id: group.id, version: group.version, input } })).data?.updateSynonymGroup.affectedCases
        : (await create({ variables: { input } })).data?.createSynonymGroup.affectedCases;
      if (!group) {
        setTerms("");
        setNote("");
      }
      await onSaved(affected ?? 0);
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      if (fields["terms"]) termsRef.current?.focus();
      const code = codeOf(e);
      if (code === "CONFLICT") setFailure(m.synonymsAdmin.conflict);
      else if (code === "FORBIDDEN") setFailure(m.errors.forbidden);
      else if (code === "UNAUTHENTICATED") setFailure(m.errors.unauthenticated);
      else if (!Object.keys(fields).length) setFailure(m.errors.generic);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" noValidate>
      <div>
        <label htmlFor={`${id}-mode`} className="block text-std-16B-170">
          {m.synonymsAdmin.mode}
        </label>
        <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.currentTarget.value as SynonymMode)} className="w-full max-w-full rounded-8 border border-solid-gray-600 px-3 py-2 md:w-auto">
          {SYNONYM_MODES.map((value) => (
            <option key={value} value={value}>
              {SYNONYM_MODE_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-terms`} className="block text-std-16B-170">
          {m.synonymsAdmin.terms}
        </label>
        <p id={`${id}-terms-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {m.synonymsAdmin.termsHint}
        </p>
        <textarea
          ref={termsRef}
          id={`${id}-terms`}
          value={terms}
          onChange={(e) => setTerms(e.currentTarget.value)}
          rows={2}
          aria-invalid={!!errors["terms"]}
          aria-describedby={`${id}-terms-hint${errors["terms"] ? ` ${id}-terms-error` : ""}`}
          className="input-text mt-2 w-full"
        />
        {errors["terms"] && (
          <p id={`${id}-terms-error`} className="text-dns-14B-130 text-error-1">
            {errors["terms"]}
          </p>
        )}
        {errors["terms"] && coveringGroup && onEditOther && (
          <button type="button" className="btn-text mt-1" onClick={() => onEditOther(coveringGroup.id)}>
            {m.synonymsAdmin.editExisting(show(coveringGroup))}
          </button>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-note`} className="block text-std-16B-170">
          {m.synonymsAdmin.note}
        </label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} className="input-text w-full" />
        {errors["note"] && <p className="text-dns-14B-130 text-error-1">{errors["note"]}</p>}
      </div>
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
            {m.synonymsAdmin.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

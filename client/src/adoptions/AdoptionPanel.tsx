import { graphql } from "../gql";
import type { AdoptionPanel_AdoptionFragment } from "../gql/graphql";
import { useMutation, useQuery } from "@apollo/client/react";
import { ADOPTION_STATUSES, type AdoptionStatus } from "@kb/shared";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { loginPath, useMe } from "../auth/me";
import { ErrorNotice } from "../components/ErrorNotice";
import { Field, FieldError } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { formatDate } from "../lib/format";
import { messages as m } from "../messages";
import { useHashTarget } from "./useHashTarget";
import { AdoptionEffectsTable, EffectRowsEditor, effectRowsFrom, nonBlankRows, parseEffectRows, type EffectRow } from "./EffectRowsEditor";

const a = m.adoptions;

type AdoptionItem = AdoptionPanel_AdoptionFragment;

graphql(`
  fragment AdoptionPanel_adoption on Adoption {
  id status note changes version createdAt updatedAt
  effects { label before after unit }
  department { id name }
  organisation { id name }
  derivedCase { id title }
  recordedBy { id displayName }
  events { id fromStatus status note createdAt actor { id displayName } }
  }
`);

export const CASE_ADOPTIONS = graphql(`
  query CaseAdoptions($id: ID!) {
    case(id: $id) {
      id
      organisation { id }
      adoptionCount
      adoptionSummary { considering trial adopted declined adoptionCount }
      adoptions { ...AdoptionPanel_adoption }
      viewerAdoption { id status version }
      adoptionAccess { record }
    }
  }
`);

const OWN_PUBLISHED = graphql(`
  query AdoptionDerivedCandidates {
    myCases(status: PUBLISHED, first: 100, offset: 0) {
      total
      items { id title department { id } }
    }
  }
`);

const RECORD = graphql(`
  mutation RecordAdoption($input: AdoptionInput!) {
    recordAdoption(input: $input) { ...AdoptionPanel_adoption }
  }
`);

/**
 * 横展開 on a published case: who has adopted it and how (課 by 課, with a timeline of status changes),
 * and — for members of another 課 — a form to record their own 課's 検討中 / 試行中 / 導入済 / 見送り
 * with a note, what changed, their measured effects and the case they derived from it.
 */
export function AdoptionPanel({ caseId, ownerDepartmentId }: { caseId: string; ownerDepartmentId: string }) {
  const id = useId();
  const { me } = useMe();
  const location = useLocation();
  const { data, error, refetch } = useQuery(CASE_ADOPTIONS, { variables: { id: caseId }, fetchPolicy: "cache-and-network" });
  const c = data?.case;
  const [status, setStatus] = useState("");
  const heading = useHashTarget<HTMLHeadingElement>("adoptions", !!c);

  if (error && !c) return <ErrorNotice error={error} fallback={a.failed} onRetry={() => void refetch()} />;

  // Another 自治体's 課 (on a commons case) is named with its 自治体; its department page is not ours to link.
  const own = (adoption: AdoptionItem) => adoption.organisation.id === c?.organisation.id;
  const who = (adoption: AdoptionItem) => (own(adoption) ? adoption.department.name : `${adoption.organisation.name} ${adoption.department.name}`);
  const events = (c?.adoptions ?? [])
    .flatMap((adoption) => adoption.events.map((event) => ({ ...event, department: who(adoption) })))
    .sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0));
  const summary = c?.adoptionSummary;

  return (
    <section id="adoptions" aria-labelledby={`${id}-heading`} className="scroll-mt-4 space-y-4 rounded-8 border border-solid-gray-200 p-4 md:p-6">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="text-std-22B-150 text-solid-gray-900">
        {a.heading}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-800">{a.lead}</p>
      {summary && <p className="text-std-16B-170">{a.summary(summary.considering, summary.trial, summary.adopted, summary.declined)}</p>}
      <div role="status" className="min-h-6 text-std-16B-170">
        {status}
      </div>

      {c && c.adoptions.length === 0 && <p>{a.none}</p>}
      {c && c.adoptions.length > 0 && (
        <>
          <h3 className="text-std-18B-160">{a.departmentsHeading}</h3>
          <ul className="space-y-3">
            {c.adoptions.map((adoption) => (
              <li key={adoption.id} className="space-y-2 rounded-8 bg-solid-gray-50 p-3">
                <p className="text-std-16B-170">
                  {own(adoption) ? <Link to={`/departments/${encodeURIComponent(adoption.department.id)}`}>{adoption.department.name}</Link> : who(adoption)}
                  {"："}
                  <StatusChip status={adoption.status} />
                  <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{a.updatedAt(formatDate(adoption.updatedAt))}</span>
                </p>
                {adoption.note && (
                  <p className="whitespace-pre-wrap text-dns-16N-130">
                    <span className="font-bold">{a.noteLabel}：</span>
                    {adoption.note}
                  </p>
                )}
                {adoption.changes && (
                  <p className="whitespace-pre-wrap text-dns-16N-130">
                    <span className="font-bold">{a.changesLabel}：</span>
                    {adoption.changes}
                  </p>
                )}
                {adoption.effects.length > 0 && <AdoptionEffectsTable effects={adoption.effects} caption={a.effectsCaption(who(adoption))} />}
                {adoption.derivedCase && (
                  <p className="text-dns-16N-130">
                    <span className="font-bold">{a.derivedCase}：</span>
                    <Link to={`/cases/${encodeURIComponent(adoption.derivedCase.id)}`}>{adoption.derivedCase.title}</Link>
                  </p>
                )}
                {adoption.recordedBy && <p className="text-dns-14N-130 text-solid-gray-700">{a.recordedBy(adoption.recordedBy.displayName)}</p>}
              </li>
            ))}
          </ul>
          <h3 id={`${id}-timeline`} className="text-std-18B-160">
            {a.timelineHeading}
          </h3>
          <ol aria-label={a.timelineLabel} className="space-y-2 border-l-2 border-solid-gray-200 pl-4">
            {events.map((event) => (
              <li key={event.id} className="text-dns-16N-130">
                <time dateTime={event.createdAt} className="mr-2 text-solid-gray-700">
                  {formatDate(event.createdAt)}
                </time>
                {a.step(event.department, a.statusLabels[event.status] ?? event.status)}
                {event.fromStatus && a.stepFrom(a.statusLabels[event.fromStatus] ?? event.fromStatus)}
                {event.actor && <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{a.recordedBy(event.actor.displayName)}</span>}
              </li>
            ))}
          </ol>
        </>
      )}

      {!me ? (
        <p>
          <Link to={loginPath(`${location.pathname}${location.search}`)}>{a.signIn}</Link>
        </p>
      ) : c && c.adoptionAccess.record ? (
        <AdoptionForm
          key={`${c.viewerAdoption?.id ?? "new"}-${c.viewerAdoption?.version ?? 0}`}
          caseId={caseId}
          departmentName={me.department.name}
          departmentId={me.department.id}
          current={c.adoptions.find((x) => x.id === c.viewerAdoption?.id) ?? null}
          onSaved={(message) => {
            setStatus(message);
            void refetch();
          }}
          onConflict={() => void refetch()}
        />
      ) : (
        me.department.id === ownerDepartmentId && <p className="text-dns-16N-130 text-solid-gray-700">{a.ownCase}</p>
      )}
    </section>
  );
}

function StatusChip({ status }: { status: AdoptionStatus }) {
  const tone =
    status === "ADOPTED"
      ? "bg-green-100 text-green-1000 border-green-700"
      : status === "TRIAL"
        ? "bg-blue-50 text-blue-1000 border-blue-700"
        : status === "DECLINED"
          ? "bg-solid-gray-50 text-solid-gray-800 border-solid-gray-536"
          : "bg-yellow-50 text-yellow-1000 border-yellow-700";
  return <span className={`inline-block rounded-4 border px-2 text-dns-14B-130 ${tone}`}>{a.statusLabels[status] ?? status}</span>;
}

function AdoptionForm({
  caseId,
  departmentName,
  departmentId,
  current,
  onSaved,
  onConflict,
}: {
  caseId: string;
  departmentName: string;
  departmentId: string;
  current: AdoptionItem | null;
  onSaved: (message: string) => void;
  onConflict: () => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [status, setStatus] = useState<AdoptionStatus | "">(current?.status ?? "");
  const [note, setNote] = useState(current?.note ?? "");
  const [changes, setChanges] = useState(current?.changes ?? "");
  const [rows, setRows] = useState<EffectRow[]>(effectRowsFrom(current?.effects ?? []));
  const [derived, setDerived] = useState(current?.derivedCase?.id ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState("");
  const [record, recording] = useMutation(RECORD);
  const candidates = useQuery(OWN_PUBLISHED, { fetchPolicy: "cache-and-network" });
  const own = (candidates.data?.myCases.items ?? []).filter((x) => x.department.id === departmentId && x.id !== caseId);

  useEffect(() => {
    if (Object.keys(errors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem("");
    const kept = nonBlankRows(rows);
    if (kept.length !== rows.length) setRows(kept);
    const parsed = parseEffectRows(kept, a.notNumber);
    const found: Record<string, string> = { ...parsed.errors };
    if (!status) found.status = a.chooseStatus;
    if (Object.keys(found).length) return setErrors(found);
    setErrors({});
    try {
      const result = await record({
        variables: {
          input: {
            caseId,
            status: status as AdoptionStatus,
            note,
            changes,
            effects: parsed.effects,
            derivedCaseId: derived || null,
            version: current?.version ?? null,
          },
        },
      });
      const saved = result.data?.recordAdoption;
      onSaved(saved && saved.status !== current?.status ? a.saved(a.statusLabels[saved.status] ?? saved.status) : a.savedNoNotice);
    } catch (error) {
      const e = toApiError(error);
      if (e.code === "CONFLICT") {
        setProblem(a.conflict);
        onConflict();
        return;
      }
      if (e.fields.length) setErrors(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
      setProblem(e.message);
    }
  };

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`} className="space-y-4 border-t border-solid-gray-200 pt-4">
      <h3 id={`${id}-heading`} className="text-std-18B-160">
        {current ? a.formHeadingUpdate(departmentName) : a.formHeading(departmentName)}
      </h3>
      <fieldset className="space-y-2" aria-describedby={errors.status ? `${id}-status-error` : undefined} aria-invalid={errors.status ? true : undefined}>
        <legend className="text-std-17B-170">{a.statusLegend}</legend>
        <FieldError id={`${id}-status-error`} message={errors.status} />
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {ADOPTION_STATUSES.map((s) => (
            <label key={s} className="inline-flex cursor-pointer items-start gap-2">
              <input
                type="radio"
                name={`${id}-status`}
                value={s}
                checked={status === s}
                onChange={() => setStatus(s)}
                aria-invalid={errors.status ? true : undefined}
                aria-describedby={`${id}-${s}-hint`}
                className="mt-1 size-5"
              />
              <span>
                <span className="text-std-16B-170">{a.statusLabels[s]}</span>
                <span id={`${id}-${s}-hint`} className="block text-dns-14N-130 text-solid-gray-700">
                  {a.statusHints[s]}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea id={`${id}-note`} label={a.noteLabel} hint={a.noteHint} value={note} onChange={setNote} error={errors.note} />
      <TextArea id={`${id}-changes`} label={a.changesLabel} hint={a.changesHint} value={changes} onChange={setChanges} error={errors.changes} />
      <EffectRowsEditor rows={rows} onChange={setRows} errors={errors} />
      {own.length > 0 && (
        <div className="space-y-1">
          <label htmlFor={`${id}-derived`} className="block text-std-17B-170">
            {a.derivedLabel}
          </label>
          <p id={`${id}-derived-hint`} className="text-dns-14N-130 text-solid-gray-700">
            {a.derivedHint}
          </p>
          <FieldError id={`${id}-derived-error`} message={errors.derivedCaseId} />
          <select
            id={`${id}-derived`}
            value={derived}
            onChange={(e) => setDerived(e.currentTarget.value)}
            aria-describedby={`${errors.derivedCaseId ? `${id}-derived-error ` : ""}${id}-derived-hint`}
            aria-invalid={errors.derivedCaseId ? true : undefined}
            className="w-full max-w-full rounded-8 border border-solid-gray-600 px-3 py-2 sm:w-auto"
          >
            <option value="">{a.derivedNone}</option>
            {own.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {problem && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {problem}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={recording.loading}>
        {recording.loading ? a.submitting : a.submit}
      </button>
    </form>
  );
}

function TextArea({
  id,
  label,
  hint,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <textarea {...control} value={value} rows={3} maxLength={2000} onChange={(e) => onChange(e.currentTarget.value)} className="input-text" />
      )}
    </Field>
  );
}

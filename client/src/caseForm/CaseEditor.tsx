import { useMutation } from "@apollo/client/react";
import {
  CASE_KINDS,
  CASE_KIND_LABELS,
  caseDraftSchema,
  caseSubmissionSchema,
  fiscalYearOf,
  formatFiscalYear,
  MIN_FISCAL_YEAR,
  type CaseKind,
} from "@kb/shared";
import { useId, useRef, useState, type RefObject } from "react";
import { Controller, get, useForm, useWatch, type FieldErrors, type Resolver } from "react-hook-form";
import { Link, useNavigate } from "react-router";
import type { Me } from "../auth/me";
import type { AttachmentItem } from "../case/AttachmentList";
import { flashState } from "../components/FlashMessage";
import { Field, FieldError, focusFirstError, RequirementTag } from "../components/form/Field";
import { FieldLink } from "../components/form/FieldLink";
import { formatDateTime } from "../lib/format";
import { toApiError, type FieldProblem } from "../lib/apiError";
import { messages as m } from "../messages";
import { findingsKey, SUBMIT_CASE, SubmitConfirmation } from "../workflow/SubmitConfirmation";
import { AttachmentUploader } from "./AttachmentUploader";
import { CREATE_CASE, evictCaseLists, UPDATE_CASE, type EditableCase } from "./caseEditorQueries";
import { LatestReviewComment } from "../case/LatestReviewComment";
import { ConflictNotice } from "./ConflictNotice";
import { DetailsFields } from "./DetailsFields";
import { EffectsEditor } from "./EffectsEditor";
import { fieldId } from "./fieldIds";
import {
  emptyFormValues,
  fieldLabel,
  formPathOf,
  fromCaseContent,
  mapServerProblems,
  scanContent,
  toDraftInput,
  validateCase,
  type CaseFormValues,
  type TextField,
} from "./formValues";
import { localDraftKey, readLocalDraft, removeLocalDraft, useAutosave, type StoredDraft } from "./localDraft";
import { MarkdownField } from "./MarkdownField";
import { TagInput } from "./TagInput";

type Mode = "draft" | "submission";

/** Field problems as react-hook-form's nested errors; problems about the case as a whole go to root.server. */
function nestErrors(problems: readonly FieldProblem[]): FieldErrors<CaseFormValues> {
  const errors: Record<string, unknown> = {};
  for (const { path, message } of problems) {
    const parts = path ? path.split(".") : ["root", "server"];
    let node = errors;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    const leaf = parts[parts.length - 1]!;
    node[leaf] ??= { type: "validate", message };
  }
  return errors as FieldErrors<CaseFormValues>;
}

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys came in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Same content as far as saving is concerned (blank detail fields and empty effect rows do not count). */
const sameValues = (a: CaseFormValues, b: CaseFormValues) => stableJson(toDraftInput(a).input) === stableJson(toDraftInput(b).input);

const TEXTS: { name: TextField; rows: number; max: number; requirement: "requiredToSubmit" | "optional" }[] = [
  { name: "summary", rows: 4, max: 2000, requirement: "requiredToSubmit" },
  { name: "background", rows: 6, max: 20000, requirement: "optional" },
  { name: "actions", rows: 8, max: 20000, requirement: "requiredToSubmit" },
  { name: "results", rows: 6, max: 20000, requirement: "requiredToSubmit" },
  { name: "tips", rows: 6, max: 20000, requirement: "optional" },
];

function fiscalYearOptions(current: string): number[] {
  const newest = fiscalYearOf(new Date()) + 1;
  const years: number[] = [];
  for (let y = newest; y >= MIN_FISCAL_YEAR; y--) years.push(y);
  const chosen = Number(current);
  if (current !== "" && Number.isInteger(chosen) && !years.includes(chosen)) years.unshift(chosen);
  return years;
}

interface Props {
  me: Me;
  /** The saved case, or null for a new one. */
  existing: EditableCase | null;
  /** Re-reads the case (after an upload). */
  refetch: () => void;
}

/**
 * The one 投稿 form for every kind: kind first, then the common fields and the kind's details.
 * Validation is the shared zod schema (the server's own messages); the server's field errors land
 * on the same inputs. What is typed is autosaved in this browser, so a reload or a CONFLICT loses
 * nothing.
 */
export function CaseEditor({ me, existing, refetch }: Props) {
  const navigate = useNavigate();
  const caseId = existing?.id ?? null;
  const storageKey = localDraftKey(me.id, caseId);

  const [serverValues] = useState<CaseFormValues>(() => (existing ? fromCaseContent(existing) : emptyFormValues(fiscalYearOf(new Date()))));
  const [restored, setRestored] = useState<StoredDraft | null>(() => {
    const stored = readLocalDraft(storageKey);
    if (!stored) return null;
    if (sameValues(stored.values, serverValues)) {
      removeLocalDraft(storageKey);
      return null;
    }
    return stored;
  });
  const [version, setVersion] = useState<number | null>(restored?.baseVersion ?? existing?.version ?? null);

  const mode = useRef<Mode>("draft");
  const effectRows = useRef<number[]>([]);
  const resolver: Resolver<CaseFormValues> = (values) => {
    const { draft, problems } = validateCase(values, mode.current === "draft" ? caseDraftSchema : caseSubmissionSchema);
    effectRows.current = draft.effectRows;
    return problems.length === 0 ? { values, errors: {} } : { values: {}, errors: nestErrors(problems) };
  };
  const form = useForm<CaseFormValues>({
    defaultValues: restored?.values ?? serverValues,
    resolver,
    shouldFocusError: false,
    reValidateMode: "onChange",
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const autosave = useAutosave(form, storageKey, version);

  const [createCase] = useMutation(CREATE_CASE);
  const [updateCase] = useMutation(UPDATE_CASE);
  const [submitCase] = useMutation(SUBMIT_CASE);

  const [status, setStatus] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [showFindings, setShowFindings] = useState(false);
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const [serverFindingMessage, setServerFindingMessage] = useState<string | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);

  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const findingsHeading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const detailsHeadingId = useId();
  const kindErrorId = useId();

  const kind = useWatch({ control: form.control, name: "kind" });
  const fiscalYear = useWatch({ control: form.control, name: "fiscalYear" });
  const errorOf = (path: string): string | undefined => (get(errors, path) as { message?: string } | undefined)?.message;
  const rootError = errors.root?.["server"]?.message;

  // Field errors for the summary at the top, in the order of the form.
  const fieldProblems = collectProblems(errors);

  const focusAlert = () => requestAnimationFrame(() => alertRef.current?.focus());

  /** Puts the server's answer where the user will see it; true when it was handled as field errors. */
  const showServerError = (error: unknown) => {
    const problem = toApiError(error, m.caseForm.saveFailed);
    if (problem.code === "CONFLICT") {
      setConflict(problem.message);
      focusAlert();
      return;
    }
    if (problem.code === "BAD_USER_INPUT" && problem.fields.length > 0) {
      const confirm = problem.fields.find((f) => f.path === "confirmPersonalInfo");
      if (confirm) {
        setServerFindingMessage(confirm.message);
        setShowFindings(true);
        setConfirmError(m.submit.confirmRequired);
        requestAnimationFrame(() => findingsHeading.current?.focus());
      }
      const mapped = mapServerProblems(
        problem.fields.filter((f) => f.path !== "confirmPersonalInfo"),
        effectRows.current,
      );
      for (const { path, message } of mapped) {
        form.setError(path ? (path as "title") : "root.server", { type: "server", message });
      }
      if (mapped.some((p) => p.path)) focusFirstError(formRef.current);
      else if (mapped.length > 0) focusAlert();
      return;
    }
    form.setError("root.server", { type: "server", message: problem.message });
    focusAlert();
  };

  /** Saves the form to the server (create or update); the saved id and version, or null on failure. */
  const persist = async (values: CaseFormValues): Promise<{ id: string; version: number } | null> => {
    const { input, effectRows: rows } = toDraftInput(values);
    effectRows.current = rows;
    try {
      if (!caseId) {
        const { data } = await createCase({ variables: { input }, update: (cache) => evictCaseLists(cache) });
        if (!data) throw new Error("no data");
        return { id: data.createCase.id, version: data.createCase.version };
      }
      if (version === null) throw new Error("no version");
      const { data } = await updateCase({ variables: { id: caseId, version, input }, update: (cache) => evictCaseLists(cache) });
      if (!data) throw new Error("no data");
      setVersion(data.updateCase.version);
      return { id: caseId, version: data.updateCase.version };
    } catch (error) {
      showServerError(error);
      return null;
    }
  };

  const afterSaved = (values: CaseFormValues, saved: { id: string }) => {
    setConflict(null);
    setRestored(null);
    form.reset(values);
    autosave.clear();
    if (!caseId) {
      // The draft has an id now: continue on its edit page (where attachments can be added).
      autosave.pause();
      navigate(`/cases/${encodeURIComponent(saved.id)}/edit`, { replace: true, state: flashState(m.caseForm.created) });
    } else {
      setStatus(m.caseForm.saved);
    }
  };

  const onSaveDraft = async (values: CaseFormValues) => {
    setStatus(null);
    const saved = await persist(values);
    if (saved) afterSaved(values, saved);
  };

  const onInvalid = () => focusFirstError(formRef.current);

  const saveDraft = () => {
    mode.current = "draft";
    form.clearErrors();
    return form.handleSubmit(onSaveDraft, onInvalid)();
  };

  const onSubmitForReview = async (values: CaseFormValues) => {
    setStatus(null);
    const content = toDraftInput(values).input;
    const findings = scanContent(content);
    const key = findingsKey(findings);
    const needsConfirmation = findings.length > 0 || !!serverFindingMessage;
    if (needsConfirmation && confirmedFor !== (serverFindingMessage && findings.length === 0 ? "server" : key)) {
      if (!showFindings) {
        setShowFindings(true);
        setConfirmError(undefined);
        requestAnimationFrame(() => findingsHeading.current?.focus());
      } else {
        setConfirmError(m.submit.confirmRequired);
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>("[data-confirm-personal-info] input[type=checkbox]")?.focus());
      }
      return;
    }
    setSubmitting(true);
    try {
      const unsaved = isDirty || restored !== null || !caseId || version === null;
      const saved = unsaved || version === null ? await persist(values) : { id: caseId, version };
      if (!saved) return;
      if (unsaved) {
        // Saved: the local copy is no longer needed even if the submission fails.
        form.reset(values);
        autosave.clear();
      }
      try {
        await submitCase({
          variables: { id: saved.id, version: saved.version, confirmPersonalInfo: needsConfirmation },
          update: (cache) => evictCaseLists(cache),
        });
      } catch (error) {
        if (!caseId) {
          // The draft exists now; carry on from its edit page, with the problem shown there on retry.
          autosave.pause();
          navigate(`/cases/${encodeURIComponent(saved.id)}/edit`, { replace: true, state: flashState(toApiError(error, m.submit.failed).message) });
          return;
        }
        setVersion(saved.version);
        showServerError(error);
        return;
      }
      autosave.pause();
      autosave.clear();
      navigate(`/cases/${encodeURIComponent(saved.id)}`, { state: flashState(m.caseForm.submitted) });
    } finally {
      setSubmitting(false);
    }
  };

  const submitForReview = () => {
    mode.current = "submission";
    form.clearErrors();
    return form.handleSubmit(onSubmitForReview, onInvalid)();
  };

  const discardRestored = () => {
    form.reset(serverValues);
    removeLocalDraft(storageKey);
    setVersion(existing?.version ?? null);
    setRestored(null);
    setStatus(m.caseForm.localDraft.discarded);
  };

  const canSubmit = !existing || existing.viewerCan.submit;
  const busy = isSubmitting || submitting;
  const chosenKind = (CASE_KINDS as readonly string[]).includes(kind) ? (kind as CaseKind) : null;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 id={headingId} className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">
          {existing ? m.caseForm.editTitle : m.caseForm.newTitle}
        </h1>
        <p className="text-solid-gray-700">{existing ? m.caseForm.editLead : m.caseForm.newLead}</p>
        {existing && (
          <p>
            <Link to={`/cases/${encodeURIComponent(existing.id)}`}>{m.caseForm.backToCase}</Link>
          </p>
        )}
      </div>

      {existing && <LatestReviewComment case={existing} />}
      {restored && (
        <div className="flex flex-wrap items-center gap-3 rounded-8 border border-blue-900 bg-blue-50 p-4">
          <p className="flex-1">{m.caseForm.localDraft.restored(formatDateTime(restored.savedAt))}</p>
          <button type="button" className="btn-outline" onClick={discardRestored}>
            {m.caseForm.localDraft.discard}
          </button>
        </div>
      )}

      <div ref={alertRef} tabIndex={-1} className="space-y-4 empty:hidden">
        {conflict && caseId && (
          <ConflictNotice
            caseId={caseId}
            message={conflict}
            current={() => form.getValues()}
            onKeepMine={(latestVersion) => {
              setVersion(latestVersion);
              setConflict(null);
              // Save again on top of the latest version, with the user's text.
              requestAnimationFrame(() => void saveDraftWithVersion(latestVersion));
            }}
            onTakeLatest={(latest) => {
              form.reset(fromCaseContent(latest));
              setVersion(latest.version);
              setConflict(null);
            }}
          />
        )}
        {rootError && !conflict && (
          <div role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">
            <p>{rootError}</p>
          </div>
        )}
        {fieldProblems.length > 0 && (
          // Not a live region: it changes as fields are fixed; focus goes to the first field in error.
          <div className="rounded-8 border-2 border-error-1 bg-white p-4">
            <h2 className="text-std-17B-170 text-error-1">{m.caseForm.errorSummaryTitle(fieldProblems.length)}</h2>
            <p className="mt-1">{m.caseForm.errorSummaryLead}</p>
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {fieldProblems.map(({ path, message }) => (
                <li key={path}>
                  <FieldLink targetId={fieldId(path === "kind" ? `kind-${CASE_KINDS[0]}` : path)}>
                    {fieldLabel(path, kind)}：{message}
                  </FieldLink>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <form
        ref={formRef}
        noValidate
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          void saveDraft();
        }}
        {...autosave.compositionHandlers}
        className="space-y-10"
      >
        <fieldset className="space-y-3" aria-describedby={errorOf("kind") ? kindErrorId : undefined}>
          <legend className="text-std-20B-150 text-solid-gray-900">
            {m.caseForm.kindLegend}
            <RequirementTag requirement="required" />
          </legend>
          <p className="text-dns-14N-130 text-solid-gray-700">{m.caseForm.kindHint}</p>
          <FieldError id={kindErrorId} message={errorOf("kind")} />
          <div className="grid gap-3 md:grid-cols-2">
            {CASE_KINDS.map((k) => {
              const id = fieldId(`kind-${k}`);
              return (
                <label
                  key={k}
                  htmlFor={id}
                  className="flex cursor-pointer items-start gap-3 rounded-8 border border-solid-gray-300 p-4 has-[:checked]:border-2 has-[:checked]:border-blue-900 has-[:checked]:bg-blue-50"
                >
                  <input
                    id={id}
                    type="radio"
                    value={k}
                    {...form.register("kind")}
                    aria-invalid={errorOf("kind") ? true : undefined}
                    aria-labelledby={`${id}-label`}
                    aria-describedby={`${id}-desc`}
                    className="mt-1 size-5 shrink-0 accent-blue-900"
                  />
                  <span>
                    <span id={`${id}-label`} className="block text-std-17B-170 text-solid-gray-900">
                      {CASE_KIND_LABELS[k]}
                    </span>
                    <span id={`${id}-desc`} className="block text-dns-14N-130 text-solid-gray-700">
                      {m.caseForm.kindDescriptions[k]}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>

        {!chosenKind ? (
          <p className="rounded-8 bg-solid-gray-50 p-4 text-solid-gray-800">{m.caseForm.chooseKindFirst}</p>
        ) : (
          <>
            <section className="space-y-6" aria-labelledby={`${headingId}-basics`}>
              <h2 id={`${headingId}-basics`} className="text-std-22B-150 text-solid-gray-900">
                {m.caseForm.basicsHeading}
              </h2>
              <Field id={fieldId("title")} label={m.caseForm.fields.title} hint={m.caseForm.hints.title} requirement="required" error={errorOf("title")}>
                {(a11y) => <input {...a11y} {...form.register("title")} type="text" maxLength={200} autoComplete="off" className="input-text" />}
              </Field>
              <Field id={fieldId("fiscalYear")} label={m.caseForm.fields.fiscalYear} hint={m.caseForm.hints.fiscalYear} requirement="required" error={errorOf("fiscalYear")}>
                {(a11y) => (
                  <select {...a11y} {...form.register("fiscalYear")} className="input-text max-w-md">
                    <option value="">{m.caseForm.chooseOption}</option>
                    {fiscalYearOptions(fiscalYear).map((y) => (
                      <option key={y} value={String(y)}>
                        {formatFiscalYear(y)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={fieldId("tags")} label={m.caseForm.fields.tags} hint={m.caseForm.tags.hint} requirement="optional" error={errorOf("tags")}>
                {(a11y) => (
                  <Controller
                    control={form.control}
                    name="tags"
                    render={({ field }) => <TagInput {...a11y} value={field.value} onChange={field.onChange} onBlur={field.onBlur} textSource={form.control} />}
                  />
                )}
              </Field>
            </section>

            <section className="space-y-8" aria-labelledby={`${headingId}-content`}>
              <h2 id={`${headingId}-content`} className="text-std-22B-150 text-solid-gray-900">
                {m.caseForm.contentHeading}
              </h2>
              {TEXTS.map((t) => (
                <MarkdownField
                  key={t.name}
                  form={form}
                  name={t.name}
                  label={m.caseForm.fields[t.name]}
                  hint={m.caseForm.hints[t.name]}
                  requirement={t.requirement}
                  rows={t.rows}
                  maxLength={t.max}
                  error={errorOf(t.name)}
                />
              ))}
              <EffectsEditor form={form} errorOf={errorOf} groupError={errorOf("effects")} />
            </section>

            <DetailsFields form={form} kind={chosenKind} errorOf={errorOf} headingId={detailsHeadingId} />
          </>
        )}

        {showFindings && (
          <FindingsStep
            form={form}
            headingRef={findingsHeading}
            confirmedFor={confirmedFor}
            onConfirm={(key) => {
              setConfirmedFor(key);
              if (key) setConfirmError(undefined);
            }}
            error={confirmError}
            serverMessage={serverFindingMessage}
          />
        )}

        <div className="space-y-3 border-t border-solid-gray-200 pt-6">
          <div className="flex flex-wrap items-center gap-4">
            <button type="submit" className="btn-outline" disabled={busy}>
              {busy && !submitting ? m.caseForm.saving : m.caseForm.saveDraft}
            </button>
            {canSubmit && (
              <button type="button" className="btn-primary" disabled={busy} onClick={() => void submitForReview()}>
                {submitting ? m.caseForm.submitting : m.caseForm.submit}
              </button>
            )}
          </div>
          {canSubmit && <p className="text-dns-14N-130 text-solid-gray-700">{m.submit.lead}</p>}
          <p role="status" className="text-std-16B-170 text-solid-gray-900">
            {status}
          </p>
          {autosave.savedAt && <p className="text-dns-14N-130 text-solid-gray-700">{m.caseForm.localDraft.autosaved(formatDateTime(autosave.savedAt))}</p>}
        </div>
      </form>

      <AttachmentUploader
        caseId={caseId}
        attachments={(existing?.attachments ?? []) as AttachmentItem[]}
        allowKintoneTemplate={kind === "KINTONE_APP"}
        canRemove={existing?.viewerCan.removeAttachments ?? false}
        onUploaded={refetch}
        // The removal moved the case's version on by one; if the form was based on the version just
        // before it, it is now based on the new one (its content did not change), so saving does not conflict.
        onRemoved={(next) => setVersion((current) => (current === next - 1 ? next : current))}
      />
    </div>
  );

  async function saveDraftWithVersion(latestVersion: number) {
    mode.current = "draft";
    form.clearErrors();
    await form.handleSubmit(async (values) => {
      setStatus(null);
      const { input, effectRows: rows } = toDraftInput(values);
      effectRows.current = rows;
      try {
        const { data } = await updateCase({ variables: { id: caseId!, version: latestVersion, input }, update: (cache) => evictCaseLists(cache) });
        if (!data) throw new Error("no data");
        setVersion(data.updateCase.version);
        afterSaved(values, { id: caseId! });
      } catch (error) {
        showServerError(error);
      }
    }, onInvalid)();
  }
}

/** Every field error in the form, flattened to (path, message), in the order of the form's fields. */
function collectProblems(errors: FieldErrors<CaseFormValues>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record["message"] === "string" && path) {
      out.push({ path, message: record["message"] });
      return;
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === "root" || key === "ref" || key === "type" || key === "types") continue;
      walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(errors, "");
  const order = ["kind", "title", "fiscalYear", "tags", "summary", "background", "actions", "results", "tips", "effects", "details"];
  const rank = (p: string) => {
    const i = order.indexOf(p.split(".")[0] ?? "");
    return i === -1 ? order.length : i;
  };
  return out.sort((a, b) => rank(a.path) - rank(b.path));
}

/** The personal-information step, recomputed from the form as the user fixes the text. */
function FindingsStep({
  form,
  headingRef,
  confirmedFor,
  onConfirm,
  error,
  serverMessage,
}: {
  form: ReturnType<typeof useForm<CaseFormValues>>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  confirmedFor: string | null;
  onConfirm: (key: string | null) => void;
  error: string | undefined;
  serverMessage: string | undefined;
}) {
  const values = useWatch({ control: form.control }) as CaseFormValues;
  const content = toDraftInput(values).input;
  const findings = scanContent(content);
  const key = serverMessage && findings.length === 0 ? "server" : findingsKey(findings);
  if (findings.length === 0 && !serverMessage) {
    return (
      <p role="status" className="rounded-8 border border-success-1 bg-green-50 p-4">
        {m.submit.noFindings}
      </p>
    );
  }
  return (
    <div data-confirm-personal-info="">
      <SubmitConfirmation
        findings={findings}
        content={content}
        caseKind={values.kind}
        confirmed={confirmedFor === key}
        onConfirmedChange={(checked) => onConfirm(checked ? key : null)}
        error={error}
        fieldTarget={(path) => {
          const target = formPathOf(path);
          return target ? fieldId(target) : null;
        }}
        serverMessage={serverMessage}
        headingRef={headingRef}
      />
    </div>
  );
}

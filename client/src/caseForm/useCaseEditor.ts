import { useMutation } from "@apollo/client/react";
import { caseDraftSchema, caseSubmissionSchema, fiscalYearOf } from "@kb/shared";
import { useRef, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { useNavigate } from "react-router";
import type { Me } from "../auth/me";
import { flashState } from "../components/FlashMessage";
import { firstInvalidControl } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { findingsKey, SUBMIT_CASE } from "../workflow/SubmitConfirmation";
import { nestErrors } from "./caseErrors";
import { CREATE_CASE, evictCaseLists, UPDATE_CASE, type EditableCase } from "./caseEditorQueries";
import { emptyFormValues, fromCaseContent, mapServerProblems, scanContent, toDraftInput, validateCase, type CaseFormValues } from "./formValues";
import { localDraftKey, readLocalDraft, removeLocalDraft, useAutosave, type StoredDraft } from "./localDraft";

type Mode = "draft" | "submission";

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys came in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Same content as far as saving is concerned (blank detail fields and empty effect rows do not count). */
const sameValues = (a: CaseFormValues, b: CaseFormValues) => stableJson(toDraftInput(a).input) === stableJson(toDraftInput(b).input);

/**
 * The 投稿 form's state and what its buttons do: the local copy restored or discarded, saving a
 * draft (create or update), the personal-information step before 提出, and where the server's
 * answer is shown (CONFLICT notice, field errors, the alert at the top).
 */
export function useCaseEditor(me: Me, existing: EditableCase | null) {
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
  const { isSubmitting, isDirty } = form.formState;
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

  const focusAfterRender = useFocusAfterRender();
  const focusAlert = () => focusAfterRender(() => alertRef.current);
  const focusFirstError = () => focusAfterRender(() => firstInvalidControl(formRef.current));

  /** Puts the server's answer where the user will see it: the CONFLICT notice, the fields, or the alert. */
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
        focusAfterRender(() => findingsHeading.current);
      }
      const mapped = mapServerProblems(
        problem.fields.filter((f) => f.path !== "confirmPersonalInfo"),
        effectRows.current,
      );
      for (const { path, message } of mapped) {
        form.setError(path ? (path as "title") : "root.server", { type: "server", message });
      }
      if (mapped.some((p) => p.path)) focusFirstError();
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

  const onInvalid = () => focusFirstError();

  const saveDraft = () => {
    mode.current = "draft";
    form.clearErrors();
    return form.handleSubmit(onSaveDraft, onInvalid)();
  };

  /** After a CONFLICT, "keep mine": save again on top of the latest version, with the user's text. */
  const saveDraftWithVersion = async (latestVersion: number) => {
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
        focusAfterRender(() => findingsHeading.current);
      } else {
        setConfirmError(m.submit.confirmRequired);
        focusAfterRender(() => formRef.current?.querySelector<HTMLInputElement>("[data-confirm-personal-info] input[type=checkbox]"));
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

  const keepMine = (latestVersion: number) => {
    setVersion(latestVersion);
    setConflict(null);
    requestAnimationFrame(() => void saveDraftWithVersion(latestVersion));
  };

  const takeLatest = (latest: EditableCase) => {
    form.reset(fromCaseContent(latest));
    setVersion(latest.version);
    setConflict(null);
  };

  const confirmFindings = (key: string | null) => {
    setConfirmedFor(key);
    if (key) setConfirmError(undefined);
  };

  // The removal moved the case's version on by one; if the form was based on the version just
  // before it, it is now based on the new one (its content did not change), so saving does not conflict.
  const attachmentRemoved = (next: number) => setVersion((current) => (current === next - 1 ? next : current));

  return {
    form,
    caseId,
    autosave,
    refs: { formRef, alertRef, findingsHeading },
    restored,
    status,
    conflict,
    findings: { show: showFindings, confirmedFor, error: confirmError, serverMessage: serverFindingMessage, confirm: confirmFindings },
    submitting,
    busy: isSubmitting || submitting,
    saveDraft,
    submitForReview,
    discardRestored,
    keepMine,
    takeLatest,
    attachmentRemoved,
  };
}

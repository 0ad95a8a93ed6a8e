import { useLazyQuery, useMutation } from "@apollo/client/react";
import { mergeDepartmentsSchema, splitDepartmentSchema } from "@kb/shared";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import type { ReorganisationCasesQuery, ReorganisationPreviewQuery } from "../gql/graphql";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { MERGE_DEPARTMENTS, REORGANISATION_CASES, REORGANISATION_PREVIEW, SPLIT_DEPARTMENT } from "./adminQueries";
import type { TreeEntry } from "./DepartmentsPage";
import { indented } from "./RequireAdmin";

const d = m.admin.departments;
type Counts = ReorganisationPreviewQuery["reorganisationPreview"];

/** Today in Japan (YYYY-MM-DD): the default 施行日. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "")] ??= i.message;
  return out;
}

/** The confirmation step: what each 課 hands over, then the one button that does it. */
function Confirmation({ heading, counts, into, action, busy, onConfirm, onCancel, children }: { heading: string; counts: Counts; into: string; action: string; busy: string | null; onConfirm: () => void; onCancel: () => void; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  return (
    <div className="space-y-3 rounded-8 border-2 border-solid-gray-900 p-4" role="group" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading" ref={(el) => { ref.current = el; el?.focus(); }} tabIndex={-1} className="text-std-18B-160">{heading}</h3>
      <ul className="list-disc space-y-1 pl-6">
        {counts.map((c) => (
          <li key={c.departmentId}>{d.confirmRow(c.name, c)}</li>
        ))}
      </ul>
      <p className="text-std-16B-170">{into}</p>
      {children}
      <div className="flex flex-wrap gap-3">
        <button type="button" className="btn-primary" disabled={!!busy} aria-disabled={!!busy} onClick={onConfirm}>{busy ?? action}</button>
        <button type="button" className="btn-text" onClick={onCancel} disabled={!!busy}>{d.cancel}</button>
      </div>
    </div>
  );
}

/** 組織改正（統合）: choose the 課, the 統合先 (existing or new) and the 施行日; confirm with counts; merge. */
export function MergeForm({ tree, onDone }: { tree: TreeEntry[]; onDone: (message: string) => void }) {
  const [sources, setSources] = useState<string[]>([]);
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const [targetId, setTargetId] = useState("");
  const [newName, setNewName] = useState("");
  const [newParentId, setNewParentId] = useState("");
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [preview, previewState] = useLazyQuery(REORGANISATION_PREVIEW, { fetchPolicy: "network-only" });
  const [merge, mergeState] = useMutation(MERGE_DEPARTMENTS);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const nameOf = new Map(tree.map(({ row }) => [row.id, row.name]));
  const input = {
    sourceIds: sources,
    targetId: mode === "existing" ? targetId || null : null,
    newName: mode === "new" ? newName || null : null,
    newParentId: mode === "new" ? newParentId || null : null,
    effectiveDate,
  };

  const review = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setCounts(null);
    const parsed = mergeDepartmentsSchema.safeParse(mode === "existing" && !targetId ? { ...input, targetId: null } : input);
    const extra: Record<string, string> = mode === "existing" && !targetId ? { targetId: m.admin.departments.chooseDepartment } : {};
    if (!parsed.success || Object.keys(extra).length) {
      setErrors({ ...(parsed.success ? {} : errorsOf(parsed.error.issues)), ...extra });
      return focusAfterRender(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']") ?? null);
    }
    setErrors({});
    try {
      const r = await preview({ variables: { ids: sources } });
      if (r.error) throw r.error;
      setCounts(r.data?.reorganisationPreview ?? []);
    } catch (error) {
      setFailure(toApiError(error, d.mergeFailed).message);
    }
  };

  const confirm = async () => {
    setFailure(null);
    try {
      const r = await merge({ variables: { input } });
      const result = r.data?.mergeDepartments;
      if (!result) return;
      setCounts(null);
      setSources([]);
      setTargetId("");
      setNewName("");
      onDone(d.merged(result.successor.name, result.movedCases, result.movedUsers, result.keptAdoptions));
    } catch (error) {
      const problem = toApiError(error, d.mergeFailed);
      setCounts(null);
      if (problem.fields.length) setErrors(Object.fromEntries(problem.fields.map((f) => [f.path, f.message])));
      setFailure(problem.message);
    }
  };

  const target = mode === "existing" ? (nameOf.get(targetId) ?? "") : newName;
  return (
    <section aria-labelledby="merge-heading" className="space-y-4 rounded-8 border border-solid-gray-420 p-4 sm:p-6">
      <h2 id="merge-heading" className="text-std-24B-150">{d.mergeHeading}</h2>
      <p>{d.mergeLead}</p>
      {failure && <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">{failure}</p>}
      <form ref={formRef} noValidate aria-labelledby="merge-heading" onSubmit={(e) => void review(e)} className="space-y-6">
        <fieldset className="space-y-2" aria-invalid={errors.sourceIds ? true : undefined} aria-describedby={errors.sourceIds ? "merge-sources-error" : undefined}>
          <legend className="text-std-16B-170">{d.sources}</legend>
          {errors.sourceIds && <p id="merge-sources-error" className="text-dns-16B-130 text-error-1">⚠ {errors.sourceIds}</p>}
          <div className="max-h-72 space-y-1 overflow-y-auto rounded-8 border border-solid-gray-420 p-3">
            {tree.map(({ row, depth }) => (
              <label key={row.id} className="flex items-center gap-2" style={{ paddingLeft: `${Math.min(depth, 6)}rem` }}>
                <input
                  type="checkbox"
                  checked={sources.includes(row.id)}
                  onChange={(e) => setSources(e.target.checked ? [...sources, row.id] : sources.filter((s) => s !== row.id))}
                />
                {row.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="space-y-3">
          <legend className="text-std-16B-170">{d.target}</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="merge-mode" checked={mode === "existing"} onChange={() => setMode("existing")} />
            {d.targetExisting}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="merge-mode" checked={mode === "new"} onChange={() => setMode("new")} />
            {d.targetNew}
          </label>
        </fieldset>
        <div className="grid gap-6 sm:grid-cols-2">
          {mode === "existing" ? (
            <Field label={d.targetDepartment} error={errors.targetId} requirement="required">
              {(a11y) => (
                <select {...a11y} className="input-text" value={targetId} onChange={(e) => setTargetId(e.target.value)}>
                  <option value="">{d.chooseDepartment}</option>
                  {tree.filter(({ row }) => !sources.includes(row.id)).map(({ row, depth }) => (
                    <option key={row.id} value={row.id}>{indented(row.name, depth)}</option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <>
              <Field label={d.newName} error={errors.newName} requirement="required">
                {(a11y) => <input {...a11y} className="input-text" value={newName} onChange={(e) => setNewName(e.target.value)} />}
              </Field>
              <Field label={d.newParent} error={errors.newParentId}>
                {(a11y) => (
                  <select {...a11y} className="input-text" value={newParentId} onChange={(e) => setNewParentId(e.target.value)}>
                    <option value="">{d.top}</option>
                    {tree.filter(({ row }) => !sources.includes(row.id)).map(({ row, depth }) => (
                      <option key={row.id} value={row.id}>{indented(row.name, depth)}</option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
          <Field label={d.effectiveDate} hint={d.effectiveDateHint} error={errors.effectiveDate} requirement="required">
            {(a11y) => <input {...a11y} type="date" className="input-text" value={effectiveDate} max={today()} onChange={(e) => setEffectiveDate(e.target.value)} />}
          </Field>
        </div>
        <button type="submit" className="btn-outline w-full sm:w-auto" disabled={previewState.loading}>{previewState.loading ? d.reviewing : d.review}</button>
      </form>
      {counts && (
        <Confirmation
          heading={d.confirmHeading}
          counts={counts}
          into={d.confirmInto(target, effectiveDate)}
          action={d.merge}
          busy={mergeState.loading ? d.merging : null}
          onConfirm={() => void confirm()}
          onCancel={() => setCounts(null)}
        />
      )}
    </section>
  );
}

/** 組織改正（分割）: one 課 into new 課 (names, one a line); each case to the 課 chosen on the confirmation step, the rest to the first. */
export function SplitForm({ tree, onDone }: { tree: TreeEntry[]; onDone: (message: string) => void }) {
  const [sourceId, setSourceId] = useState("");
  const [names, setNames] = useState("");
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [preview, previewState] = useLazyQuery(REORGANISATION_PREVIEW, { fetchPolicy: "network-only" });
  const [split, splitState] = useMutation(SPLIT_DEPARTMENT);
  const [loadCases] = useLazyQuery(REORGANISATION_CASES, { fetchPolicy: "network-only" });
  const [cases, setCases] = useState<ReorganisationCasesQuery["reorganisationCases"] | null>(null);
  const [assign, setAssign] = useState<Record<string, number>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const newDepartments = names.split(/\r?\n/).map((n) => n.trim()).filter(Boolean).map((name) => ({ name }));
  const assignments = Object.entries(assign).filter(([, index]) => index > 0 && index < newDepartments.length).map(([caseId, index]) => ({ caseId, index }));
  const input = { sourceId, newDepartments, assignments, effectiveDate };

  const review = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setCounts(null);
    const parsed = splitDepartmentSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues));
      return focusAfterRender(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']") ?? null);
    }
    setErrors({});
    try {
      const [r, c] = await Promise.all([preview({ variables: { ids: [sourceId] } }), loadCases({ variables: { departmentId: sourceId } })]);
      if (r.error) throw r.error;
      if (c.error) throw c.error;
      setAssign({});
      setCases(c.data?.reorganisationCases ?? null);
      setCounts(r.data?.reorganisationPreview ?? []);
    } catch (error) {
      setFailure(toApiError(error, d.splitFailed).message);
    }
  };

  const confirm = async () => {
    setFailure(null);
    try {
      const r = await split({ variables: { input } });
      const result = r.data?.splitDepartment;
      if (!result) return;
      setCounts(null);
      setSourceId("");
      setNames("");
      onDone(d.splitDone(result.successor.name, result.movedCases));
    } catch (error) {
      setCounts(null);
      setFailure(toApiError(error, d.splitFailed).message);
    }
  };

  return (
    <section aria-labelledby="split-heading" className="space-y-4 rounded-8 border border-solid-gray-420 p-4 sm:p-6">
      <h2 id="split-heading" className="text-std-24B-150">{d.splitHeading}</h2>
      <p>{d.splitLead}</p>
      {failure && <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">{failure}</p>}
      <form ref={formRef} noValidate aria-labelledby="split-heading" onSubmit={(e) => void review(e)} className="grid gap-6 sm:grid-cols-2">
        <Field label={d.splitSource} error={errors.sourceId} requirement="required">
          {(a11y) => (
            <select {...a11y} className="input-text" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
              <option value="">{d.chooseDepartment}</option>
              {tree.map(({ row, depth }) => (
                <option key={row.id} value={row.id}>{indented(row.name, depth)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={d.effectiveDate} hint={d.effectiveDateHint} error={errors.effectiveDate} requirement="required">
          {(a11y) => <input {...a11y} type="date" className="input-text" value={effectiveDate} max={today()} onChange={(e) => setEffectiveDate(e.target.value)} />}
        </Field>
        <div className="sm:col-span-2">
          <Field label={d.splitNames} error={errors.newDepartments} requirement="required">
            {(a11y) => <textarea {...a11y} rows={3} className="input-text" value={names} onChange={(e) => setNames(e.target.value)} />}
          </Field>
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn-outline w-full sm:w-auto" disabled={previewState.loading}>{previewState.loading ? d.reviewing : d.review}</button>
        </div>
      </form>
      {counts && (
        <Confirmation
          heading={d.splitConfirmHeading}
          counts={counts}
          into={d.splitInto(newDepartments.map((n) => n.name), effectiveDate)}
          action={d.split}
          busy={splitState.loading ? d.splitting : null}
          onConfirm={() => void confirm()}
          onCancel={() => setCounts(null)}
        >
          {cases && cases.items.length > 0 && (
            <fieldset className="space-y-2">
              <legend className="text-std-16B-170">{d.assignHeading}</legend>
              <p className="text-dns-14N-130">{d.assignLead(cases.total, cases.items.length)}</p>
              <ul className="max-h-96 space-y-2 overflow-y-auto">
                {cases.items.map((c) => (
                  <li key={c.id}>
                    <label className="flex flex-col gap-1 sm:flex-row sm:items-center sm:justify-between">
                      <span>{d.assignTo(c.title)}</span>
                      <select className="input-text sm:max-w-xs" value={assign[c.id] ?? 0} onChange={(e) => setAssign({ ...assign, [c.id]: Number(e.target.value) })}>
                        {newDepartments.map((n, i) => (
                          <option key={i} value={i}>{n.name}</option>
                        ))}
                      </select>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
        </Confirmation>
      )}
    </section>
  );
}

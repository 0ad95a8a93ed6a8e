import { useMutation, useQuery } from "@apollo/client/react";
import { departmentInputSchema } from "@kb/shared";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import type { AdminDepartmentRow_DepartmentFragment } from "../gql/graphql";
import { ErrorNotice } from "../components/ErrorNotice";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { ADMIN_DEPARTMENTS, CREATE_DEPARTMENT, UPDATE_DEPARTMENT } from "./adminQueries";
import { MergeForm, SplitForm } from "./ReorganisationForms";
import { indented, RequireAdmin, treeOrder } from "./RequireAdmin";

const d = m.admin.departments;
type Row = AdminDepartmentRow_DepartmentFragment;
export type TreeEntry = { row: Row; depth: number };

/** 組織の管理 (/admin/departments): the tree 局 → 部 → 課 with counts; create, rename, move, 所属コード; 組織改正. */
export default function DepartmentsPage() {
  return <RequireAdmin>{() => <Departments />}</RequireAdmin>;
}

function Departments() {
  const { data, error, loading, refetch } = useQuery(ADMIN_DEPARTMENTS, { fetchPolicy: "cache-and-network" });
  const [status, setStatus] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const rows = data?.adminDepartments ?? [];
  const live = treeOrder(rows.filter((r) => !r.abolishedOn));
  const abolished = rows.filter((r) => r.abolishedOn);
  const nameOf = new Map(rows.map((r) => [r.id, r.name]));
  const done = (message: string) => {
    setStatus(message);
    void refetch();
  };

  if (error && !data) return <ErrorNotice error={error} fallback={d.failed} onRetry={() => void refetch()} />;
  return (
    <div className="space-y-10">
      <title>{`${d.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{d.title}</h1>
        <p>{d.lead}</p>
      </div>
      <div role="status" aria-live="polite">
        {status && <p className="rounded-8 border-2 border-success-1 bg-green-50 px-4 py-3 text-std-16B-170">{status}</p>}
      </div>

      <section aria-labelledby="tree-heading" className="space-y-4">
        <h2 id="tree-heading" className="text-std-24B-150">{d.treeHeading}</h2>
        {!data && loading ? (
          <p role="status">{d.loading}</p>
        ) : (
          <ul className="divide-y divide-solid-gray-420 border-y border-solid-gray-420">
            {live.map(({ row, depth }) => (
              <li key={row.id} className="py-3" style={{ paddingLeft: `${Math.min(depth, 6) * 1.25}rem` }}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <div>
                    <Link to={`/departments/${row.id}`} className="text-std-18B-160">{row.name}</Link>
                    <p className="text-dns-14N-130 text-solid-gray-700">
                      {d.counts(row.caseCount, row.userCount)}
                      {row.code && `・${d.code(row.code)}`}
                    </p>
                    {row.aliases.length > 0 && <p className="text-dns-14N-130 text-solid-gray-700">{d.aliases(row.aliases)}</p>}
                  </div>
                  <button type="button" className="btn-text" aria-expanded={editing === row.id} onClick={() => setEditing(editing === row.id ? null : row.id)}>
                    {d.edit(row.name)}
                  </button>
                </div>
                {editing === row.id && (
                  <EditDepartment row={row} tree={live} onDone={(message) => { setEditing(null); done(message); }} onCancel={() => setEditing(null)} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <CreateDepartment tree={live} onDone={done} />
      <MergeForm tree={live} onDone={done} />
      <SplitForm tree={live} onDone={done} />

      {abolished.length > 0 && (
        <section aria-labelledby="abolished-heading" className="space-y-3">
          <h2 id="abolished-heading" className="text-std-24B-150">{d.abolishedHeading}</h2>
          <ul className="list-disc space-y-1 pl-6">
            {abolished.map((r) => (
              <li key={r.id}>
                <Link to={`/departments/${r.id}`}>{d.abolished(r.name, r.abolishedOn!, nameOf.get(r.successorId ?? "") ?? "", r.abolishedBy ?? "MERGE")}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  return Object.fromEntries(issues.map((i) => [String(i.path[0] ?? ""), i.message]));
}

function CreateDepartment({ tree, onDone }: { tree: TreeEntry[]; onDone: (message: string) => void }) {
  const [values, setValues] = useState({ name: "", parentId: "", code: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CREATE_DEPARTMENT);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const input = { name: values.name, parentId: values.parentId || null, code: values.code || null };
    const parsed = departmentInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return focusAfterRender(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']") ?? null);
    }
    setErrors({});
    try {
      const r = await create({ variables: { input } });
      setValues({ name: "", parentId: "", code: "" });
      onDone(d.created(r.data?.createDepartment.name ?? values.name));
    } catch (error) {
      const problem = toApiError(error, d.failedSave);
      if (problem.fields.length) setErrors(Object.fromEntries(problem.fields.map((f) => [f.path, f.message])));
      else setFailure(problem.message);
    }
  };
  return (
    <section aria-labelledby="create-heading" className="space-y-4 rounded-8 border border-solid-gray-420 p-4 sm:p-6">
      <h2 id="create-heading" className="text-std-24B-150">{d.createHeading}</h2>
      {failure && <p role="alert" className="text-std-16B-170 text-error-1">{failure}</p>}
      <form ref={formRef} noValidate aria-labelledby="create-heading" onSubmit={(e) => void submit(e)} className="grid gap-6 sm:grid-cols-3">
        <DepartmentFields values={values} onChange={setValues} errors={errors} parents={tree} />
        <div className="sm:col-span-3">
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={loading} aria-disabled={loading}>{loading ? d.creating : d.create}</button>
        </div>
      </form>
    </section>
  );
}

function EditDepartment({ row, tree, onDone, onCancel }: { row: Row; tree: TreeEntry[]; onDone: (message: string) => void; onCancel: () => void }) {
  const [values, setValues] = useState({ name: row.name, parentId: row.parentId ?? "", code: row.code ?? "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UPDATE_DEPARTMENT);
  const headingId = `edit-${row.id}`;
  // Not under itself nor anything below it (the server refuses a cycle anyway).
  const below = new Set<string>([row.id]);
  for (const { row: r } of tree) if (r.parentId && below.has(r.parentId)) below.add(r.id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setErrors({});
    try {
      const r = await update({ variables: { id: row.id, input: { name: values.name, parentId: values.parentId || null, code: values.code } } });
      onDone(d.saved(r.data?.updateDepartment.name ?? values.name));
    } catch (error) {
      const problem = toApiError(error, d.failedSave);
      if (problem.fields.length) setErrors(Object.fromEntries(problem.fields.map((f) => [f.path, f.message])));
      setFailure(problem.message);
    }
  };
  return (
    <form noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)} className="mt-3 grid gap-4 rounded-8 bg-solid-gray-50 p-4 sm:grid-cols-3">
      <h3 id={headingId} className="text-std-18B-160 sm:col-span-3">{d.editHeading(row.name)}</h3>
      {failure && <p role="alert" className="text-std-16B-170 text-error-1 sm:col-span-3">{failure}</p>}
      <DepartmentFields values={values} onChange={setValues} errors={errors} parents={tree.filter(({ row: r }) => !below.has(r.id))} nameHint={d.renameHint} />
      <div className="flex flex-wrap gap-3 sm:col-span-3">
        <button type="submit" className="btn-primary" disabled={loading} aria-disabled={loading}>{loading ? d.saving : d.save}</button>
        <button type="button" className="btn-text" onClick={onCancel}>{d.cancel}</button>
      </div>
    </form>
  );
}

interface DepartmentValues {
  name: string;
  parentId: string;
  code: string;
}

/** 名称, 上位の組織 and 所属コード: the same three fields when creating a 課 and when editing one. */
function DepartmentFields({
  values,
  onChange,
  errors,
  parents,
  nameHint,
}: {
  values: DepartmentValues;
  onChange: (values: DepartmentValues) => void;
  errors: Record<string, string>;
  /** The 局・部・課 it may be put under, in tree order. */
  parents: TreeEntry[];
  nameHint?: string;
}) {
  return (
    <>
      <Field label={d.name} hint={nameHint} error={errors.name} requirement="required">
        {(a11y) => <input {...a11y} className="input-text" value={values.name} onChange={(e) => onChange({ ...values, name: e.target.value })} />}
      </Field>
      <Field label={d.parent} error={errors.parentId}>
        {(a11y) => (
          <select {...a11y} className="input-text" value={values.parentId} onChange={(e) => onChange({ ...values, parentId: e.target.value })}>
            <option value="">{d.top}</option>
            {parents.map(({ row, depth }) => (
              <option key={row.id} value={row.id}>
                {indented(row.name, depth)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={d.codeLabel} hint={d.codeHint} error={errors.code} requirement="optional">
        {(a11y) => <input {...a11y} className="input-text" value={values.code} onChange={(e) => onChange({ ...values, code: e.target.value })} />}
      </Field>
    </>
  );
}

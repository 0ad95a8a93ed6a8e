import { useMutation } from "@apollo/client/react";
import { inviteUserSchema } from "@kb/shared";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { formatDateTime } from "../lib/format";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { INVITE_USER } from "./adminQueries";
import { indented } from "./RequireAdmin";

const p = m.admin.people;
const EMPTY = { email: "", displayName: "", employeeNumber: "", departmentId: "", role: "STAFF" };
type Values = typeof EMPTY;

export interface Issued {
  name: string;
  token: string;
  expiresAt: string;
}

/** 利用者を招待する: the shared schema checks the fields before sending; the server's field errors land on them too. */
export function InviteForm({ departments, onIssued }: { departments: { row: { id: string; name: string }; depth: number }[]; onIssued: (issued: Issued) => void }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [invite, { loading }] = useMutation(INVITE_USER);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const focusFirstError = () => focusAfterRender(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']") ?? null);
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const parsed = inviteUserSchema.safeParse({ ...values, employeeNumber: values.employeeNumber || null });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return focusFirstError();
    }
    setErrors({});
    try {
      const r = await invite({ variables: { input: { ...values, employeeNumber: values.employeeNumber || null } } });
      if (!r.data) return;
      onIssued({ name: r.data.inviteUser.user.displayName, token: r.data.inviteUser.token, expiresAt: r.data.inviteUser.expiresAt });
      setValues(EMPTY);
    } catch (error) {
      const problem = toApiError(error, p.inviteFailed);
      const fields = problem.fields.filter((f) => f.path in EMPTY);
      if (fields.length) {
        setErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
        return focusFirstError();
      }
      // An e-mail already registered comes as a conflict about the whole form: show it by the e-mail field.
      if (problem.code === "CONFLICT" && problem.message.includes(values.email.trim().toLowerCase())) {
        setErrors({ email: problem.message });
        return focusFirstError();
      }
      setFailure(problem.message);
    }
  };

  return (
    <section aria-labelledby="invite-heading" className="space-y-4 rounded-8 border border-solid-gray-420 p-4 sm:p-6">
      <h2 id="invite-heading" className="text-std-24B-150">{p.inviteHeading}</h2>
      <p>{p.inviteLead}</p>
      {failure && <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">{failure}</p>}
      <form ref={formRef} noValidate aria-labelledby="invite-heading" onSubmit={(e) => void submit(e)} className="grid gap-6 sm:grid-cols-2">
        <Field label={p.email} error={errors.email} requirement="required">
          {(a11y) => <input {...a11y} type="email" autoComplete="off" className="input-text" value={values.email} onChange={set("email")} />}
        </Field>
        <Field label={p.displayName} error={errors.displayName} requirement="required">
          {(a11y) => <input {...a11y} className="input-text" value={values.displayName} onChange={set("displayName")} />}
        </Field>
        <Field label={p.employeeNumber} error={errors.employeeNumber} requirement="optional">
          {(a11y) => <input {...a11y} className="input-text" inputMode="text" value={values.employeeNumber} onChange={set("employeeNumber")} />}
        </Field>
        <Field label={p.department} error={errors.departmentId} requirement="required">
          {(a11y) => (
            <select {...a11y} className="input-text" value={values.departmentId} onChange={set("departmentId")}>
              <option value="">{p.chooseDepartment}</option>
              {departments.map(({ row, depth }) => (
                <option key={row.id} value={row.id}>{indented(row.name, depth)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={p.role} error={errors.role} requirement="required">
          {(a11y) => (
            <select {...a11y} className="input-text" value={values.role} onChange={set("role")}>
              {(["STAFF", "SECRETARIAT", "ADMIN"] as const).map((r) => (
                <option key={r} value={r}>{m.admin.roles[r]}</option>
              ))}
            </select>
          )}
        </Field>
        <div className="sm:col-span-2">
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={loading} aria-disabled={loading}>
            {loading ? p.inviting : p.invite}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The one-time link, shown once: a read-only field to select and a copy button. */
export function InvitationLink({ issued }: { issued: Issued }) {
  const url = `${window.location.origin}/invite/${issued.token}`;
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [issued.token]);
  return (
    <section aria-labelledby="invite-link-heading" className="space-y-3 rounded-8 border-2 border-success-1 bg-green-50 p-4 sm:p-6">
      <h2 id="invite-link-heading" ref={heading} tabIndex={-1} className="text-std-20B-150">{p.linkHeading(issued.name)}</h2>
      <p>{p.linkLead(formatDateTime(issued.expiresAt))}</p>
      <label className="flex flex-col gap-1">
        <span className="text-std-16B-170">{p.linkLabel}</span>
        <input readOnly className="input-text font-mono" value={url} onFocus={(e) => e.target.select()} />
      </label>
      <button
        type="button"
        className="btn-outline"
        onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}
      >
        {p.copy}
      </button>
      <p role="status" aria-live="polite">{copied ? p.copied : ""}</p>
    </section>
  );
}

import { useMutation, useQuery } from "@apollo/client/react";
import { acceptInvitationSchema } from "@kb/shared";
import { useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { ErrorNotice } from "../components/ErrorNotice";
import { Field } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { ACCEPT_INVITATION, INVITATION } from "./adminQueries";

const t = m.admin.invitation;

/** /invite/:token — the invitee chooses a password (the link works once, for 7 days), then signs in. */
export default function InvitationPage() {
  const { token = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(INVITATION, { variables: { token }, fetchPolicy: "network-only" });
  const [values, setValues] = useState({ password: "", confirmPassword: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [doneEmail, setDoneEmail] = useState<string | null>(null);
  const [accept, acceptState] = useMutation(ACCEPT_INVITATION);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  if (error && !data) return <ErrorNotice error={error} fallback={t.invalid} onRetry={() => void refetch()} />;
  if (loading && !data) return <p role="status">{t.loading}</p>;
  const invitation = data?.invitation;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const input = { token, ...values };
    const parsed = acceptInvitationSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return focusAfterRender(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']") ?? null);
    }
    setErrors({});
    try {
      const r = await accept({ variables: { input } });
      setDoneEmail(r.data?.acceptInvitation ?? "");
      focusAfterRender(() => doneRef.current);
    } catch (e) {
      const problem = toApiError(e, t.failed);
      if (problem.fields.length) setErrors(Object.fromEntries(problem.fields.map((f) => [f.path, f.message])));
      else setFailure(problem.message);
    }
  };

  return (
    <div className="max-w-xl space-y-6">
      <title>{`${t.title}${m.app.titleSuffix}`}</title>
      <h1 className="text-std-28B-150 text-solid-gray-900">{invitation || doneEmail !== null ? t.title : t.invalid}</h1>
      {doneEmail !== null ? (
        <div ref={doneRef} tabIndex={-1} role="status" className="space-y-4">
          <p className="rounded-8 border-2 border-success-1 bg-green-50 px-4 py-3 text-std-16B-170">{t.done}</p>
          <p>
            <Link to="/login" className="btn-primary no-underline">{t.login}</Link>
          </p>
        </div>
      ) : !invitation ? (
        <p>{t.invalidLead}</p>
      ) : (
        <>
          <p>{t.lead(invitation.displayName, invitation.organisationName, invitation.email)}</p>
          {failure && <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">{failure}</p>}
          <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} className="space-y-6" aria-label={t.title}>
            {/* For password managers: the account the password belongs to. */}
            <input type="email" autoComplete="username" value={invitation.email} readOnly hidden />
            <Field label={t.password} hint={t.passwordHint} error={errors.password} requirement="required">
              {(a11y) => <input {...a11y} type="password" autoComplete="new-password" className="input-text" value={values.password} onChange={(e) => setValues({ ...values, password: e.target.value })} />}
            </Field>
            <Field label={t.confirmPassword} error={errors.confirmPassword} requirement="required">
              {(a11y) => <input {...a11y} type="password" autoComplete="new-password" className="input-text" value={values.confirmPassword} onChange={(e) => setValues({ ...values, confirmPassword: e.target.value })} />}
            </Field>
            <button type="submit" className="btn-primary w-full sm:w-auto" disabled={acceptState.loading} aria-disabled={acceptState.loading}>
              {acceptState.loading ? t.submitting : t.submit}
            </button>
          </form>
        </>
      )}
    </div>
  );
}

import { useMutation } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { changePasswordFormSchema } from "@kb/shared";
import { useRef, useState, type KeyboardEvent } from "react";
import { useForm } from "react-hook-form";
import { Field, firstInvalidControl } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { CHANGE_PASSWORD, MY_SESSIONS } from "./accountQueries";

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = new Set<string>(["currentPassword", "newPassword", "confirmPassword"]);

/** Enter that confirms an IME conversion must not send the form. */
function holdEnterWhileComposing(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && event.nativeEvent.isComposing) event.preventDefault();
}

/** パスワードの変更: the current password, the new one twice; field-level errors from the shared schema and the server. */
export function PasswordForm() {
  const [changePassword] = useMutation(CHANGE_PASSWORD, { refetchQueries: [MY_SESSIONS], awaitRefetchQueries: true });
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const focusFirstError = () => focusAfterRender(() => firstInvalidControl(formRef.current));
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({
    resolver: zodResolver(changePasswordFormSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    shouldFocusError: false,
  });

  const onValid = async ({ currentPassword, newPassword }: PasswordValues) => {
    setDone(null);
    setFailure(null);
    try {
      const result = await changePassword({ variables: { input: { currentPassword, newPassword } } });
      reset();
      setDone(m.account.passwordChanged(result.data?.changePassword ?? 0));
    } catch (error) {
      const problem = toApiError(error, m.account.passwordFailed);
      const mapped = problem.fields.filter((field) => FIELDS.has(field.path));
      for (const field of mapped) setError(field.path as keyof PasswordValues, { message: field.message });
      if (mapped.length) return focusFirstError();
      setFailure(problem.message);
      focusAfterRender(() => alertRef.current);
    }
  };

  return (
    <section aria-labelledby="password-heading" className="space-y-4">
      <h2 id="password-heading" className="text-std-24B-150 text-solid-gray-900">
        {m.account.passwordHeading}
      </h2>
      <p>{m.account.passwordLead}</p>
      <div role="status" aria-live="polite">
        {done && <p className="rounded-8 border-2 border-success-1 bg-green-50 px-4 py-3 text-std-16B-170 text-solid-gray-900">{done}</p>}
      </div>
      {failure && (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">
          {failure}
        </div>
      )}
      <form
        ref={formRef}
        noValidate
        aria-labelledby="password-heading"
        onKeyDown={holdEnterWhileComposing}
        onSubmit={(event) => void handleSubmit(onValid, focusFirstError)(event)}
        className="max-w-lg space-y-6"
      >
        <Field label={m.account.currentPassword} error={errors.currentPassword?.message} requirement="required">
          {(a11y) => <input {...a11y} {...register("currentPassword")} type="password" autoComplete="current-password" className="input-text" />}
        </Field>
        <Field label={m.account.newPassword} hint={m.account.newPasswordHint} error={errors.newPassword?.message} requirement="required">
          {(a11y) => <input {...a11y} {...register("newPassword")} type="password" autoComplete="new-password" className="input-text" />}
        </Field>
        <Field label={m.account.confirmPassword} error={errors.confirmPassword?.message} requirement="required">
          {(a11y) => <input {...a11y} {...register("confirmPassword")} type="password" autoComplete="new-password" className="input-text" />}
        </Field>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={isSubmitting} aria-disabled={isSubmitting}>
          {isSubmitting ? m.account.changingPassword : m.account.changePassword}
        </button>
      </form>
    </section>
  );
}

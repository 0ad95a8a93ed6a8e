import { graphql } from "../gql";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { DIRECTORY_SIGN_IN_ERRORS, loginSchema, type DirectorySignInError } from "@kb/shared";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { safeNext, useMe } from "../auth/me";
import { Field, firstInvalidControl } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";

const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...Me_me
    }
  }
`);

const SIGN_IN_OPTIONS = graphql(`
  query SignInOptions {
    signInOptions {
      passwords
      directories {
        organisationName
        organisationCode
        startPath
      }
    }
  }
`);

interface LoginValues {
  email: string;
  password: string;
}

/** The sentence for `/login?signInError=<code>` (where a refused directory sign-in lands), or null. */
function directoryFailure(code: string | null): string | null {
  if (!code) return null;
  return code in DIRECTORY_SIGN_IN_ERRORS ? DIRECTORY_SIGN_IN_ERRORS[code as DirectorySignInError] : m.auth.directoryFailed;
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const navigate = useNavigate();
  const client = useApolloClient();
  const [login] = useMutation(LOGIN);
  const { me } = useMe();
  const options = useQuery(SIGN_IN_OPTIONS).data?.signInOptions;
  const [failure, setFailure] = useState<string | null>(() => directoryFailure(params.get("signInError")));
  const alertRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const focusFirstError = () => focusAfterRender(() => firstInvalidControl(formRef.current));

  // A refused directory sign-in comes back here: say why, where the keyboard and a screen reader start.
  useEffect(() => {
    if (params.get("signInError")) focusAfterRender(() => alertRef.current);
  }, []); // once, for the address the page opened with

  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: "", password: "" },
    shouldFocusError: false,
  });

  const onValid = async (values: LoginValues) => {
    setFailure(null);
    try {
      await login({ variables: values });
    } catch (error) {
      const problem = toApiError(error, m.auth.failed);
      let mapped = false;
      for (const field of problem.fields) {
        if (field.path === "email" || field.path === "password") {
          setError(field.path, { message: field.message });
          mapped = true;
        }
      }
      if (mapped) return focusFirstError();
      // Wrong password, RATE_LIMITED: the server's sentence, as it is.
      setFailure(problem.message);
      focusAfterRender(() => alertRef.current);
      return;
    }
    // What anonymous queries cached (a case that was null, …) no longer holds: start afresh.
    await client.resetStore();
    navigate(next, { replace: true });
  };

  // Already logged in (a bookmarked login page, the Back button): go where the login would lead.
  if (me && !isSubmitting) return <Navigate to={next} replace />;

  const directories = options?.directories ?? [];
  // The password form stays unless the installation says no organisation allows passwords (and while
  // the options load or fail to, so a small installation never waits for it).
  const passwords = options?.passwords ?? true;

  return (
    <div className="mx-auto max-w-lg space-y-6">
      <title>{`${m.auth.loginTitle}${m.app.titleSuffix}`}</title>
      <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{m.auth.loginTitle}</h1>
      <p>{directories.length ? m.auth.directoryLead : m.auth.loginLead}</p>

      {failure && (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">
          {failure}
        </div>
      )}

      {directories.length > 0 && (
        <section aria-labelledby="directory-sign-in" className="space-y-3">
          <h2 id="directory-sign-in" className="text-std-20B-150 text-solid-gray-900">
            {m.auth.directoryHeading}
          </h2>
          <ul className="space-y-3">
            {directories.map((d) => (
              <li key={d.organisationCode}>
                {/* A full navigation: the server sends the browser on to the organisation's directory. */}
                <a href={`${d.startPath}?${new URLSearchParams({ next }).toString()}`} className="btn-primary w-full no-underline sm:w-auto">
                  {m.auth.directoryButton(d.organisationName)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {passwords && (
        <section aria-labelledby={directories.length ? "password-sign-in" : undefined} className="space-y-6">
          {directories.length > 0 && (
            <>
              <h2 id="password-sign-in" className="text-std-20B-150 text-solid-gray-900">
                {m.auth.passwordHeading}
              </h2>
              <p>{m.auth.passwordLead}</p>
            </>
          )}
          <form
            ref={formRef}
            noValidate
            aria-label={m.auth.loginTitle}
            onSubmit={(event) => void handleSubmit(onValid, focusFirstError)(event)}
            className="space-y-6"
          >
            <Field label={m.auth.email} error={errors.email?.message}>
              {(a11y) => <input {...a11y} {...register("email")} type="email" autoComplete="username" inputMode="email" className="input-text" />}
            </Field>
            <Field label={m.auth.password} error={errors.password?.message}>
              {(a11y) => <input {...a11y} {...register("password")} type="password" autoComplete="current-password" className="input-text" />}
            </Field>
            <button type="submit" className={directories.length ? "btn-outline w-full sm:w-auto" : "btn-primary w-full sm:w-auto"} disabled={isSubmitting} aria-disabled={isSubmitting}>
              {isSubmitting ? m.auth.submitting : m.auth.submit}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}

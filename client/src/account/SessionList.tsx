import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { toApiError } from "../lib/apiError";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { END_OTHER_SESSIONS, END_SESSION, MY_SESSIONS } from "./accountQueries";
import { deviceName } from "./device";

/** ログイン中の端末: this device first, each other one with its own button, and 「他の端末からログアウト」. */
export function SessionList() {
  const { data, loading, error, refetch } = useQuery(MY_SESSIONS, { fetchPolicy: "cache-and-network" });
  const refresh = { refetchQueries: [MY_SESSIONS], awaitRefetchQueries: true };
  const [endOthers, { loading: endingOthers }] = useMutation(END_OTHER_SESSIONS, refresh);
  const [endOne] = useMutation(END_SESSION, refresh);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const act = async (run: () => Promise<string>) => {
    setDone(null);
    setFailure(null);
    try {
      setDone(await run());
    } catch (problem) {
      setFailure(toApiError(problem, m.account.sessionsFailed).message);
    }
    // The row (and its button) that had focus is gone: keep the keyboard user in the section.
    headingRef.current?.focus();
  };

  const sessions = data?.mySessions ?? [];
  const others = sessions.filter((s) => !s.current);

  return (
    <section aria-labelledby="sessions-heading" className="space-y-4">
      <h2 id="sessions-heading" ref={headingRef} tabIndex={-1} className="text-std-24B-150 text-solid-gray-900">
        {m.account.sessionsHeading}
      </h2>
      <p>{m.account.sessionsLead}</p>
      <div role="status" aria-live="polite">
        {done && <p className="rounded-8 border-2 border-success-1 bg-green-50 px-4 py-3 text-std-16B-170 text-solid-gray-900">{done}</p>}
      </div>
      {failure && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">
          {failure}
        </p>
      )}
      {error && !data && <ErrorNotice error={error} fallback={m.account.sessionsFailed} onRetry={() => void refetch()} />}
      {loading && !data && <p role="status">{m.account.sessionsLoading}</p>}

      {data && (
        <ul className="space-y-3" aria-label={m.account.sessionsHeading}>
          {sessions.map((s) => {
            const device = deviceName(s.userAgent);
            const signedIn = formatDateTime(s.createdAt);
            return (
              <li key={s.id} className="rounded-8 border border-solid-gray-420 bg-white p-4">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <p className="text-std-17B-170 text-solid-gray-900">{device}</p>
                  {s.current && (
                    <span className="rounded-4 border border-blue-900 px-1.5 py-px text-dns-14B-130 text-blue-900">{m.account.thisDevice}</span>
                  )}
                </div>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-dns-16N-130 text-solid-gray-800">
                  <dt>{m.account.signedInAt}</dt>
                  <dd>
                    <time dateTime={s.createdAt}>{signedIn}</time>
                  </dd>
                  <dt>{m.account.lastSeenAt}</dt>
                  <dd>
                    <time dateTime={s.lastSeenAt}>{formatDateTime(s.lastSeenAt)}</time>
                  </dd>
                  {s.address && (
                    <>
                      <dt>{m.account.address}</dt>
                      <dd className="break-all">{s.address}</dd>
                    </>
                  )}
                </dl>
                {s.userAgent && <p className="mt-1 break-all text-dns-14N-130 text-solid-gray-700">{s.userAgent}</p>}
                {!s.current && (
                  <button
                    type="button"
                    className="btn-text mt-2"
                    aria-label={m.account.endSessionLabel(device, signedIn)}
                    onClick={() => void act(async () => (await endOne({ variables: { id: s.id } }), m.account.endedOne))}
                  >
                    {m.account.endSession}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {data &&
        (others.length > 0 ? (
          <button
            type="button"
            className="btn-outline w-full sm:w-auto"
            disabled={endingOthers}
            aria-disabled={endingOthers}
            onClick={() => void act(async () => m.account.endedOthers((await endOthers()).data?.endOtherSessions ?? 0))}
          >
            {endingOthers ? m.account.endingOthers : m.account.endOthers}
          </button>
        ) : (
          <p>{m.account.noOthers}</p>
        ))}
    </section>
  );
}

import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "../components/ErrorNotice";
import { formatDate } from "../lib/format";
import { messages as m } from "../messages";
import { MY_FOLLOWS } from "../solicitations/FollowButton";

const ORGANISATIONS = graphql(`
  query FollowableOrganisations {
    followableOrganisations {
      id
      name
      prefecture
    }
  }
`);

const FOLLOW = graphql(`
  mutation FollowFromAccount($input: FollowInput!) {
    follow(input: $input) {
      id
      label
    }
  }
`);

const UNFOLLOW = graphql(`
  mutation UnfollowFromAccount($input: FollowInput!) {
    unfollow(input: $input)
  }
`);

const pathOf = (type: string, id: string, label: string): string | null =>
  type === "TAG" ? `/tags/${encodeURIComponent(label)}` : type === "SOLICITATION" ? `/solicitations/${encodeURIComponent(id)}` : null;

/** フォロー中 on the account page (issue 16 item 7): what I follow, unfollow, and follow a 自治体. */
export function FollowList() {
  const f = m.solicitations.follows;
  const { data, error, refetch } = useQuery(MY_FOLLOWS, { fetchPolicy: "cache-and-network" });
  const organisations = useQuery(ORGANISATIONS);
  const [follow, following] = useMutation(FOLLOW, { refetchQueries: [MY_FOLLOWS], awaitRefetchQueries: true });
  const [unfollow] = useMutation(UNFOLLOW, { refetchQueries: [MY_FOLLOWS], awaitRefetchQueries: true });
  const [organisation, setOrganisation] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (action: () => Promise<string>) => {
    setStatus(null);
    setFailure(null);
    try {
      setStatus(await action());
    } catch {
      setFailure(f.failedToChange);
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!organisation) {
      setFailure(f.chooseOrganisation);
      return;
    }
    void run(async () => {
      const r = await follow({ variables: { input: { targetType: "ORGANISATION", targetId: organisation } } });
      setOrganisation("");
      return f.followed(r.data!.follow.label);
    });
  };
  const followed = new Set((data?.myFollows ?? []).filter((x) => x.targetType === "ORGANISATION").map((x) => x.targetId));

  return (
    <section aria-labelledby="follows-heading" className="space-y-4">
      <h2 id="follows-heading" className="text-std-24B-150 text-solid-gray-900">
        {f.heading}
      </h2>
      <p>{f.lead}</p>
      {error ? (
        <ErrorNotice error={error} fallback={f.failed} onRetry={() => void refetch()} />
      ) : !data ? (
        <p role="status">{f.loading}</p>
      ) : data.myFollows.length === 0 ? (
        <p className="rounded-8 bg-solid-gray-50 p-4">{f.empty}</p>
      ) : (
        <ul className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
          {data.myFollows.map((x) => {
            const label = x.label || f.gone;
            const to = x.label ? pathOf(x.targetType, x.targetId, x.label) : null;
            return (
              <li key={x.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3">
                <div className="min-w-0 flex-1">
                  <span className="mr-2 inline-block rounded-4 border border-solid-gray-536 px-1.5 text-dns-14N-130">{f.kinds[x.targetType]}</span>
                  {to ? <Link to={to} className="break-words">{label}</Link> : <span className="break-words">{label}</span>}
                  <span className="block text-dns-14N-130 text-solid-gray-700">{formatDate(x.createdAt)}</span>
                </div>
                <button
                  type="button"
                  className="btn-text"
                  aria-label={f.unfollowOf(label)}
                  onClick={() => void run(async () => (await unfollow({ variables: { input: { targetType: x.targetType, targetId: x.targetId } } }), f.unfollowed(label)))}
                >
                  {f.unfollow}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {organisations.data && (
        <form onSubmit={add} className="flex flex-wrap items-end gap-3" noValidate>
          <div className="min-w-0 flex-1 basis-60 space-y-2">
            <label htmlFor="follow-organisation" className="block text-std-17B-170 text-solid-gray-900">
              {f.organisationLabel}
            </label>
            <select id="follow-organisation" className="input-text w-full" value={organisation} onChange={(e) => setOrganisation(e.currentTarget.value)}>
              <option value="">{f.chooseOrganisation}</option>
              {organisations.data.followableOrganisations
                .filter((o) => !followed.has(o.id))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.prefecture} {o.name}
                  </option>
                ))}
            </select>
          </div>
          <button type="submit" className="btn-outline" disabled={following.loading}>
            {f.followOrganisation}
          </button>
        </form>
      )}
      {status && <p role="status">{status}</p>}
      {failure && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {failure}
        </p>
      )}
    </section>
  );
}

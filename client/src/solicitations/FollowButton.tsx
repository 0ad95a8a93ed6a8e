import { graphql } from "../gql";
import type { FollowTarget } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { messages as m } from "../messages";

const FOLLOW = graphql(`
  mutation Follow($input: FollowInput!) {
    follow(input: $input) {
      id
    }
  }
`);

const UNFOLLOW = graphql(`
  mutation Unfollow($input: FollowInput!) {
    unfollow(input: $input)
  }
`);

export const MY_FOLLOWS = graphql(`
  query MyFollows {
    myFollows {
      id
      targetType
      targetId
      label
      createdAt
    }
  }
`);

/**
 * フォローする / フォローを解除する for one tag, 自治体 or 募集 (issue 16 item 7). A toggle button
 * (aria-pressed) with a line saying what following means; `onChange` lets the page refetch.
 */
export function FollowButton({
  targetType,
  targetId,
  following,
  labels,
  onChange,
}: {
  targetType: FollowTarget;
  targetId: string;
  following: boolean;
  labels: { follow: string; unfollow: string; following: string };
  onChange?: () => void;
}) {
  const [follow, followState] = useMutation(FOLLOW, { refetchQueries: [MY_FOLLOWS] });
  const [unfollow, unfollowState] = useMutation(UNFOLLOW, { refetchQueries: [MY_FOLLOWS] });
  const [failed, setFailed] = useState(false);
  const busy = followState.loading || unfollowState.loading;
  const toggle = async () => {
    setFailed(false);
    try {
      const input = { targetType, targetId };
      if (following) await unfollow({ variables: { input } });
      else await follow({ variables: { input } });
      onChange?.();
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="space-y-1">
      <button type="button" className={following ? "btn-outline" : "btn-primary"} aria-pressed={following} disabled={busy} onClick={() => void toggle()}>
        {following ? labels.unfollow : labels.follow}
      </button>
      {following && <p className="text-dns-14N-130 text-solid-gray-700">{labels.following}</p>}
      {failed && (
        <p role="alert" className="text-dns-16B-130 text-error-1">
          {m.solicitations.follows.failedToChange}
        </p>
      )}
    </div>
  );
}

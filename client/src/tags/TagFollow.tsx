import { useQuery } from "@apollo/client/react";
import { useMe } from "../auth/me";
import { messages as m } from "../messages";
import { FollowButton, MY_FOLLOWS } from "../solicitations/FollowButton";

/** The tag page's フォローする (signed-in staff; issue 16 item 7). */
export function TagFollow({ tagId }: { tagId: string }) {
  const { me } = useMe();
  const { data } = useQuery(MY_FOLLOWS, { skip: !me, fetchPolicy: "cache-and-network" });
  if (!me || !data) return null;
  const f = m.solicitations.follows;
  const following = data.myFollows.some((x) => x.targetType === "TAG" && x.targetId === tagId);
  return <FollowButton targetType="TAG" targetId={tagId} following={following} labels={{ follow: f.followTag, unfollow: f.unfollowTag, following: f.followingTag }} />;
}

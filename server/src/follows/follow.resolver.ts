import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../kernel/index.js";
import { FollowableOrganisationView, FollowInput, FollowView } from "./follow.types.js";

/** Thin: the service validates, checks the viewer may see the target, writes and audits. */
@Resolver(() => FollowView)
export class FollowResolver {
  @Query(() => [FollowView], { description: "What the viewer follows, newest first." })
  myFollows(@Ctx() ctx: RequestContext): Promise<FollowView[]> {
    return ctx.services.follows.mine(ctx.viewer);
  }

  @Query(() => [FollowableOrganisationView], { description: "自治体 one may follow: every organisation of the installation (signed-in users)." })
  followableOrganisations(@Ctx() ctx: RequestContext): Promise<FollowableOrganisationView[]> {
    return ctx.services.follows.organisations(ctx.viewer);
  }

  @Mutation(() => FollowView, { description: "Follows a tag, a 自治体 or a 募集 (one the viewer can see); following twice is one follow." })
  follow(@Arg("input", () => FollowInput) input: FollowInput, @Ctx() ctx: RequestContext): Promise<FollowView> {
    return ctx.services.follows.follow(ctx.viewer, { ...input });
  }

  @Mutation(() => Boolean, { description: "Stops following; false when the viewer did not follow it." })
  unfollow(@Arg("input", () => FollowInput) input: FollowInput, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.follows.unfollow(ctx.viewer, { ...input });
  }
}

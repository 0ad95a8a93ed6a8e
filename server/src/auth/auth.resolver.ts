import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../graphql/context.js";
import { User } from "../users/user.entity.js";
import { MeView } from "../users/me.types.js";
import type { Viewer } from "../users/viewer.js";

@Resolver()
export class AuthResolver {
  @Query(() => MeView, { nullable: true, description: "The logged-in user, or null." })
  async me(@Ctx() ctx: RequestContext): Promise<MeView | null> {
    return ctx.viewer ? presentMe(ctx, ctx.viewer) : null;
  }

  @Mutation(() => MeView, { description: "Logs in and sets the httpOnly session cookie." })
  async login(
    @Arg("email", () => String) email: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MeView> {
    const result = await ctx.auth.login({ email, password }, ctx.clientIp);
    ctx.session.set(result.token, result.expiresAt);
    return presentMe(ctx, result.viewer);
  }

  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.auth.logout(ctx.session.token);
    ctx.session.clear();
    return true;
  }
}

async function presentMe(ctx: RequestContext, viewer: Viewer): Promise<MeView> {
  const user = await ctx.em.findOneOrFail(User, viewer.userId);
  const path = await ctx.loaders.departmentPath.load(viewer.departmentId);
  return {
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    department: { id: viewer.departmentId, name: path[path.length - 1] ?? "", path },
  };
}

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { type RequestContext, requireViewer, type Viewer } from "../kernel/index.js";
import { presentOrganisation } from "../organisations/index.js";
import { User, MeView } from "../users/index.js";
import { AccountSessionView, ChangePasswordInputType } from "./session.types.js";

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
    const result = await ctx.services.auth.login({ email, password }, { ip: ctx.clientIp, userAgent: ctx.userAgent });
    ctx.session.set(result.token, result.expiresAt);
    return presentMe(ctx, result.viewer);
  }

  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.auth.logout(ctx.session.token);
    ctx.session.clear();
    return true;
  }

  @Query(() => [AccountSessionView], { description: "自分のログイン中のセッション。この端末のものが先頭。" })
  async mySessions(@Ctx() ctx: RequestContext): Promise<AccountSessionView[]> {
    return ctx.services.account.sessionsOf(requireViewer(ctx.viewer), ctx.session.token);
  }

  @Mutation(() => Int, { description: "自分のパスワードを変更し、この端末以外のセッションをすべて終了する。終了した数を返す。" })
  async changePassword(@Arg("input", () => ChangePasswordInputType) input: ChangePasswordInputType, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.account.changePassword(requireViewer(ctx.viewer), { ...input }, { ip: ctx.clientIp, currentToken: ctx.session.token });
  }

  @Mutation(() => Int, { description: "この端末以外の自分のセッションをすべて終了する（他の端末からログアウト）。終了した数を返す。" })
  async endOtherSessions(@Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.account.endOtherSessions(requireViewer(ctx.viewer), ctx.session.token);
  }

  @Mutation(() => Boolean, { description: "この端末以外の自分のセッションを一つ終了する。" })
  async endSession(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.account.endSession(requireViewer(ctx.viewer), id, ctx.session.token);
    return true;
  }
}

/** Me's fields that cost a statement: asked for only where a page needs them. */
@Resolver(() => MeView)
export class MeSessionResolver {
  @FieldResolver(() => Boolean, { description: "このセッションが団体のディレクトリ（OpenID Connect）でのログインか。ログアウトはディレクトリからも行う（/auth/logout）" })
  async directorySignIn(@Ctx() ctx: RequestContext): Promise<boolean> {
    return (await ctx.services.auth.directorySignInOf(ctx.session.token)) !== null;
  }
}

async function presentMe(ctx: RequestContext, viewer: Viewer): Promise<MeView> {
  const user = await ctx.em.findOneOrFail(User, viewer.userId);
  const path = await ctx.loaders.cases.departmentPath.load(viewer.departmentId);
  const organisation = await ctx.services.organisations.own(viewer);
  return {
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    installationRole: user.installationRole ?? null,
    department: { id: viewer.departmentId, name: path[path.length - 1] ?? "", path },
    organisation: presentOrganisation(organisation),
  };
}

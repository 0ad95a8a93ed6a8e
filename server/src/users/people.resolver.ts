import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { departmentPaths } from "../departments/index.js";
import type { RequestContext } from "../kernel/index.js";
import type { User } from "./user.entity.js";
import { setHubSecretariatAsOperator } from "./user.service.js";
import { AcceptInvitationInputType, AdminUserListView, AdminUserView, InvitationView, InviteUserInputType, IssuedInvitationView } from "./people.types.js";

/** Presents a page of users: the 課 paths in one statement (departmentPaths), whatever the page size. */
async function present(ctx: RequestContext, users: User[], invitations: Map<string, Date>): Promise<AdminUserView[]> {
  const paths = await departmentPaths(ctx.em, users.map((u) => u.department.id));
  return users.map((u) => {
    const path = paths.get(u.department.id) ?? [];
    return {
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      employeeNumber: u.employeeNumber ?? null,
      role: u.role,
      active: u.active,
      department: { id: u.department.id, name: path.at(-1) ?? "", path },
      invitationExpiresAt: invitations.get(u.id)?.toISOString() ?? null,
    };
  });
}

/** Thin: PeopleService authorises (ADMIN of the organisation), validates (shared zod schemas) and audits. */
@Resolver(() => AdminUserView)
export class PeopleResolver {
  @Query(() => AdminUserListView, { description: "利用者一覧（管理者のみ）: 氏名・メール・職員番号で検索、課・役割・有効で絞り込み" })
  async adminUsers(
    @Ctx() ctx: RequestContext,
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("departmentId", () => ID, { nullable: true }) departmentId: string | null,
    @Arg("role", () => String, { nullable: true }) role: string | null,
    @Arg("active", () => Boolean, { nullable: true }) active: boolean | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<AdminUserListView> {
    const page = await ctx.services.people.list(ctx.viewer, {
      ...(search ? { search } : {}),
      ...(departmentId ? { departmentId } : {}),
      ...(role ? { role } : {}),
      ...(active !== null ? { active } : {}),
      first,
      offset,
    });
    return { items: await present(ctx, page.items, page.invitations), totalCount: page.totalCount };
  }

  @Query(() => InvitationView, { nullable: true, description: "招待リンクの内容（ログイン不要）; 使えないリンクは null" })
  async invitation(@Arg("token", () => String) token: string, @Ctx() ctx: RequestContext): Promise<InvitationView | null> {
    const found = await ctx.services.people.invitation(token);
    if (!found) return null;
    return { email: found.user.email, displayName: found.user.displayName, organisationName: found.organisation.name, expiresAt: found.invitation.expiresAt.toISOString() };
  }

  @Mutation(() => IssuedInvitationView, { description: "利用者を作り、招待リンクを発行する（管理者のみ）" })
  async inviteUser(@Arg("input", () => InviteUserInputType) input: InviteUserInputType, @Ctx() ctx: RequestContext): Promise<IssuedInvitationView> {
    const issued = await ctx.services.people.invite(ctx.viewer, { ...input, role: input.role as "STAFF", employeeNumber: input.employeeNumber ?? null });
    const [user] = await present(ctx, [issued.user], new Map([[issued.user.id, issued.expiresAt]]));
    return { user: user!, token: issued.token, expiresAt: issued.expiresAt.toISOString() };
  }

  @Mutation(() => IssuedInvitationView, { description: "招待リンクを発行し直す（以前のリンクは使えなくなる、管理者のみ）" })
  async reissueInvitation(@Arg("userId", () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<IssuedInvitationView> {
    const issued = await ctx.services.people.reissueInvitation(ctx.viewer, userId);
    const [user] = await present(ctx, [issued.user], new Map([[issued.user.id, issued.expiresAt]]));
    return { user: user!, token: issued.token, expiresAt: issued.expiresAt.toISOString() };
  }

  @Mutation(() => AdminUserView, { description: "役割を変える（管理者のみ）" })
  async changeUserRole(@Arg("userId", () => ID) userId: string, @Arg("role", () => String) role: string, @Ctx() ctx: RequestContext): Promise<AdminUserView> {
    const user = await ctx.services.people.changeRole(ctx.viewer, { userId, role: role as "STAFF" });
    return (await present(ctx, [user], new Map()))[0]!;
  }

  @Mutation(() => AdminUserView, { description: "利用者を無効にする（ログイン中のセッションはすぐ終わる）・有効に戻す（管理者のみ）" })
  async setUserActive(@Arg("userId", () => ID) userId: string, @Arg("active", () => Boolean) active: boolean, @Ctx() ctx: RequestContext): Promise<AdminUserView> {
    const user = await ctx.services.people.setActive(ctx.viewer, userId, active);
    return (await present(ctx, [user], new Map()))[0]!;
  }

  @Mutation(() => Boolean, {
    description: "広域事務局（設置全体の好事例集・タグ・ダッシュボード・書き出し）にする・外す（設置の運用者のみ、監査記録あり）。広域事務局かどうかを返す",
  })
  async setHubSecretariat(@Arg("email", () => String) email: string, @Arg("granted", () => Boolean) granted: boolean, @Ctx() ctx: RequestContext): Promise<boolean> {
    const user = await setHubSecretariatAsOperator(ctx.em, ctx.viewer, email, granted);
    return user.installationRole === "HUB_SECRETARIAT";
  }

  @Mutation(() => String, { description: "招待リンクからパスワードを設定する（ログイン不要）; ログインに使うメールアドレスを返す" })
  async acceptInvitation(@Arg("input", () => AcceptInvitationInputType) input: AcceptInvitationInputType, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.services.people.acceptInvitation({ ...input });
  }
}

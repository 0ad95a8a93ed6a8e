import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { withoutNulls, type RequestContext } from "../kernel/index.js";
import type { OrganisationSignIn } from "./directory-sign-in.entity.js";
import { signInSettingsOf } from "./directory-sign-in.service.js";
import { OrganisationSignInInput, OrganisationSignInView, SignInOptionsView } from "./directory-sign-in.types.js";

/** The callback every provider must have registered for this installation (http/directory-sign-in.routes.ts). */
export const DIRECTORY_CALLBACK_PATH = "/auth/directory/callback";
export const directoryStartPath = (organisationCode: string) => `/auth/directory/${encodeURIComponent(organisationCode)}/start`;

const present = (s: OrganisationSignIn): OrganisationSignInView => ({
  ...signInSettingsOf(s),
  redirectPath: DIRECTORY_CALLBACK_PATH,
  updatedAt: s.updatedAt,
});

/** Thin: the service authorises (operator sets; operator or the organisation's ADMIN reads) and validates. */
@Resolver()
export class DirectorySignInResolver {
  @Query(() => SignInOptionsView, { description: "ログイン画面のログイン方法（団体ごとのディレクトリログインのボタンと、パスワード欄の有無）" })
  async signInOptions(@Ctx() ctx: RequestContext): Promise<SignInOptionsView> {
    const { directories, passwords } = await ctx.services.directorySignIn.options();
    return { passwords, directories: directories.map((d) => ({ ...d, startPath: directoryStartPath(d.organisationCode) })) };
  }

  @Query(() => OrganisationSignInView, { nullable: true, description: "団体のディレクトリログイン設定（運用者、またはその団体の管理者）。未設定なら null" })
  async organisationSignIn(@Arg("organisationId", () => ID) organisationId: string, @Ctx() ctx: RequestContext): Promise<OrganisationSignInView | null> {
    const found = await ctx.services.directorySignIn.read(ctx.viewer, organisationId);
    return found ? present(found) : null;
  }

  @Mutation(() => OrganisationSignInView, { description: "団体のディレクトリログインを設定する（運用者のみ）" })
  async setOrganisationSignIn(
    @Arg("organisationCode", () => String) organisationCode: string,
    @Arg("input", () => OrganisationSignInInput) input: OrganisationSignInInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OrganisationSignInView> {
    return present(await ctx.services.directorySignIn.configure(ctx.viewer, organisationCode, withoutNulls({ ...input })));
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CaseSharing, CaseStatus } from "@kb/shared";
import { badInput, withoutNulls, type RequestContext } from "../kernel/index.js";
import type { Case } from "./case.entity.js";
import { CaseDraftInput, ReviewInput } from "./case.inputs.js";
import { casePolicy, factsOfView } from "./case.policy.js";
import { AttachmentView, CaseListView, CasePermissionsView, CaseSharingEnum, CaseRevisionView, CaseStatusEnum, CaseView, PersonalInfoFindingView, ReviewView } from "./case.types.js";
import { DepartmentView } from "../departments/index.js";
import { UserSummaryView } from "../users/index.js";


/** Thin: parse arguments, call the service (which validates and authorises), present. */
@Resolver(() => CaseView)
export class CaseResolver {
  @Query(() => CaseView, { nullable: true, description: "A case the viewer may read; null when there is none." })
  async case(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseView | null> {
    return ctx.services.cases.findVisible(ctx.viewer, id);
  }

  @Query(() => CaseListView, { description: "自分の投稿: cases the viewer wrote or their department owns." })
  async myCases(
    @Ctx() ctx: RequestContext,
    @Arg("status", () => CaseStatusEnum, { nullable: true }) status?: CaseStatus,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<CaseListView> {
    return ctx.services.cases.listOwned(ctx.viewer, status, { first, offset });
  }

  @Query(() => CaseListView, { description: "審査待ち (secretariat)." })
  async reviewQueue(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<CaseListView> {
    return ctx.services.cases.reviewQueue(ctx.viewer, { first, offset });
  }

  @Mutation(() => CaseView, { description: "Saves a new draft owned by the viewer's department." })
  async createCase(@Arg("input", () => CaseDraftInput) input: CaseDraftInput, @Ctx() ctx: RequestContext): Promise<CaseView> {
    return this.present(ctx, await ctx.services.workflow.create(ctx.viewer, draftFrom(input)));
  }

  @Mutation(() => CaseView, { description: "Saves an edit; `version` must be the one the edit started from." })
  async updateCase(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => CaseDraftInput) input: CaseDraftInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseView> {
    return this.present(ctx, await ctx.services.workflow.update(ctx.viewer, id, version, draftFrom(input)));
  }

  @Mutation(() => CaseView, { description: "Sends a draft (or a case sent back) to the secretariat's review." })
  async submitCase(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("confirmPersonalInfo", () => Boolean, { defaultValue: false }) confirmPersonalInfo: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseView> {
    return this.present(ctx, await ctx.services.workflow.submit(ctx.viewer, id, version, confirmPersonalInfo));
  }

  @Mutation(() => CaseView, { description: "公開 / 差し戻し / 不採用 (secretariat)." })
  async reviewCase(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ReviewInput) input: ReviewInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseView> {
    return this.present(ctx, await ctx.services.workflow.review(ctx.viewer, id, withoutNulls({ ...input })));
  }

  @Mutation(() => CaseView, { description: "公開範囲を変更 (secretariat): share a case with every organisation, or withdraw it to the own (audited)." })
  async setCaseSharing(
    @Arg("id", () => ID) id: string,
    @Arg("sharing", () => CaseSharingEnum) sharing: CaseSharing,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseView> {
    return this.present(ctx, await ctx.services.workflow.setSharing(ctx.viewer, id, { sharing }));
  }

  @Mutation(() => CaseView)
  async archiveCase(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseView> {
    return this.present(ctx, await ctx.services.workflow.archive(ctx.viewer, id));
  }

  @FieldResolver(() => CasePermissionsView)
  viewerCan(@Root() c: CaseView, @Ctx() ctx: RequestContext): CasePermissionsView {
    const facts = factsOfView(c);
    return {
      edit: casePolicy.canEdit(ctx.viewer, facts),
      submit: casePolicy.canSubmit(ctx.viewer, facts),
      review: casePolicy.mayPublish(ctx.viewer, facts),
      archive: casePolicy.canArchive(ctx.viewer, facts),
      removeAttachments: casePolicy.canRemoveAttachment(ctx.viewer, facts),
      takePart: casePolicy.canTakePart(ctx.viewer, facts),
      changeSharing: casePolicy.canChangeSharing(ctx.viewer, facts),
    };
  }

  @FieldResolver(() => UserSummaryView, { nullable: true })
  async author(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return c.authorId ? summary(await ctx.loaders.cases.usersById.load(c.authorId)) : null;
  }

  @FieldResolver(() => [PersonalInfoFindingView], { nullable: true, description: "Owners and the secretariat only." })
  async personalInfoFindings(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<PersonalInfoFindingView[] | null> {
    if (!casePolicy.canSeeReviewDetails(ctx.viewer, factsOfView(c))) return null;
    const [row] = await ctx.em.execute<{ findings: PersonalInfoFindingView[] | null }[]>(
      "select personal_info_findings as findings from cases where id = ?",
      [c.id],
    );
    return row?.findings ?? null;
  }

  @FieldResolver(() => [ReviewView], { description: "Review history; empty unless the viewer owns the case or curates." })
  async reviews(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<ReviewView[]> {
    if (!casePolicy.canSeeReviewDetails(ctx.viewer, factsOfView(c))) return [];
    return (await ctx.loaders.cases.reviewsByCase.load(c.id)).map((r) => ({
      id: r.id,
      decision: r.decision,
      comment: r.comment,
      createdAt: r.createdAt,
      reviewerId: r.reviewer.id,
    }));
  }

  @FieldResolver(() => [CaseRevisionView], { description: "Saved versions, newest first; owners and curators only." })
  async revisions(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<CaseRevisionView[]> {
    if (!casePolicy.canSeeReviewDetails(ctx.viewer, factsOfView(c))) return [];
    return (await ctx.loaders.cases.revisionsByCase.load(c.id)).map((r) => ({
      id: r.id,
      version: r.version,
      createdAt: r.createdAt,
      snapshot: r.snapshot as unknown as Record<string, unknown>,
      removedAttachment: r.removedAttachment ?? null,
      editorId: r.editor?.id ?? null,
    }));
  }

  @FieldResolver(() => [AttachmentView])
  async attachments(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<AttachmentView[]> {
    return (await ctx.loaders.cases.attachmentsByCase.load(c.id)).map((a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      sha256: a.sha256,
      isKintoneTemplate: a.isKintoneTemplate,
      createdAt: a.createdAt,
      downloadUrl: `/api/attachments/${a.id}`,
    }));
  }

  private async present(ctx: RequestContext, c: Case): Promise<CaseView> {
    const view = await ctx.services.cases.findVisible(ctx.viewer, c.id);
    if (!view) throw badInput([], "保存しましたが、この好事例を表示する権限がありません。");
    return view;
  }
}

@Resolver(() => UserSummaryView)
export class UserSummaryResolver {
  @FieldResolver(() => DepartmentView)
  async department(@Root() u: UserSummaryView, @Ctx() ctx: RequestContext): Promise<DepartmentView> {
    const path = await ctx.loaders.cases.departmentPath.load(u.departmentId);
    return { id: u.departmentId, name: path[path.length - 1] ?? "", path };
  }
}

@Resolver(() => ReviewView)
export class ReviewResolver {
  @FieldResolver(() => UserSummaryView, { nullable: true })
  async reviewer(@Root() r: ReviewView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return summary(await ctx.loaders.cases.usersById.load(r.reviewerId));
  }
}

@Resolver(() => CaseRevisionView)
export class CaseRevisionResolver {
  @FieldResolver(() => UserSummaryView, { nullable: true })
  async editor(@Root() r: CaseRevisionView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return r.editorId ? summary(await ctx.loaders.cases.usersById.load(r.editorId)) : null;
  }
}

function summary(user: { id: string; displayName: string; department: { id: string } } | null): UserSummaryView | null {
  return user ? { id: user.id, displayName: user.displayName, departmentId: user.department.id } : null;
}

function draftFrom(input: CaseDraftInput): Record<string, unknown> {
  const plain = withoutNulls({ ...input }) as Record<string, unknown>;
  if (Array.isArray(input.effects)) plain.effects = input.effects.map((e) => withoutNulls({ ...e }));
  return plain;
}

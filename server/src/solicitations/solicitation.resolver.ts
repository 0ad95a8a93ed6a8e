import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { COMMONS_DEMAND_MIN_ORGANISATIONS, DEMAND_WINDOW_DAYS, SOLICITATION_SCOPES } from "@kb/shared";
import { isCurator, withoutNulls, type RequestContext, type Viewer } from "../kernel/index.js";
import { solicitationPolicy } from "./solicitation.policy.js";
import type { SolicitationRecord } from "./solicitation.service.js";
import {
  DemandBoardView,
  SolicitationAnswerInput,
  SolicitationAnswerView,
  SolicitationCandidateView,
  SolicitationInput,
  SolicitationListView,
  SolicitationView,
} from "./solicitation.types.js";

function present(s: SolicitationRecord, viewer: Viewer | null): SolicitationView {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    deadline: s.deadline,
    scope: s.scope,
    byHub: s.byHub,
    organisationName: s.organisationName,
    createdAt: s.createdAt,
    closedAt: s.closedAt,
    open: solicitationPolicy.isOpen(s),
    answerCount: s.answerCount,
    viewerFollows: s.viewerFollows,
    viewerCanAnswer: solicitationPolicy.canAnswer(viewer, s),
    viewerCanClose: solicitationPolicy.canClose(viewer, s),
  };
}

/** Thin: the services validate, authorise (solicitation.policy), write, audit and notify. */
@Resolver(() => SolicitationView)
export class SolicitationResolver {
  @Query(() => SolicitationListView, { description: "募集 the viewer sees (its organisation's and the commons'): open first, nearest 期限 first." })
  async solicitations(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
    @Arg("openOnly", () => Boolean, { defaultValue: false }) openOnly = false,
  ): Promise<SolicitationListView> {
    const { total, items } = await ctx.services.solicitations.list(ctx.viewer, first, offset, openOnly);
    return {
      total,
      items: items.map((s) => present(s, ctx.viewer)),
      viewerCanCall: SOLICITATION_SCOPES.filter((scope) => solicitationPolicy.canCreate(ctx.viewer, scope)),
      viewerCanSeeDemand: solicitationPolicy.canSeeDemand(ctx.viewer),
    };
  }

  @Query(() => SolicitationView, { nullable: true, description: "One 募集; null when missing or not the viewer's to see." })
  async solicitation(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SolicitationView | null> {
    const s = await ctx.services.solicitations.get(ctx.viewer, id);
    return s ? present(s, ctx.viewer) : null;
  }

  @Query(() => [SolicitationCandidateView], { description: "Cases the viewer may offer to the 募集, by title." })
  solicitationCandidates(
    @Arg("solicitationId", () => ID) solicitationId: string,
    @Arg("search", () => String, { defaultValue: "" }) search: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SolicitationCandidateView[]> {
    return ctx.services.solicitations.candidates(ctx.viewer, solicitationId, search);
  }

  @Query(() => DemandBoardView, { description: "募集の掲示板 (secretariats and the 広域事務局)." })
  async demandBoard(@Ctx() ctx: RequestContext): Promise<DemandBoardView> {
    const board = await ctx.services.demandBoard.board(ctx.viewer);
    return {
      searches: board.searches.map(({ key: _key, ...d }) => d),
      unansweredQuestions: board.unansweredQuestions,
      commons: board.commons,
      includesOwn: isCurator(ctx.viewer),
      minimumOrganisations: COMMONS_DEMAND_MIN_ORGANISATIONS,
      windowDays: DEMAND_WINDOW_DAYS,
    };
  }

  @Mutation(() => SolicitationView, { description: "Calls for cases (募集): a secretariat for its organisation or the commons, the 広域事務局 for the commons." })
  async createSolicitation(@Arg("input", () => SolicitationInput) input: SolicitationInput, @Ctx() ctx: RequestContext): Promise<SolicitationView> {
    return present(await ctx.services.solicitations.create(ctx.viewer, withoutNulls({ ...input })), ctx.viewer);
  }

  @Mutation(() => SolicitationView, { description: "Closes a 募集 (who called it)." })
  async closeSolicitation(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SolicitationView> {
    return present(await ctx.services.solicitations.close(ctx.viewer, id), ctx.viewer);
  }

  @Mutation(() => SolicitationAnswerView, { description: "Offers a case to a 募集; its requester and followers are told." })
  answerSolicitation(@Arg("input", () => SolicitationAnswerInput) input: SolicitationAnswerInput, @Ctx() ctx: RequestContext): Promise<SolicitationAnswerView> {
    return ctx.services.solicitations.answer(ctx.viewer, withoutNulls({ ...input }));
  }

  @FieldResolver(() => [SolicitationAnswerView], { description: "Cases offered that the viewer can read, oldest first." })
  answers(@Root() s: SolicitationView, @Ctx() ctx: RequestContext): Promise<SolicitationAnswerView[]> {
    return ctx.services.solicitations.answers(ctx.viewer, s.id);
  }
}

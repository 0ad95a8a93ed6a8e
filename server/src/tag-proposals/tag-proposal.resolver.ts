import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { withoutNulls, type Viewer, type RequestContext } from "../kernel/index.js";
import { CaseView, factsOfView } from "../cases/index.js";
import { UserSummaryView } from "../users/index.js";
import { tagProposalPolicy } from "./tag-proposal.policy.js";
import type { TagProposalRecord } from "./tag-proposal.service.js";
import {
  TagProposalAccessView,
  TagProposalDecisionInput,
  TagProposalInput,
  TagProposalListView,
  TagProposalView,
} from "./tag-proposal.types.js";

function present(p: TagProposalRecord, viewer: Viewer | null): TagProposalView {
  return {
    id: p.id,
    tagName: p.tagName,
    category: p.category,
    isNewTag: p.status === "PENDING" && !p.existingTag,
    comment: p.comment,
    status: p.status,
    createdAt: p.createdAt,
    decidedAt: p.decidedAt,
    decisionComment: p.decisionComment,
    caseId: p.caseId,
    caseTitle: p.caseTitle,
    viewerCanDecide: p.status === "PENDING" && tagProposalPolicy.canDecide(viewer, p.caseFacts),
    proposerId: p.proposerId,
    decidedById: p.decidedById,
  };
}


/** Thin: the service validates, authorises (case.policy), writes, audits, notifies and re-indexes. */
@Resolver(() => TagProposalView)
export class TagProposalResolver {
  @Mutation(() => TagProposalView, { description: "Proposes a tag for a published case the viewer can read (any logged-in user)." })
  async proposeTag(@Arg("input", () => TagProposalInput) input: TagProposalInput, @Ctx() ctx: RequestContext): Promise<TagProposalView> {
    return present(await ctx.services.tagProposals.propose(ctx.viewer, withoutNulls({ ...input })), ctx.viewer);
  }

  @Mutation(() => TagProposalView, { description: "Accepts (the tag goes on the case) or declines a proposal: the case's owners or the secretariat." })
  async decideTagProposal(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => TagProposalDecisionInput) input: TagProposalDecisionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TagProposalView> {
    return present(await ctx.services.tagProposals.decide(ctx.viewer, id, withoutNulls({ ...input })), ctx.viewer);
  }

  @Query(() => TagProposalListView, { description: "Pending proposals the viewer can decide: all for the secretariat, their department's cases for others." })
  async pendingTagProposals(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<TagProposalListView> {
    const { total, items } = await ctx.services.tagProposals.pending(ctx.viewer, first, offset);
    return { total, items: items.map((p) => present(p, ctx.viewer)) };
  }

  @FieldResolver(() => UserSummaryView, { nullable: true })
  async proposer(@Root() p: TagProposalView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return p.proposerId ? summary(await ctx.loaders.cases.usersById.load(p.proposerId)) : null;
  }

  @FieldResolver(() => UserSummaryView, { nullable: true })
  async decidedBy(@Root() p: TagProposalView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return p.decidedById ? summary(await ctx.loaders.cases.usersById.load(p.decidedById)) : null;
  }
}

/** The case page's part: its proposals and what the viewer may do with them (one case at a time). */
@Resolver(() => CaseView)
export class CaseTagProposalResolver {
  @FieldResolver(() => [TagProposalView], {
    description: "Tag proposals: pending ones for every logged-in reader, decided ones for owners, the secretariat and the proposer.",
  })
  async tagProposals(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<TagProposalView[]> {
    return (await ctx.services.tagProposals.forCase(ctx.viewer, c.id, factsOfView(c))).map((p) => present(p, ctx.viewer));
  }

  @FieldResolver(() => TagProposalAccessView)
  tagProposalAccess(@Root() c: CaseView, @Ctx() ctx: RequestContext): TagProposalAccessView {
    const facts = factsOfView(c);
    return { propose: tagProposalPolicy.canPropose(ctx.viewer, facts), decide: tagProposalPolicy.canDecide(ctx.viewer, facts) };
  }
}

function summary(user: { id: string; displayName: string; department: { id: string } } | null): UserSummaryView | null {
  return user ? { id: user.id, displayName: user.displayName, departmentId: user.department.id } : null;
}

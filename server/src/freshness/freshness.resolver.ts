import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../kernel/index.js";
import { CaseView, factsOfView, userSummary, type CaseFacts } from "../cases/index.js";
import { UserSummaryView } from "../users/index.js";
import { freshnessPolicy } from "./freshness.policy.js";
import type { Freshness } from "./freshness.service.js";
import { CaseFreshnessView } from "./freshness.types.js";

export function presentFreshness(f: Freshness, facts: CaseFacts, ctx: RequestContext): CaseFreshnessView {
  return {
    lastReviewedAt: f.lastReviewedAt,
    confirmedAt: f.confirmedAt,
    due: f.due,
    dueFiscalYear: f.dueFiscalYear,
    viewerCanConfirm: freshnessPolicy.canConfirm(ctx.viewer, facts),
    confirmedById: f.confirmedById,
    caseId: f.caseId,
  };
}


/** The case page's part: freshness (published cases) and 内容を確認した. */
@Resolver(() => CaseView)
export class CaseFreshnessResolver {
  @FieldResolver(() => CaseFreshnessView, { nullable: true, description: "鮮度確認; null unless the case is published." })
  async freshness(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<CaseFreshnessView | null> {
    if (c.status !== "PUBLISHED") return null;
    const f = await ctx.loaders.adoptions.freshnessByCase.load(c.id);
    return f ? presentFreshness(f, factsOfView(c), ctx) : null;
  }

  @Mutation(() => CaseFreshnessView, { description: "内容を確認した: the case's department confirms a published case is still right." })
  async confirmCaseFreshness(@Arg("caseId", () => ID) caseId: string, @Ctx() ctx: RequestContext): Promise<CaseFreshnessView> {
    const f = await ctx.services.freshness.confirm(ctx.viewer, caseId);
    const view = await ctx.services.cases.findVisible(ctx.viewer, caseId);
    return presentFreshness(f, view ? factsOfView(view) : { organisationId: "", status: "PUBLISHED", sharing: "ORGANISATION", departmentId: "", authorId: null }, ctx);
  }
}

@Resolver(() => CaseFreshnessView)
export class CaseFreshnessFieldsResolver {
  @FieldResolver(() => UserSummaryView, { nullable: true, description: "Who confirmed it last (logged-in viewers only)." })
  confirmedBy(@Root() f: CaseFreshnessView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return userSummary(ctx, f.confirmedById);
  }
}


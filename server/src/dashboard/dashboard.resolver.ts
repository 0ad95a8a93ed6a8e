import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../kernel/index.js";
import { DashboardArgs, DashboardView } from "./dashboard.types.js";

/** Thin: the service authorises (secretariat and admins), validates the window and aggregates. */
@Resolver()
export class DashboardResolver {
  @Query(() => DashboardView, { description: "事務局のダッシュボード: 年度×種別、局・課、タグ、横展開の流れ、定量効果、検索語." })
  async dashboard(@Args(() => DashboardArgs) args: DashboardArgs, @Ctx() ctx: RequestContext): Promise<DashboardView> {
    const data = await ctx.services.dashboard.load(ctx.viewer, {
      ...(args.fromFiscalYear == null ? {} : { fromFiscalYear: args.fromFiscalYear }),
      ...(args.toFiscalYear == null ? {} : { toFiscalYear: args.toFiscalYear }),
      queryDays: args.queryDays,
    });
    return { ...data, casesByBureau: data.casesByBureau, topTags: data.topTags.map((t) => ({ name: t.tag, count: t.count })) };
  }
}

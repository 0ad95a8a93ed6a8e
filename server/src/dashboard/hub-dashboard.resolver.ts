import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../kernel/index.js";
import { HubDashboardView, HubOrganisationPageView } from "./hub-dashboard.types.js";

/** Thin: the service authorises (the 広域事務局 only) and aggregates the commons. */
@Resolver(() => HubDashboardView)
export class HubDashboardResolver {
  @Query(() => HubDashboardView, { description: "広域事務局のダッシュボード: 自治体間で共有の好事例の合計と、団体ごとの共有と横展開（ページ単位）" })
  async hubDashboard(@Ctx() ctx: RequestContext): Promise<HubDashboardView> {
    return { totals: await ctx.services.hubDashboard.totals(ctx.viewer) };
  }

  @FieldResolver(() => HubOrganisationPageView, { description: "団体ごとの共有の好事例と横展開: 共有の多い順、`first`（最大100）件ずつ" })
  async organisations(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 50 }) first = 50,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<HubOrganisationPageView> {
    return ctx.services.hubDashboard.organisations(ctx.viewer, first, offset);
  }
}

import { Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../kernel/index.js";
import { HubDashboardView } from "./hub-dashboard.types.js";

/** Thin: the service authorises (the 広域事務局 only) and aggregates the commons. */
@Resolver()
export class HubDashboardResolver {
  @Query(() => HubDashboardView, { description: "広域事務局のダッシュボード: 団体ごとの共有の好事例、団体をまたぐ横展開（共有の好事例だけ）" })
  async hubDashboard(@Ctx() ctx: RequestContext): Promise<HubDashboardView> {
    return ctx.services.hubDashboard.load(ctx.viewer);
  }
}

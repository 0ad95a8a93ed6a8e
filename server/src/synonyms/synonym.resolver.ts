import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../kernel/index.js";
import type { SynonymGroup } from "./synonym.entity.js";
import type { SynonymChange } from "./synonym.service.js";
import { SynonymChangeView, SynonymGroupInput, SynonymGroupView } from "./synonym.types.js";

const view = (g: SynonymGroup): SynonymGroupView => ({
  id: g.id,
  mode: g.mode,
  terms: g.terms,
  note: g.note ?? null,
  version: g.version,
  updatedAt: g.updatedAt,
});
const change = (c: SynonymChange): SynonymChangeView => ({ group: c.group ? view(c.group) : null, affectedCases: c.affectedCases });
const input = (i: SynonymGroupInput) => ({ mode: i.mode, terms: i.terms, ...(i.note == null ? {} : { note: i.note }) });

/** Thin: the service validates, authorises (SECRETARIAT / ADMIN), writes, audits and re-indexes. */
@Resolver()
export class SynonymResolver {
  @Query(() => [SynonymGroupView], { description: "検索の同義語 (secretariat and admins)." })
  async synonymGroups(@Ctx() ctx: RequestContext): Promise<SynonymGroupView[]> {
    return (await ctx.services.synonyms.list(ctx.viewer)).map(view);
  }

  @Mutation(() => SynonymChangeView)
  async createSynonymGroup(@Arg("input", () => SynonymGroupInput) i: SynonymGroupInput, @Ctx() ctx: RequestContext): Promise<SynonymChangeView> {
    return change(await ctx.services.synonyms.create(ctx.viewer, input(i)));
  }

  @Mutation(() => SynonymChangeView)
  async updateSynonymGroup(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => SynonymGroupInput) i: SynonymGroupInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SynonymChangeView> {
    return change(await ctx.services.synonyms.update(ctx.viewer, id, version, input(i)));
  }

  @Mutation(() => SynonymChangeView)
  async deleteSynonymGroup(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Ctx() ctx: RequestContext,
  ): Promise<SynonymChangeView> {
    return change(await ctx.services.synonyms.remove(ctx.viewer, id, version));
  }
}

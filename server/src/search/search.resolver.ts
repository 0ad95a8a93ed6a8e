import { Args, Ctx, Query, Resolver } from "type-graphql";
import { facetSearchArgsSchema, searchArgsSchema, similarCasesArgsSchema } from "@kb/shared";
import { searchQueryRecorder } from "../search-stats/index.js";
import { badInputFromZod, type RequestContext } from "../kernel/index.js";
import {
  CaseSearchResultView,
  FacetCountView,
  SearchCasesArgs,
  SearchFacetValuesArgs,
  SimilarCasesArgs,
  SimilarCaseView,
} from "./search.types.js";

@Resolver()
export class SearchResolver {
  @Query(() => CaseSearchResultView, { description: "Full-text search over published cases (Japanese-aware)." })
  async searchCases(@Args(() => SearchCasesArgs) args: SearchCasesArgs, @Ctx() ctx: RequestContext): Promise<CaseSearchResultView> {
    const parsed = searchArgsSchema.safeParse(args);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    // A merged or renamed tag's old name (an old link) searches the tag it became.
    const { filter, redirects } = await ctx.services.search.canonicalTagFilter(ctx.em, parsed.data.filter);
    // The page's cases are hydrated from ctx.reads: a read replica when the request may use one (db/replicas.ts).
    const result = await ctx.services.search.search({ ...parsed.data, filter }, ctx.reads);
    // Dashboard analytics (issue 5): counted in memory, written in batches; first pages only.
    if (parsed.data.offset === 0) searchQueryRecorder(ctx.em).record(parsed.data.query, result.total, new Date(), ctx.viewer?.organisationId);
    return { ...result, tagRedirects: redirects };
  }

  @Query(() => [FacetCountView], { description: "Values of the tag, department or 自治体 facet that contain the given text (自治体: in its name or reading), with counts." })
  async searchFacetValues(@Args(() => SearchFacetValuesArgs) args: SearchFacetValuesArgs, @Ctx() ctx: RequestContext): Promise<FacetCountView[]> {
    const parsed = facetSearchArgsSchema.safeParse(args);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { filter } = await ctx.services.search.canonicalTagFilter(ctx.em, parsed.data.filter);
    return ctx.services.search.searchFacetValues({ ...parsed.data, filter }, ctx.reads);
  }

  @Query(() => [SimilarCaseView], { description: "Published cases like this one (shared tags, department, kind, text)." })
  async similarCases(@Args(() => SimilarCasesArgs) args: SimilarCasesArgs, @Ctx() ctx: RequestContext): Promise<SimilarCaseView[]> {
    const parsed = similarCasesArgsSchema.safeParse(args);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    return ctx.services.search.similarCases(parsed.data.caseId, parsed.data.first, ctx.reads);
  }
}

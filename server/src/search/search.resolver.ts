import { Args, Ctx, Query, Resolver } from "type-graphql";
import { searchArgsSchema } from "@kb/shared";
import { badInput } from "../graphql/app-error.js";
import type { RequestContext } from "../graphql/context.js";
import { CaseSearchResultView, SearchCasesArgs } from "./search.types.js";

@Resolver()
export class SearchResolver {
  @Query(() => CaseSearchResultView, { description: "Full-text search over published cases (Japanese-aware)." })
  async searchCases(@Args(() => SearchCasesArgs) args: SearchCasesArgs, @Ctx() ctx: RequestContext): Promise<CaseSearchResultView> {
    const parsed = searchArgsSchema.safeParse(args);
    if (!parsed.success) {
      throw badInput(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    }
    return ctx.search.search(parsed.data);
  }
}

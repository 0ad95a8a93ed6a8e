import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../graphql/context.js";
import { CaseView } from "./case.types.js";

@Resolver(() => CaseView)
export class CaseResolver {
  @Query(() => CaseView, { nullable: true, description: "A published case by id; null when there is none." })
  async case(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseView | null> {
    return ctx.cases.findPublished(id);
  }
}

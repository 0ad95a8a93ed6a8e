import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { CaseView } from "../cases/index.js";
import { badInput, type RequestContext } from "../kernel/index.js";
import { removeAttachment } from "./attachment.service.js";

/** Uploads and downloads are plain HTTP (http/attachment.routes.ts); removal is a mutation like any other change. */
@Resolver()
export class AttachmentResolver {
  @Mutation(() => CaseView, { description: "Removes an attachment for good (its bytes are deleted); answers the case as it now is." })
  async removeAttachment(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseView> {
    const caseId = await removeAttachment(ctx.em, ctx.viewer, id);
    const view = await ctx.services.cases.findVisible(ctx.viewer, caseId);
    if (!view) throw badInput([], "削除しましたが、この好事例を表示する権限がありません。");
    return view;
  }
}

import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { searchFilterSchema, TAG_BULK_MAX } from "@kb/shared";
import { type RequestContext, badInputFromZod, requireRole, withoutNulls } from "../kernel/index.js";
import { canonicalTagFilter, tagView } from "../tags/index.js";
import { isStalled } from "./tag-bulk.service.js";
import type { TagBulkJob } from "./tag-bulk-job.entity.js";
import { TagBulkInput, TagBulkJobView } from "./tag-bulk.types.js";

/** Bulk tagging (secretariat): add or remove one tag on ticked results or on every result of a search. */
@Resolver()
export class TagBulkResolver {
  @Mutation(() => TagBulkJobView, {
    description: "Adds or removes a tag on the ticked results or on every result of a search (secretariat); poll tagBulkJob for progress.",
  })
  async startTagBulkJob(@Arg("input", () => TagBulkInput) input: TagBulkInput, @Ctx() ctx: RequestContext): Promise<TagBulkJobView> {
    requireRole(ctx.viewer, "SECRETARIAT", "ADMIN");
    const raw = withoutNulls({
      action: input.action,
      tag: input.tag,
      caseIds: input.caseIds,
      search: input.search ? withoutNulls({ query: input.search.query, filter: input.search.filter ? withoutNulls({ ...input.search.filter }) : null }) : null,
    });
    const job = await ctx.services.tagBulk.start(ctx.viewer, raw, async (search) => {
      const filter = searchFilterSchema.optional().safeParse(search.filter);
      if (!filter.success) throw badInputFromZod(filter.error);
      const canonical = await canonicalTagFilter(ctx.em, filter.data);
      return ctx.services.search.matchingCaseIds({ query: search.query, filter: canonical.filter }, TAG_BULK_MAX);
    });
    return this.jobView(ctx, job);
  }

  @Mutation(() => TagBulkJobView, { description: "Continues a failed or stalled bulk job from where it stopped (secretariat)." })
  async resumeTagBulkJob(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TagBulkJobView> {
    return this.jobView(ctx, await ctx.services.tagBulk.resume(ctx.viewer, id));
  }

  @Query(() => TagBulkJobView, { nullable: true, description: "A bulk tagging job's progress (secretariat)." })
  async tagBulkJob(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TagBulkJobView | null> {
    const job = await ctx.services.tagBulk.get(ctx.viewer, id);
    return job ? this.jobView(ctx, job) : null;
  }

  private async jobView(ctx: RequestContext, job: TagBulkJob): Promise<TagBulkJobView> {
    return {
      id: job.id,
      action: job.action,
      tag: await tagView(ctx, job.tag.id),
      total: job.total,
      done: job.done,
      changed: job.changed,
      state: job.state,
      error: job.error ?? null,
      stalled: isStalled(job),
      createdAt: job.createdAt,
      finishedAt: job.finishedAt ?? null,
    };
  }
}

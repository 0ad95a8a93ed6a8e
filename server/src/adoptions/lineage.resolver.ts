import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { CaseView } from "../cases/index.js";
import { notFound, type RequestContext } from "../kernel/index.js";
import { OrganisationView } from "../organisations/index.js";
import { QuestionView } from "../questions/index.js";
import { AdoptionView } from "./adoption.types.js";
import { DerivedCaseListView, OrganisationFlowListView } from "./lineage.types.js";

/** Thin: lineage.service validates and authorises; reads go through the request's loaders. */
@Resolver(() => CaseView)
export class CaseLineageResolver {
  @Mutation(() => CaseView, {
    description: "Sets (or clears, with null) the case's 参考にした好事例: whoever may edit the case; the original must be readable by them, not the case itself, and close no cycle.",
  })
  async setCaseBasedOn(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("basedOnId", () => ID, { nullable: true }) basedOnId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseView> {
    const id = await ctx.services.lineage.setBasedOn(ctx.viewer, { caseId, basedOnId: basedOnId ?? null });
    const view = await ctx.services.cases.findVisible(ctx.viewer, id);
    if (!view) throw notFound("好事例");
    return view;
  }

  @Query(() => OrganisationFlowListView, {
    description: "横展開 between organisations: whose commons cases which organisations adopted, latest first. `involvingMine`: only flows from or to the viewer's organisation.",
  })
  async organisationFlows(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10 }) first = 10,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
    @Arg("involvingMine", () => Boolean, { defaultValue: false }) involvingMine = false,
  ): Promise<OrganisationFlowListView> {
    const involving = involvingMine ? ctx.viewer?.organisationId : undefined;
    if (involvingMine && !involving) return { total: 0, items: [] };
    const { total, items } = await ctx.services.lineage.flows(ctx.viewer, first, offset, involving);
    const organisations = ctx.loaders.adoptions.organisationsById;
    return {
      total,
      items: await Promise.all(
        items.map(async (f) => ({
          from: (await organisations.load(f.fromOrganisationId))!,
          to: (await organisations.load(f.toOrganisationId))!,
          considering: f.considering,
          trial: f.trial,
          adopted: f.adopted,
          declined: f.declined,
          latestAt: f.latestAt,
        })),
      ),
    };
  }

  @FieldResolver(() => OrganisationView, { description: "The case's organisation (自治体)." })
  async organisation(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<OrganisationView> {
    return (await ctx.loaders.adoptions.organisationsById.load(c.organisationId))!;
  }

  @FieldResolver(() => CaseView, { nullable: true, description: "参考にした好事例, when the viewer may read it (published)." })
  async basedOn(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<CaseView | null> {
    const id = await ctx.loaders.adoptions.basedOnOf.load(c.id);
    return id ? ctx.loaders.adoptions.publishedCase.load(id) : null;
  }

  @FieldResolver(() => DerivedCaseListView, {
    description: "この事例を参考にした事例: published cases naming this one (or named by an adoption of it) that the viewer may read; others are neither shown nor counted.",
  })
  async derivedCases(
    @Root() c: CaseView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
  ): Promise<DerivedCaseListView> {
    const ids = await ctx.loaders.adoptions.derivedCaseIds.load(c.id);
    const views = (await ctx.loaders.adoptions.publishedCase.loadMany(ids)).filter((v): v is CaseView => !!v && !(v instanceof Error));
    return { total: views.length, items: views.slice(0, Math.min(Math.max(first, 0), 100)) };
  }
}

@Resolver(() => QuestionView)
export class QuestionOrganisationResolver {
  @FieldResolver(() => OrganisationView, { nullable: true, description: "The asking department's organisation (自治体): another one on a commons case." })
  async organisation(@Root() q: QuestionView, @Ctx() ctx: RequestContext): Promise<OrganisationView | null> {
    const id = q.departmentId ? await ctx.loaders.adoptions.organisationOfDepartment.load(q.departmentId) : null;
    return id ? ctx.loaders.adoptions.organisationsById.load(id) : null;
  }
}

@Resolver(() => AdoptionView)
export class AdoptionOrganisationResolver {
  @FieldResolver(() => OrganisationView, { description: "The adopting organisation (自治体)." })
  async organisation(@Root() a: AdoptionView, @Ctx() ctx: RequestContext): Promise<OrganisationView> {
    return (await ctx.loaders.adoptions.organisationsById.load(a.organisationId))!;
  }
}

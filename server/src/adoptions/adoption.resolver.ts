import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";
import { withoutNulls, type RequestContext } from "../kernel/index.js";
import { CaseView, departmentView, factsOfView, userSummary } from "../cases/index.js";
import { DepartmentView } from "../departments/index.js";
import { UserSummaryView } from "../users/index.js";
import { indexedAdoptionCount } from "./adoption.presenter.js";
import { adoptionPolicy } from "./adoption.policy.js";
import type { AdoptionEventRecord, AdoptionRecord } from "./adoption.service.js";
import {
  AdoptionAccessView,
  AdoptionEventView,
  AdoptionInput,
  AdoptionSummaryView,
  AdoptionView,
} from "./adoption.types.js";

export function presentAdoption(a: AdoptionRecord): AdoptionView {
  return {
    id: a.id,
    status: a.status,
    note: a.note,
    changes: a.changes,
    effects: a.effects.map((e) => ({ label: e.label, before: e.before ?? null, after: e.after ?? null, unit: e.unit ?? null })),
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    organisationId: a.organisationId,
    caseId: a.caseId,
    departmentId: a.departmentId,
    derivedCaseId: a.derivedCaseId,
    recordedById: a.recordedById,
  };
}

const presentEvent = (e: AdoptionEventRecord): AdoptionEventView => ({
  id: e.id,
  fromStatus: e.fromStatus,
  status: e.status,
  note: e.note,
  createdAt: e.createdAt,
  actorId: e.actorId,
});


/** Thin: the service validates, authorises (adoption.policy), writes, audits, notifies and re-indexes. */
@Resolver(() => AdoptionView)
export class AdoptionResolver {
  @Mutation(() => AdoptionView, {
    description: "Records (or updates) the viewer's department's adoption of a published case of another department.",
  })
  async recordAdoption(@Arg("input", () => AdoptionInput) input: AdoptionInput, @Ctx() ctx: RequestContext): Promise<AdoptionView> {
    const raw = withoutNulls({ ...input }) as Record<string, unknown>;
    if (Array.isArray(input.effects)) raw.effects = input.effects.map((e) => withoutNulls({ ...e }));
    return presentAdoption(await ctx.services.adoptions.record(ctx.viewer, raw));
  }

  @FieldResolver(() => DepartmentView, { description: "The adopting department." })
  department(@Root() a: AdoptionView, @Ctx() ctx: RequestContext): Promise<DepartmentView> {
    return departmentView(ctx, a.departmentId);
  }

  @FieldResolver(() => CaseView, { nullable: true, description: "The case adopted (null once it is no longer published)." })
  case(@Root() a: AdoptionView, @Ctx() ctx: RequestContext): Promise<CaseView | null> {
    return ctx.loaders.adoptions.publishedCase.load(a.caseId);
  }

  @FieldResolver(() => CaseView, { nullable: true, description: "The adopting department's own case derived from this one, when published." })
  async derivedCase(@Root() a: AdoptionView, @Ctx() ctx: RequestContext): Promise<CaseView | null> {
    return a.derivedCaseId ? ctx.loaders.adoptions.publishedCase.load(a.derivedCaseId) : null;
  }

  @FieldResolver(() => UserSummaryView, { nullable: true, description: "Who last recorded it (logged-in viewers only)." })
  recordedBy(@Root() a: AdoptionView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return userSummary(ctx, a.recordedById);
  }

  @FieldResolver(() => [AdoptionEventView], { description: "The timeline of status changes, oldest first." })
  async events(@Root() a: AdoptionView, @Ctx() ctx: RequestContext): Promise<AdoptionEventView[]> {
    return (await ctx.loaders.adoptions.adoptionEvents.load(a.id)).map(presentEvent);
  }
}

@Resolver(() => AdoptionEventView)
export class AdoptionEventResolver {
  @FieldResolver(() => UserSummaryView, { nullable: true, description: "Logged-in viewers only." })
  actor(@Root() e: AdoptionEventView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return userSummary(ctx, e.actorId);
  }
}

/** The case page's part: the ledger, its counts and what the viewer may do. */
@Resolver(() => CaseView)
export class CaseAdoptionResolver {
  @FieldResolver(() => [AdoptionView], { description: "横展開: every department's adoption of this case, most recently changed first." })
  async adoptions(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<AdoptionView[]> {
    return (await ctx.loaders.adoptions.adoptionsByCase.load(c.id)).map(presentAdoption);
  }

  @FieldResolver(() => AdoptionView, { nullable: true, description: "The viewer's own department's adoption of this case, if recorded." })
  async viewerAdoption(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<AdoptionView | null> {
    if (!ctx.viewer) return null;
    const mine = (await ctx.loaders.adoptions.adoptionsByCase.load(c.id)).find((a) => a.departmentId === ctx.viewer!.departmentId);
    return mine ? presentAdoption(mine) : null;
  }

  @FieldResolver(() => Int, {
    description: "Departments trying or using the case (試行中 + 導入済). In search hits: the indexed value the page is sorted by.",
  })
  async adoptionCount(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<number> {
    return indexedAdoptionCount(c) ?? (await ctx.loaders.adoptions.adoptionCounts.load(c.id)).adoptionCount;
  }

  @FieldResolver(() => AdoptionSummaryView)
  async adoptionSummary(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<AdoptionSummaryView> {
    const { considering, trial, adopted, declined, adoptionCount } = await ctx.loaders.adoptions.adoptionCounts.load(c.id);
    return { considering, trial, adopted, declined, adoptionCount };
  }

  @FieldResolver(() => AdoptionAccessView)
  adoptionAccess(@Root() c: CaseView, @Ctx() ctx: RequestContext): AdoptionAccessView {
    return { record: adoptionPolicy.canRecord(ctx.viewer, factsOfView(c)) };
  }
}

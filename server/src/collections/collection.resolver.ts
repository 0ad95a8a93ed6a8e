import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CollectionScope, CollectionStatus } from "@kb/shared";
import { isCurator, type RequestContext } from "../kernel/index.js";
import { CaseView, factsOfView } from "../cases/index.js";
import { UserSummaryView } from "../users/index.js";
import type { Collection } from "./collection.entity.js";
import { collectionPolicy } from "./collection.policy.js";
import type { FeaturedMarkRecord } from "./featured-case.service.js";
import {
  CollectionEntriesInput,
  CollectionEntriesResultView,
  CollectionEntryInput,
  CollectionEntryView,
  CollectionInput,
  CollectionListView,
  CollectionOrderInput,
  CollectionPermissionsView,
  CollectionScopeEnum,
  CollectionStatusEnum,
  CollectionView,
  FeatureCaseInput,
  FeaturedCaseListView,
  FeaturedMarkView,
  HomeView,
} from "./collection.types.js";

export const presentCollection = (c: Collection): CollectionView => ({
  id: c.id,
  organisationId: c.organisation.id,
  title: c.title,
  description: c.description,
  fiscalYear: c.fiscalYear ?? null,
  status: c.status,
  scope: c.scope,
  version: c.version,
  publishedAt: c.publishedAt ?? null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const markView = (m: FeaturedMarkRecord): FeaturedMarkView => ({ reason: m.reason, featuredAt: m.featuredAt, featuredById: m.featuredById });
const collectionInput = (i: CollectionInput) => ({
  title: i.title,
  ...(i.description == null ? {} : { description: i.description }),
  ...(i.fiscalYear == null ? {} : { fiscalYear: i.fiscalYear }),
  ...(i.scope == null ? {} : { scope: i.scope }),
});

/** Thin: the service validates, authorises (collection.policy), writes in one transaction and audits. */
@Resolver(() => CollectionView)
export class CollectionResolver {
  @Query(() => CollectionListView, {
    description: "好事例集: published ones for everyone; drafts too for the secretariat and admins (COMMONS drafts for the 広域事務局).",
  })
  async collections(
    @Ctx() ctx: RequestContext,
    @Arg("status", () => CollectionStatusEnum, { nullable: true }) status?: CollectionStatus | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
    @Arg("scope", () => CollectionScopeEnum, { nullable: true, description: "Only this scope; both when omitted." }) scope?: CollectionScope | null,
  ): Promise<CollectionListView> {
    const { total, items } = await ctx.services.collections.list(ctx.viewer, status ?? undefined, { first, offset }, scope ?? undefined);
    return { total, items: items.map(presentCollection) };
  }

  @Query(() => CollectionView, { nullable: true, description: "A collection the viewer may read; null when there is none." })
  async collection(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CollectionView | null> {
    const c = await ctx.services.collections.findVisible(ctx.viewer, id);
    return c ? presentCollection(c) : null;
  }

  @Query(() => FeaturedCaseListView, { description: "注目の好事例 (published cases the secretariat featured), newest mark first." })
  async featuredCases(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<FeaturedCaseListView> {
    return ctx.services.featuredCases.featuredCases({ first, offset });
  }

  @Query(() => HomeView, { description: "The home page: featured collections, featured cases, new cases and the most adopted." })
  async home(@Ctx() ctx: RequestContext, @Arg("first", () => Int, { defaultValue: 6 }) first = 6): Promise<HomeView> {
    const feeds = ctx.services.homeFeed;
    const n = Math.min(Math.max(first, 1), 20);
    // One after another: the request's EntityManager is not shared between concurrent queries.
    const collections = await ctx.services.collections.list(null, "PUBLISHED", { first: 4, offset: 0 });
    const featured = await ctx.services.featuredCases.featuredCases({ first: n, offset: 0 });
    const newCases = await feeds.newCases(n);
    const mostAdopted = await feeds.mostAdopted(n);
    return {
      featuredCollections: collections.items.map(presentCollection),
      featuredCases: featured.items,
      newCases,
      mostAdopted,
    };
  }

  @Mutation(() => CollectionView, { description: "好事例集を作る (secretariat); it starts unpublished." })
  async createCollection(@Arg("input", () => CollectionInput) input: CollectionInput, @Ctx() ctx: RequestContext): Promise<CollectionView> {
    return presentCollection(await ctx.services.collections.create(ctx.viewer, collectionInput(input)));
  }

  @Mutation(() => CollectionView)
  async updateCollection(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => CollectionInput) input: CollectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CollectionView> {
    return presentCollection(await ctx.services.collections.update(ctx.viewer, id, version, collectionInput(input)));
  }

  @Mutation(() => Boolean)
  async deleteCollection(@Arg("id", () => ID) id: string, @Arg("version", () => Int) version: number, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.collections.remove(ctx.viewer, id, version);
  }

  @Mutation(() => CollectionView, { description: "Adds a published case at the end of a collection, with its 選定理由." })
  async addCollectionEntry(@Arg("input", () => CollectionEntryInput) input: CollectionEntryInput, @Ctx() ctx: RequestContext): Promise<CollectionView> {
    return presentCollection(await ctx.services.collectionEntries.addEntry(ctx.viewer, { ...input }));
  }

  @Mutation(() => CollectionEntriesResultView, {
    description: "Adds several published cases at the end of a collection in one go (same 選定理由); ones already in it are skipped and listed.",
  })
  async addCollectionEntries(@Arg("input", () => CollectionEntriesInput) input: CollectionEntriesInput, @Ctx() ctx: RequestContext): Promise<CollectionEntriesResultView> {
    const result = await ctx.services.collectionEntries.addEntries(ctx.viewer, { ...input, caseIds: [...input.caseIds] });
    return { collection: presentCollection(result.collection), addedCaseIds: result.addedCaseIds, alreadyInCaseIds: result.alreadyInCaseIds };
  }

  @Mutation(() => CollectionView, { description: "Changes the 選定理由 of a case in a collection." })
  async updateCollectionEntry(@Arg("input", () => CollectionEntryInput) input: CollectionEntryInput, @Ctx() ctx: RequestContext): Promise<CollectionView> {
    return presentCollection(await ctx.services.collectionEntries.updateEntry(ctx.viewer, { ...input }));
  }

  @Mutation(() => CollectionView)
  async removeCollectionEntry(
    @Arg("collectionId", () => ID) collectionId: string,
    @Arg("caseId", () => ID) caseId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CollectionView> {
    return presentCollection(await ctx.services.collectionEntries.removeEntry(ctx.viewer, collectionId, caseId));
  }

  @Mutation(() => CollectionView, { description: "Sets the order of every entry; refused (CONFLICT) when the collection changed since `version`." })
  async reorderCollection(@Arg("input", () => CollectionOrderInput) input: CollectionOrderInput, @Ctx() ctx: RequestContext): Promise<CollectionView> {
    return presentCollection(await ctx.services.collectionEntries.reorder(ctx.viewer, { ...input }));
  }

  @Mutation(() => CollectionView, { description: "公開する: everyone can read it and the home page lists it." })
  async publishCollection(@Arg("id", () => ID) id: string, @Arg("version", () => Int) version: number, @Ctx() ctx: RequestContext): Promise<CollectionView> {
    return presentCollection(await ctx.services.collections.setPublished(ctx.viewer, id, version, true));
  }

  @Mutation(() => CollectionView, { description: "公開をやめる: back to the secretariat only." })
  async unpublishCollection(@Arg("id", () => ID) id: string, @Arg("version", () => Int) version: number, @Ctx() ctx: RequestContext): Promise<CollectionView> {
    return presentCollection(await ctx.services.collections.setPublished(ctx.viewer, id, version, false));
  }

  @FieldResolver(() => [CollectionEntryView], { description: "The entries the viewer may see, in order." })
  async entries(
    @Root() c: CollectionView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
  ): Promise<CollectionEntryView[]> {
    const all = await ctx.loaders.curation.entries.load(c.id);
    return first == null ? all : all.slice(0, Math.max(first, 0));
  }

  @FieldResolver(() => Int, { description: "How many entries the viewer may see." })
  async entryCount(@Root() c: CollectionView, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.curation.entries.load(c.id)).length;
  }

  @FieldResolver(() => CollectionPermissionsView)
  viewerCan(@Root() c: CollectionView, @Ctx() ctx: RequestContext): CollectionPermissionsView {
    return { curate: collectionPolicy.canCurateCollection(ctx.viewer, c) };
  }
}

/** Curation on the case: its featured mark and the collections it is in (both batched). */
@Resolver(() => CaseView)
export class CaseCurationResolver {
  @FieldResolver(() => FeaturedMarkView, { nullable: true, description: "注目の好事例なら、その選定理由" })
  async featured(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<FeaturedMarkView | null> {
    const mark = await ctx.loaders.curation.featured.load(c.id);
    return mark ? markView(mark) : null;
  }

  @FieldResolver(() => [CollectionView], { description: "好事例集 containing this case that the viewer may read." })
  async collections(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<CollectionView[]> {
    return (await ctx.loaders.curation.collectionsOfCase.load(c.id)).map(presentCollection);
  }

  @FieldResolver(() => Boolean, { description: "Whether the viewer may feature this case or put it in a collection (secretariat, published cases)." })
  viewerCanCurate(@Root() c: CaseView, @Ctx() ctx: RequestContext): boolean {
    return collectionPolicy.canCurateIn(ctx.viewer, c.organisationId) && collectionPolicy.canCollectCase(factsOfView(c));
  }

  @Mutation(() => FeaturedMarkView, { description: "注目の好事例にする (or change its 選定理由); secretariat, published cases." })
  async featureCase(@Arg("input", () => FeatureCaseInput) input: FeatureCaseInput, @Ctx() ctx: RequestContext): Promise<FeaturedMarkView> {
    return markView(await ctx.services.featuredCases.feature(ctx.viewer, { ...input }));
  }

  @Mutation(() => Boolean, { description: "注目をやめる; false when the case was not featured." })
  async unfeatureCase(@Arg("caseId", () => ID) caseId: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.featuredCases.unfeature(ctx.viewer, caseId);
  }
}

@Resolver(() => FeaturedMarkView)
export class FeaturedMarkResolver {
  @FieldResolver(() => UserSummaryView, { nullable: true, description: "Who featured it: the secretariat and admins only." })
  async featuredBy(@Root() m: FeaturedMarkView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    if (!isCurator(ctx.viewer) || !m.featuredById) return null;
    const user = await ctx.loaders.cases.usersById.load(m.featuredById);
    return user ? { id: user.id, displayName: user.displayName, departmentId: user.department.id } : null;
  }
}

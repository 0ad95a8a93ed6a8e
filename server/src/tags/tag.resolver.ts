import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { normalizeText, type TagCategory } from "@kb/shared";
import { badInput, notFound, withoutNulls, isCurator, type RequestContext } from "../kernel/index.js";
import type { TagMerge } from "./tag-merge.entity.js";
import { findTagByName, listTags, readableTagIds, relatedTags, suggestTags, tagRecordsByIds, topDepartments, type TagRecord } from "./tag-queries.js";
import { loadTagTextMatcher } from "./tag-text.js";
import {
  TagCategoryEnum,
  TagChangeView,
  TagCreateInput,
  TagDepartmentUsageView,
  TagListView,
  TagMergePreviewView,
  TagMergeResultView,
  TagMergeView,
  TagTextMatchView,
  TagUpdateInput,
  ProposedTagListView,
  TagUsageView,
  TagView,
} from "./tag.types.js";

const TEXT_MAX = 20_000;

export function presentTag(t: TagRecord): TagView {
  return {
    id: t.id,
    name: t.name,
    category: t.category,
    description: t.description,
    retired: !!t.retiredAt,
    aliases: t.aliases,
    usage: t.usage,
    totalUsage: t.totalUsage,
    version: t.version,
    updatedAt: t.updatedAt,
  };
}

export async function tagView(ctx: RequestContext, id: string): Promise<TagView> {
  const record = (await tagRecordsByIds(ctx.em, await ctx.services.organisations.readership(), [id])).get(id);
  if (!record) throw notFound("タグ");
  return presentTag(record);
}

function mergeView(m: TagMerge, latestId: string | null): TagMergeView {
  return {
    id: m.id,
    sourceName: m.sourceName,
    targetName: m.targetName,
    movedCases: m.movedCaseIds.length,
    createdAt: m.createdAt,
    undoneAt: m.undoneAt ?? null,
    canUndo: !m.undoneAt && m.id === latestId,
  };
}

/** Autocomplete and suggestions from a case's own text: open to everyone who can search. */
@Resolver()
export class TagSuggestionResolver {
  @Query(() => [TagUsageView], {
    description: "Tag autocomplete: live tags whose name or alias contains the text (prefix first), most used first; optionally one category.",
  })
  async tagSuggestions(
    @Ctx() ctx: RequestContext,
    @Arg("text", () => String) text: string,
    @Arg("first", () => Int, { defaultValue: 10 }) first = 10,
    @Arg("category", () => TagCategoryEnum, { nullable: true }) category?: TagCategory | null,
  ): Promise<TagUsageView[]> {
    return suggestTags(ctx.em, ctx.viewer, await ctx.services.organisations.readership(), text, first, category);
  }

  @Query(() => [TagTextMatchView], {
    description: "Vocabulary tags the text mentions (by name, alias or search synonym), most mentioned first; `exclude` leaves out tags already chosen.",
  })
  async tagsInText(
    @Ctx() ctx: RequestContext,
    @Arg("text", () => String) text: string,
    @Arg("exclude", () => [String], { defaultValue: [] }) exclude: string[] = [],
    @Arg("first", () => Int, { defaultValue: 8 }) first = 8,
  ): Promise<TagTextMatchView[]> {
    if (text.length > TEXT_MAX) throw badInput([{ path: "text", message: `本文は${TEXT_MAX}文字までです` }]);
    const matcher = await loadTagTextMatcher(ctx.em);
    const taken = new Set(exclude.map((e) => normalizeText(e).toLowerCase()));
    const found = matcher.match(normalizeText(text)).filter((m) => !taken.has(m.tag.name.toLowerCase()));
    const scope = await ctx.services.organisations.readership();
    const [readable, usage] = await Promise.all([
      readableTagIds(
        ctx.em,
        ctx.viewer,
        scope,
        found.map((m) => m.tag.id),
      ),
      tagRecordsByIds(
        ctx.em,
        scope,
        found.map((m) => m.tag.id),
      ),
    ]);
    const matches = found.filter((m) => readable.has(m.tag.id));
    return matches
      .map((m) => ({
        name: m.tag.name,
        category: m.tag.category,
        description: m.tag.description,
        terms: m.terms,
        occurrences: m.occurrences,
        usage: usage.get(m.tag.id)?.usage ?? 0,
      }))
      .sort((a, b) => b.occurrences - a.occurrences || b.usage - a.usage || a.name.localeCompare(b.name, "ja"))
      .slice(0, Math.min(Math.max(first, 1), 30));
  }
}

/** Tag pages and the vocabulary list (published data only: open like search). */
@Resolver(() => TagView)
export class TagPageResolver {
  @Query(() => TagView, { nullable: true, description: "A tag by any of its names; an old name (merged, renamed) gives the tag it became." })
  async tag(@Ctx() ctx: RequestContext, @Arg("name", () => String) name: string): Promise<TagView | null> {
    const found = await findTagByName(ctx.em, name.slice(0, 100), ctx.viewer, await ctx.services.organisations.readership());
    return found ? presentTag(found) : null;
  }

  @Query(() => TagListView, { description: "The vocabulary: live tags whose name, alias or description contains `search`, most used first." })
  async tags(
    @Ctx() ctx: RequestContext,
    @Arg("search", () => String, { defaultValue: "" }) search: string,
    @Arg("category", () => TagCategoryEnum, { nullable: true }) category: TagCategory | null,
    @Arg("includeRetired", () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<TagListView> {
    // The vocabulary and tag pages' lists tolerate a little lag: ctx.reads (a read replica when allowed, db/replicas.ts).
    const result = await listTags(ctx.reads, { search, category, includeRetired, first, offset }, ctx.viewer, await ctx.services.organisations.readership());
    return { total: result.total, items: result.items.map(presentTag) };
  }

  @FieldResolver(() => Int, { nullable: true, description: "Every case carrying it, drafts included (secretariat and admins; null for others)." })
  totalUsage(@Root() tag: TagView, @Ctx() ctx: RequestContext): number | null {
    return isCurator(ctx.viewer) ? tag.totalUsage : null;
  }

  @FieldResolver(() => [TagUsageView], { description: "Tags that appear on the same published cases, most shared first (one tag at a time: tag pages)." })
  async relatedTags(@Root() tag: TagView, @Ctx() ctx: RequestContext, @Arg("first", () => Int, { defaultValue: 10 }) first: number): Promise<TagUsageView[]> {
    return (await relatedTags(ctx.reads, await ctx.services.organisations.readership(), tag.id, first)).map((r) => ({ ...r, matchedAlias: null }));
  }

  @FieldResolver(() => [TagDepartmentUsageView], { description: "The departments with the most published cases carrying it." })
  async topDepartments(
    @Root() tag: TagView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 5 }) first: number,
  ): Promise<TagDepartmentUsageView[]> {
    return topDepartments(ctx.reads, await ctx.services.organisations.readership(), tag.id, first);
  }
}

/** The secretariat's tools. Thin: the services validate, authorise (SECRETARIAT / ADMIN), write, audit and re-index. */
@Resolver()
export class TagVocabularyResolver {
  @Query(() => ProposedTagListView, {
    description: "団体の提案: 共有の好事例に付いた、まだ語彙に取り入れていないタグ（広域事務局、いなければ設置団体の事務局）。取り入れは updateTag、統合は mergeTags。",
  })
  async proposedTags(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 50 }) first = 50,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<ProposedTagListView> {
    return ctx.services.tagVocabulary.proposedByOrganisations(ctx.viewer, { first, offset });
  }

  @Mutation(() => TagChangeView, { description: "Adds a vocabulary term (secretariat)." })
  async createTag(@Arg("input", () => TagCreateInput) input: TagCreateInput, @Ctx() ctx: RequestContext): Promise<TagChangeView> {
    const change = await ctx.services.tagVocabulary.create(ctx.viewer, withoutNulls({ ...input }));
    return { tag: await tagView(ctx, change.tagId), affectedCases: change.affectedCases };
  }

  @Mutation(() => TagChangeView, { description: "Rename, recategorise, describe (secretariat). A renamed tag keeps its old name as an alias." })
  async updateTag(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => TagUpdateInput) input: TagUpdateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TagChangeView> {
    const { keepOldNameAsSynonym, ...fields } = input;
    const change = await ctx.services.tagVocabulary.update(ctx.viewer, id, version, withoutNulls({ ...fields }), keepOldNameAsSynonym);
    return { tag: await tagView(ctx, change.tagId), affectedCases: change.affectedCases };
  }

  @Mutation(() => TagChangeView, { description: "廃止 (secretariat): no longer offered for tagging; cases keep it." })
  async retireTag(@Arg("id", () => ID) id: string, @Arg("version", () => Int) version: number, @Ctx() ctx: RequestContext): Promise<TagChangeView> {
    const change = await ctx.services.tagVocabulary.retire(ctx.viewer, id, version);
    return { tag: await tagView(ctx, change.tagId), affectedCases: 0 };
  }

  @Mutation(() => TagChangeView, { description: "Undoes 廃止 (secretariat)." })
  async restoreTag(@Arg("id", () => ID) id: string, @Arg("version", () => Int) version: number, @Ctx() ctx: RequestContext): Promise<TagChangeView> {
    const change = await ctx.services.tagVocabulary.restore(ctx.viewer, id, version);
    return { tag: await tagView(ctx, change.tagId), affectedCases: 0 };
  }

  @Query(() => TagMergePreviewView, { description: "What a merge would do: how many cases move (secretariat)." })
  async tagMergePreview(@Arg("sourceId", () => ID) sourceId: string, @Arg("targetId", () => ID) targetId: string, @Ctx() ctx: RequestContext): Promise<TagMergePreviewView> {
    const preview = await ctx.services.tagVocabulary.mergePreview(ctx.viewer, { sourceId, targetId });
    return { ...preview, source: await tagView(ctx, sourceId), target: await tagView(ctx, targetId) };
  }

  @Mutation(() => TagMergeResultView, { description: "Merges source into target (secretariat): cases move, the old name stays as an alias and a synonym." })
  async mergeTags(@Arg("sourceId", () => ID) sourceId: string, @Arg("targetId", () => ID) targetId: string, @Ctx() ctx: RequestContext): Promise<TagMergeResultView> {
    const { merge, affectedCases } = await ctx.services.tagVocabulary.merge(ctx.viewer, { sourceId, targetId });
    return { merge: mergeView(merge, merge.id), tag: await tagView(ctx, merge.target.id), affectedCases, keptSynonym: false };
  }

  @Query(() => TagMergeView, { nullable: true, description: "The latest merge (secretariat); canUndo says whether it can still be undone." })
  async lastTagMerge(@Ctx() ctx: RequestContext): Promise<TagMergeView | null> {
    const merge = await ctx.services.tagVocabulary.lastMerge(ctx.viewer);
    return merge ? mergeView(merge, merge.id) : null;
  }

  @Mutation(() => TagMergeResultView, { description: "Undoes the latest merge, once (secretariat)." })
  async undoTagMerge(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TagMergeResultView> {
    const { merge, affectedCases, keptSynonym } = await ctx.services.tagVocabulary.undoMerge(ctx.viewer, id);
    return { merge: mergeView(merge, null), tag: await tagView(ctx, merge.source.id), affectedCases, keptSynonym };
  }
}

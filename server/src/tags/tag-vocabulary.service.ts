import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, tagCreateSchema, tagMergeSchema, tagUpdateSchema, isUuid, type TagCategory } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInput, badInputFromZod, notFound, type Viewer, recordEvent } from "../kernel/index.js";
import { tagErrors } from "./tag.errors.js";
import { SynonymGroup, casesMentioning, synonymsChanged } from "../synonyms/index.js";
import { addTagToCases, casesWithTag, recordCaseTagChanges, removeTagFromCases } from "./case-tagging.js";
import { TagMerge } from "./tag-merge.entity.js";
import { Tag } from "./tag.entity.js";
import { tagMergeUndone, tagRenamed, tagsMerged } from "./tag.events.js";
import { readershipOf, requireVocabularyCurator } from "../organisations/index.js";
import { readableTagIds } from "./tag-queries.js";

/**
 * The secretariat's vocabulary tools: create, rename, recategorise, describe, retire / restore,
 * merge (with a preview) and undo the last merge. Every change: shared zod validation,
 * SECRETARIAT / ADMIN only, one transaction holding the change, its audit row and its facts
 * (tag.events.ts, SynonymsChanged), which name every case whose search document changes (documents
 * carry tag names and the synonyms of what they contain).
 *
 * Merge semantics: the source's cases move to the target (a case that had both keeps one); the
 * source row stays as an alias of the target (its key stays taken, so typing, importing or linking
 * the old name lands on the target), aliases of the source are re-pointed at the target, and a
 * search synonym group "target ⇔ source" is added unless one already holds both names, so a search
 * for the old name still finds every case. Undo (only the latest merge, once) reverses exactly
 * that: the source comes back with its own category and description, the cases that carried it get
 * it back, the target leaves the cases that only had it from the merge, re-pointed aliases go back,
 * and the synonym group is removed if nobody changed it since.
 */
export interface TagChange {
  tagId: string;
  /** Cases whose search documents are being updated for the change. */
  affectedCases: number;
}

export interface TagMergePreview {
  sourceId: string;
  targetId: string;
  /** Cases that carry the source (they will carry the target). */
  casesToMove: number;
  /** Of those, published ones (visible in search). */
  publishedToMove: number;
  /** Of those, cases that already carry the target too. */
  alreadyTagged: number;
  /** Names that now mean the source and will mean the target. */
  aliasesMoving: string[];
  /** True when a synonym group target ⇔ source will be added. */
  addsSynonym: boolean;
}

/** A tag organisations started using on commons cases, waiting for the hub (proposedByOrganisations). */
export interface ProposedTagRecord {
  id: string;
  name: string;
  category: TagCategory;
  version: number;
  commonsCases: number;
  organisations: string[];
}

const snapshot = (t: Tag) => ({ name: t.name, category: t.category, description: t.description, retiredAt: t.retiredAt ?? null });

export class TagVocabularyService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Organisations propose, the hub decides (issue 16): a tag an organisation's secretariat accepted
   * from a proposal (tag-proposals/) or typed on a case, not yet taken into the installation's
   * vocabulary (never curated), as soon as a commons case carries it. Only commons cases are
   * counted or named: a name that exists only on 庁内限定 cases or drafts is not listed. Taking it in
   * is `updateTag` (it marks the tag curated); folding it into an existing one is `mergeTags`.
   */
  async proposedByOrganisations(viewer: Viewer | null, page: { first: number; offset: number }): Promise<{ total: number; items: ProposedTagRecord[] }> {
    await requireVocabularyCurator(this.em, viewer);
    const where = `t.curated_at is null and t.merged_into_id is null and t.retired_at is null
      and exists (select 1 from case_tags ct join cases c on c.id = ct.case_id where ct.tag_id = t.id and c.status = 'PUBLISHED' and c.sharing = 'COMMONS')`;
    const rows = await this.em.execute<{ id: string; name: string; category: TagCategory; version: number; cases: string | number; organisations: string[] }[]>(
      `select t.id, t.name, t.category, t.version,
              (select count(*) from case_tags ct join cases c on c.id = ct.case_id where ct.tag_id = t.id and c.status = 'PUBLISHED' and c.sharing = 'COMMONS') as cases,
              (select array_agg(distinct o.name order by o.name) from case_tags ct join cases c on c.id = ct.case_id join organisations o on o.id = c.organisation_id
                where ct.tag_id = t.id and c.status = 'PUBLISHED' and c.sharing = 'COMMONS') as organisations
         from tags t where ${where} order by t.created_at desc, t.id limit ? offset ?`,
      [Math.min(Math.max(page.first, 1), 100), Math.max(page.offset, 0)],
    );
    const [count] = await this.em.execute<{ n: string | number }[]>(`select count(*) as n from tags t where ${where}`);
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => ({ id: r.id, name: r.name, category: r.category, version: Number(r.version), commonsCases: Number(r.cases), organisations: r.organisations ?? [] })),
    };
  }

  async create(viewer: Viewer | null, raw: unknown): Promise<TagChange> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    const parsed = tagCreateSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    try {
      return await this.em.transactional(async (tx) => {
        await this.assertNameFree(tx, input.name, null);
        const tag = tx.create(Tag, {
          name: input.name,
          nameKey: nameKey(input.name),
          category: input.category,
          description: input.description,
          curatedAt: new Date(),
        });
        tx.persist(tag);
        await tx.flush();
        recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "tag.create", subjectType: "Tag", subjectId: tag.id, after: snapshot(tag) });
        return { tagId: tag.id, affectedCases: 0 };
      });
    } catch (error) {
      throw nameTakenByRace(error);
    }
  }

  /**
   * Rename, recategorise or describe. A rename to another key keeps the old name as an alias (and,
   * with `keepOldNameAsSynonym`, as a search synonym) and re-indexes every case carrying the tag.
   */
  async update(viewer: Viewer | null, id: string, version: number, raw: unknown, keepOldNameAsSynonym = true): Promise<TagChange> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    const parsed = tagUpdateSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    try {
      return await this.em.transactional(async (tx) => {
        const tag = await this.lockedLiveTag(tx, actor, id, version);
        const before = snapshot(tag);
        const oldName = tag.name;
        const oldKey = tag.nameKey;
        const renamed = input.name !== undefined && input.name !== tag.name;
        const newKey = input.name !== undefined ? nameKey(input.name) : oldKey;
        if (renamed && newKey !== oldKey) {
          await this.assertNameFree(tx, input.name!, tag.id);
          // The name is free, or it is one of this tag's own rename aliases: that alias goes.
          const ownAlias = await tx.findOne(Tag, { nameKey: newKey, mergedInto: tag.id });
          if (ownAlias) {
            tx.remove(ownAlias);
            await tx.flush();
          }
        }
        if (input.name !== undefined) {
          tag.name = input.name;
          tag.nameKey = newKey;
        }
        if (input.category !== undefined) tag.category = input.category;
        if (input.description !== undefined) tag.description = input.description;
        tag.curatedAt ??= new Date();
        await tx.flush();

        let affected: string[] = [];
        if (renamed) {
          if (newKey !== oldKey) {
            tx.persist(tx.create(Tag, { name: oldName, nameKey: oldKey, category: tag.category, mergedInto: tag }));
            await tx.flush();
          }
          affected = await casesWithTag(tx, tag.id);
          recordEvent(tx, tagRenamed({ tagId: tag.id, oldName, newName: tag.name, caseIds: affected }));
          if (newKey !== oldKey && keepOldNameAsSynonym) {
            const added = await this.addSynonym(tx, actor, tag.name, oldName, `タグ名の変更: ${oldName} → ${tag.name}`);
            if (added) {
              const terms = [tag.name, oldName];
              const mentioning = await casesMentioning(tx, terms);
              recordEvent(tx, synonymsChanged({ groupId: added, terms, caseIds: mentioning }));
              affected = [...affected, ...mentioning];
            }
          }
        }
        recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: renamed ? "tag.rename" : "tag.update", subjectType: "Tag", subjectId: tag.id, before, after: snapshot(tag) });
        await tx.flush();
        return { tagId: tag.id, affectedCases: new Set(affected).size };
      });
    } catch (error) {
      throw nameTakenByRace(error);
    }
  }

  /** 廃止: no longer offered for tagging (autocomplete, proposals, bulk). Cases keep it; search is unchanged. */
  async retire(viewer: Viewer | null, id: string, version: number): Promise<TagChange> {
    return this.setRetired(viewer, id, version, true);
  }

  async restore(viewer: Viewer | null, id: string, version: number): Promise<TagChange> {
    return this.setRetired(viewer, id, version, false);
  }

  private async setRetired(viewer: Viewer | null, id: string, version: number, retire: boolean): Promise<TagChange> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    return this.em.transactional(async (tx) => {
      const tag = await this.lockedLiveTag(tx, actor, id, version);
      const before = snapshot(tag);
      if (retire === !!tag.retiredAt) return { tagId: tag.id, affectedCases: 0 };
      tag.retiredAt = retire ? new Date() : null;
      tag.curatedAt ??= new Date();
      await tx.flush();
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: retire ? "tag.retire" : "tag.restore", subjectType: "Tag", subjectId: tag.id, before, after: snapshot(tag) });
      return { tagId: tag.id, affectedCases: 0 };
    });
  }

  async mergePreview(viewer: Viewer | null, raw: unknown): Promise<TagMergePreview> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    const { sourceId, targetId } = parseMerge(raw);
    const [source, target] = await Promise.all([this.liveTag(this.em, actor, sourceId, "統合するタグ"), this.liveTag(this.em, actor, targetId, "統合先のタグ")]);
    if (target.retiredAt) throw badInput([{ path: "targetId", message: `「${target.name}」は廃止されています。廃止されていないタグに統合してください` }]);
    const [counts] = await this.em.execute<{ moving: string; published: string; both: string }[]>(
      `select count(*) as moving,
              count(*) filter (where c.status = 'PUBLISHED') as published,
              count(*) filter (where exists (select 1 from case_tags b where b.case_id = a.case_id and b.tag_id = ?)) as both
         from case_tags a join cases c on c.id = a.case_id
        where a.tag_id = ?`,
      [targetId, sourceId],
    );
    const aliases = await this.em.find(Tag, { mergedInto: sourceId }, { orderBy: { name: "asc" } });
    return {
      sourceId,
      targetId,
      casesToMove: Number(counts?.moving ?? 0),
      publishedToMove: Number(counts?.published ?? 0),
      alreadyTagged: Number(counts?.both ?? 0),
      aliasesMoving: aliases.map((a) => a.name),
      addsSynonym: !(await this.synonymGroupHolding(this.em, source.name, target.name)),
    };
  }

  async merge(viewer: Viewer | null, raw: unknown): Promise<{ merge: TagMerge; affectedCases: number }> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    const { sourceId, targetId } = parseMerge(raw);
    return this.em.transactional(async (tx) => {
      await lockTags(tx, [sourceId, targetId]);
      const source = await this.liveTag(tx, actor, sourceId, "統合するタグ");
      const target = await this.liveTag(tx, actor, targetId, "統合先のタグ");
      if (target.retiredAt) throw badInput([{ path: "targetId", message: `「${target.name}」は廃止されています。廃止されていないタグに統合してください` }]);

      const moved = await casesWithTag(tx, source.id);
      const added = await addTagToCases(tx, target.id, moved);
      await removeTagFromCases(tx, source.id, moved);
      const repointed = await tx.execute<{ id: string }[]>("update tags set merged_into_id = ?, updated_at = now() where merged_into_id = ? returning id", [
        target.id,
        source.id,
      ]);
      source.mergedInto = tx.getReference(Tag, target.id, { wrapped: true });
      target.curatedAt ??= new Date();
      await tx.flush();

      const groupId = await this.addSynonym(tx, actor, target.name, source.name, `タグの統合: ${source.name} → ${target.name}`);
      await recordCaseTagChanges(tx, moved, actor.userId);
      const mentioning = groupId ? await casesMentioning(tx, [target.name, source.name]) : [];
      if (groupId) recordEvent(tx, synonymsChanged({ groupId, terms: [target.name, source.name], caseIds: mentioning }));

      const merge = tx.create(TagMerge, {
        source: source,
        target: target,
        sourceName: source.name,
        targetName: target.name,
        movedCaseIds: moved,
        addedTargetCaseIds: added,
        repointedAliasIds: repointed.map((r) => r.id),
        synonymGroupId: groupId,
        actorId: actor.userId,
      });
      tx.persist(merge);
      recordEvent(tx, tagsMerged({ mergeId: merge.id, sourceId: source.id, targetId: target.id }));
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: "tag.merge",
        subjectType: "Tag",
        subjectId: source.id,
        before: { source: snapshot(source), target: snapshot(target), cases: moved },
        after: { mergedInto: target.id, targetName: target.name, addedTargetTo: added, synonymGroupId: groupId, mergeId: merge.id },
      });
      await tx.flush();
      return { merge, affectedCases: new Set([...moved, ...mentioning]).size };
    });
  }

  /** The latest merge (undone or not), for the vocabulary screen's 元に戻す. */
  async lastMerge(viewer: Viewer | null): Promise<TagMerge | null> {
    await requireVocabularyCurator(this.em, viewer);
    const [latest] = await this.em.find(TagMerge, {}, { orderBy: { createdAt: "desc", id: "desc" }, limit: 1 });
    return latest ?? null;
  }

  /** Undoes the latest merge, once. A merge that is not the latest, or was undone, is a CONFLICT. */
  async undoMerge(viewer: Viewer | null, mergeId: string): Promise<{ merge: TagMerge; affectedCases: number; keptSynonym: boolean }> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    if (!isUuid(mergeId)) throw notFound("タグの統合");
    return this.em.transactional(async (tx) => {
      // Serialises undo against new merges: the latest merge is read under a lock.
      await tx.execute("lock table tag_merges in share row exclusive mode");
      const [latest] = await tx.find(TagMerge, {}, { orderBy: { createdAt: "desc", id: "desc" }, limit: 1, refresh: true });
      if (!latest || latest.id !== mergeId) {
        throw tagErrors.undoNotLatest();
      }
      if (latest.undoneAt) throw tagErrors.undoAlreadyDone();
      const sourceId = latest.source.id;
      const targetId = latest.target.id;
      await lockTags(tx, [sourceId, targetId]);
      const source = await tx.findOneOrFail(Tag, sourceId, { refresh: true });
      const target = await tx.findOneOrFail(Tag, targetId, { refresh: true });
      if (source.mergedInto?.id !== targetId || target.mergedInto) {
        throw tagErrors.undoAfterChange();
      }

      const stillThere = latest.movedCaseIds.length
        ? (await tx.execute<{ id: string }[]>("select id from cases where id in (?)", [latest.movedCaseIds])).map((r) => r.id)
        : [];
      const regained = await addTagToCases(tx, source.id, stillThere);
      const lost = await removeTagFromCases(
        tx,
        target.id,
        latest.addedTargetCaseIds.filter((id) => stillThere.includes(id)),
      );
      if (latest.repointedAliasIds.length) {
        await tx.execute("update tags set merged_into_id = ?, updated_at = now() where id in (?) and merged_into_id = ?", [
          source.id,
          latest.repointedAliasIds,
          target.id,
        ]);
      }
      source.mergedInto = null;
      await tx.flush();

      let keptSynonym = false;
      let mentioning: string[] = [];
      if (latest.synonymGroupId) {
        const group = await tx.findOne(SynonymGroup, latest.synonymGroupId);
        if (group && group.version === 1) {
          mentioning = await casesMentioning(tx, group.terms);
          recordEvent(tx, synonymsChanged({ groupId: group.id, terms: [...group.terms], caseIds: mentioning }));
          recordAudit(tx, {
            organisationId: actor.organisationId,
            actorId: actor.userId,
            action: "synonym.delete",
            subjectType: "SynonymGroup",
            subjectId: group.id,
            before: { mode: group.mode, terms: [...group.terms], note: group.note ?? null },
          });
          tx.remove(group);
        } else if (group) {
          keptSynonym = true;
        }
      }
      const changed = [...new Set([...regained, ...lost])];
      await recordCaseTagChanges(tx, changed, actor.userId);
      recordEvent(tx, tagMergeUndone({ mergeId: latest.id, sourceId: source.id, targetId: target.id }));
      latest.undoneAt = new Date();
      latest.undoneBy = actor.userId;
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: "tag.merge.undo",
        subjectType: "Tag",
        subjectId: source.id,
        before: { mergedInto: target.id, mergeId: latest.id },
        after: { restoredTo: regained, targetRemovedFrom: lost, keptSynonym },
      });
      await tx.flush();
      return { merge: latest, affectedCases: new Set([...changed, ...mentioning]).size, keptSynonym };
    });
  }

  /** Refuses a name whose key belongs to another tag or to another tag's alias. */
  private async assertNameFree(tx: EntityManager, name: string, selfId: string | null): Promise<void> {
    const other = await tx.findOne(Tag, { nameKey: nameKey(name) }, { populate: ["mergedInto"], refresh: true });
    if (!other || other.id === selfId) return;
    if (other.mergedInto) {
      if (other.mergedInto.id === selfId) {
        const merge = await tx.findOne(TagMerge, { source: other.id, undoneAt: null });
        if (!merge) return; // this tag's own old name (a rename alias): it may take it back
        throw badInput([{ path: "name", message: `「${other.name}」はこのタグに統合された元のタグの名前です。統合を元に戻すか、別の名前にしてください` }]);
      }
      throw badInput([{ path: "name", message: `「${other.name}」は「${other.mergedInto.getEntity().name}」の別名として登録されています` }]);
    }
    throw badInput([{ path: "name", message: `「${other.name}」はすでにあります。同じ意味のタグをまとめるときは「統合」を使ってください` }]);
  }

  /** Adds the search synonym group a ⇔ b unless a group already holds both names. Returns its id. */
  private async addSynonym(tx: EntityManager, actor: Viewer, a: string, b: string, note: string): Promise<string | null> {
    const actorId = actor.userId;
    if (await this.synonymGroupHolding(tx, a, b)) return null;
    const group = tx.create(SynonymGroup, { mode: "EQUIVALENT", terms: [a, b], note, updatedBy: actorId });
    tx.persist(group);
    await tx.flush();
    recordAudit(tx, { organisationId: actor.organisationId, actorId, action: "synonym.create", subjectType: "SynonymGroup", subjectId: group.id, after: { mode: group.mode, terms: group.terms, note } });
    return group.id;
  }

  private async synonymGroupHolding(em: EntityManager, a: string, b: string): Promise<boolean> {
    const keys = [nameKey(a), nameKey(b)];
    const groups = await em.execute<{ mode: string; terms: string[] }[]>("select mode, terms from synonym_groups");
    return groups.some((g) => {
      if (g.mode === "ONE_WAY") return false;
      const inGroup = new Set(g.terms.map(nameKey));
      return keys.every((k) => inGroup.has(k));
    });
  }

  /**
   * A live tag the curator can see (tag-queries readableBy, commons cases included): a name that
   * exists only on another organisation's drafts or 庁内限定 cases is not found, as a missing one,
   * for the 広域事務局 too.
   */
  private async liveTag(em: EntityManager, actor: Viewer, id: string, what: string): Promise<Tag> {
    if (!isUuid(id)) throw notFound(what);
    const tag = await em.findOne(Tag, id, { refresh: true });
    if (!tag) throw notFound(what);
    if (!(await readableTagIds(em, actor, await readershipOf(em, actor), [id])).has(id)) throw notFound(what);
    if (tag.mergedInto) throw tagErrors.alreadyMerged(tag.name);
    return tag;
  }

  /** A live tag locked for this transaction; CONFLICT when someone saved it since `version`. */
  private async lockedLiveTag(tx: EntityManager, actor: Viewer, id: string, version: number): Promise<Tag> {
    if (!isUuid(id)) throw notFound("タグ");
    await lockTags(tx, [id]);
    const tag = await this.liveTag(tx, actor, id, "タグ");
    if (tag.version !== version) {
      throw tagErrors.staleVersion();
    }
    return tag;
  }
}

/** Row locks in a fixed order (ids sorted), so two merges of the same pair cannot deadlock. */
async function lockTags(tx: EntityManager, ids: string[]): Promise<void> {
  if (ids.some((id) => !isUuid(id))) throw notFound("タグ");
  await tx.execute("select id from tags where id in (?) order by id for update", [[...new Set(ids)].sort()]);
}

function parseMerge(raw: unknown): { sourceId: string; targetId: string } {
  const parsed = tagMergeSchema.safeParse(raw);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  return parsed.data;
}

function nameTakenByRace(error: unknown): unknown {
  if (error instanceof UniqueConstraintViolationException) {
    return badInput([{ path: "name", message: "同じ名前のタグがちょうど登録されました。一覧を読み込み直してください" }]);
  }
  return error;
}

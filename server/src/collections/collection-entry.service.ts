import type { EntityManager } from "@mikro-orm/postgresql";
import { collectionEntriesInputSchema, collectionEntryInputSchema, collectionOrderInputSchema, COLLECTION_ENTRIES_MAX, type CaseSharing, type CaseStatus, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { Case } from "../cases/index.js";
import { AppError, badInput, notFound, type Viewer } from "../kernel/index.js";
import { User } from "../users/index.js";
import { type Collection, CollectionEntry } from "./collection.entity.js";
import { collectionPolicy } from "./collection.policy.js";
import { collectableCase, factsOfRow, lockCollection, parseWith, requireCollectionWriter, touch } from "./curation.js";

/** What adding many cases at once did: which were added (in the order given) and which were there already. */
export interface BulkAddRecord {
  collection: Collection;
  addedCaseIds: string[];
  alreadyInCaseIds: string[];
}

/**
 * The entries of a 好事例集 (issue 5): adding cases (one or many), changing a 選定理由, removing and
 * reordering. Each write locks the collection, moves its version on (`touch`) and is audited in the
 * same transaction.
 */
export class CollectionEntryService {
  constructor(private readonly em: EntityManager) {}

  async addEntry(viewer: Viewer | null, raw: unknown): Promise<Collection> {
    const actor = requireCollectionWriter(viewer);
    const input = parseWith(collectionEntryInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, input.collectionId, null);
      await collectableCase(tx, actor, input.caseId, c);
      const entries = await tx.find(CollectionEntry, { collection: c.id }, { orderBy: { position: "asc" } });
      if (entries.some((e) => e.case.id === input.caseId)) {
        throw badInput([{ path: "caseId", message: "この好事例はすでにこの好事例集に入っています。" }], "すでに追加されています");
      }
      if (entries.length >= COLLECTION_ENTRIES_MAX) {
        throw badInput([{ path: "caseId", message: `1つの好事例集に入れられるのは${COLLECTION_ENTRIES_MAX}件までです。` }]);
      }
      tx.persist(
        tx.create(CollectionEntry, {
          collection: c,
          case: tx.getReference(Case, input.caseId),
          position: entries.length,
          reason: input.reason,
          addedBy: tx.getReference(User, actor.userId),
        }),
      );
      touch(c);
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: "collection.entry.add",
        subjectType: "Collection",
        subjectId: c.id,
        after: { caseId: input.caseId, position: entries.length + 1, reason: input.reason },
      });
      await tx.flush();
      return c;
    });
  }

  /**
   * Adds many cases at the end of a collection in one transaction, in the order given, all with the
   * same 選定理由. Cases already in it are left as they are and reported; a case that is missing or
   * not published refuses the whole request (nothing is added), as does going over the size limit.
   */
  async addEntries(viewer: Viewer | null, raw: unknown): Promise<BulkAddRecord> {
    const actor = requireCollectionWriter(viewer);
    const input = parseWith(collectionEntriesInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, input.collectionId, null);
      const commons = c.scope === "COMMONS";
      // Into a COMMONS collection: commons cases of any organisation (and the actor's own, to say why one is refused).
      const rows = await tx.execute<{ id: string; organisation_id: string; status: CaseStatus; sharing: CaseSharing; department_id: string; author_id: string | null }[]>(
        `select id, organisation_id, status, sharing, department_id, author_id from cases
          where id in (?) and (organisation_id = ?${commons ? " or (status = 'PUBLISHED' and sharing = 'COMMONS')" : ""}) for share`,
        [input.caseIds, actor.organisationId],
      );
      const found = new Map(rows.map((r) => [r.id, r]));
      const problems = input.caseIds.flatMap((id, i) => {
        const row = found.get(id);
        if (!row) return [{ path: `caseIds.${i}`, message: "この好事例は見つかりません。" }];
        if (commons) return collectionPolicy.canCollectIntoCommons(row) ? [] : [{ path: `caseIds.${i}`, message: "公開中で自治体間で共有している好事例だけを選べます。" }];
        return collectionPolicy.canCollectCase(factsOfRow(row)) ? [] : [{ path: `caseIds.${i}`, message: "公開中の好事例だけを選べます。" }];
      });
      if (problems.length) throw badInput(problems, "追加できない好事例が含まれています");
      const entries = await tx.find(CollectionEntry, { collection: c.id }, { orderBy: { position: "asc" } });
      const present = new Set(entries.map((e) => e.case.id));
      const addedCaseIds = input.caseIds.filter((id) => !present.has(id));
      const alreadyInCaseIds = input.caseIds.filter((id) => present.has(id));
      if (entries.length + addedCaseIds.length > COLLECTION_ENTRIES_MAX) {
        throw badInput([{ path: "caseIds", message: `1つの好事例集に入れられるのは${COLLECTION_ENTRIES_MAX}件までです（あと${Math.max(COLLECTION_ENTRIES_MAX - entries.length, 0)}件）。` }]);
      }
      addedCaseIds.forEach((caseId, i) => {
        tx.persist(
          tx.create(CollectionEntry, {
            collection: c,
            case: tx.getReference(Case, caseId),
            position: entries.length + i,
            reason: input.reason,
            addedBy: tx.getReference(User, actor.userId),
          }),
        );
      });
      if (addedCaseIds.length) {
        touch(c);
        recordAudit(tx, {
          organisationId: actor.organisationId,
          actorId: actor.userId,
          action: "collection.entry.add",
          subjectType: "Collection",
          subjectId: c.id,
          after: { caseIds: addedCaseIds, fromPosition: entries.length + 1, reason: input.reason },
        });
      }
      await tx.flush();
      return { collection: c, addedCaseIds, alreadyInCaseIds };
    });
  }

  async updateEntry(viewer: Viewer | null, raw: unknown): Promise<Collection> {
    const actor = requireCollectionWriter(viewer);
    const input = parseWith(collectionEntryInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, input.collectionId, null);
      const entry = await tx.findOne(CollectionEntry, { collection: c.id, case: input.caseId });
      if (!entry) throw notFound("好事例集の項目");
      const before = { caseId: input.caseId, reason: entry.reason };
      entry.reason = input.reason;
      touch(c);
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: "collection.entry.update",
        subjectType: "Collection",
        subjectId: c.id,
        before,
        after: { caseId: input.caseId, reason: input.reason },
      });
      await tx.flush();
      return c;
    });
  }

  async removeEntry(viewer: Viewer | null, collectionId: string, caseId: string): Promise<Collection> {
    const actor = requireCollectionWriter(viewer);
    if (!isUuid(caseId)) throw notFound("好事例集の項目");
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, collectionId, null);
      const entries = await tx.find(CollectionEntry, { collection: c.id }, { orderBy: { position: "asc" } });
      const gone = entries.find((e) => e.case.id === caseId);
      if (!gone) throw notFound("好事例集の項目");
      tx.remove(gone);
      entries.filter((e) => e !== gone).forEach((e, i) => (e.position = i));
      touch(c);
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: "collection.entry.remove",
        subjectType: "Collection",
        subjectId: c.id,
        before: { caseId, position: gone.position + 1, reason: gone.reason },
      });
      await tx.flush();
      return c;
    });
  }

  /** Sets the whole order at once; the list must be exactly the collection's entries as of `version`. */
  async reorder(viewer: Viewer | null, raw: unknown): Promise<Collection> {
    const actor = requireCollectionWriter(viewer);
    const input = parseWith(collectionOrderInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, input.collectionId, input.version);
      const entries = await tx.find(CollectionEntry, { collection: c.id }, { orderBy: { position: "asc" } });
      const byCase = new Map(entries.map((e) => [e.case.id.toLowerCase(), e]));
      const wanted = input.caseIds.map((id) => id.toLowerCase());
      if (wanted.length !== entries.length || wanted.some((id) => !byCase.has(id))) {
        throw new AppError("CONFLICT", "好事例集の中身が変わっています。画面を読み込み直してから、もう一度並べ替えてください。");
      }
      const before = entries.map((e) => e.case.id);
      wanted.forEach((id, i) => (byCase.get(id)!.position = i));
      touch(c);
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: "collection.reorder",
        subjectType: "Collection",
        subjectId: c.id,
        before: { caseIds: before },
        after: { caseIds: wanted.map((id) => byCase.get(id)!.case.id) },
      });
      await tx.flush();
      return c;
    });
  }
}

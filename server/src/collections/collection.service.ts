import type { EntityManager } from "@mikro-orm/postgresql";
import { collectionEntriesInputSchema, collectionEntryInputSchema, collectionInputSchema, collectionOrderInputSchema, COLLECTION_ENTRIES_MAX, COUNTED_ADOPTION_STATUSES, featureCaseInputSchema, type CaseStatus, type CollectionStatus, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/audit.entity.js";
import { Case } from "../cases/case.entity.js";
import { isCurator, type CaseFacts } from "../cases/case.policy.js";
import type { CaseView } from "../cases/case.types.js";
import { AppError, badInput, badInputFromZod, forbidden, notFound } from "../kernel/app-error.js";
import { loadPublishedCaseViews } from "../search/search-hydration.js";
import { User } from "../users/user.entity.js";
import { requireViewer, type Viewer } from "../users/viewer.js";
import { Collection, CollectionEntry, FeaturedCase } from "./collection.entity.js";
import { collectionPolicy } from "./collection.policy.js";

const MAX_PAGE = 100;

/** What adding many cases at once did: which were added (in the order given) and which were there already. */
export interface BulkAddRecord {
  collection: Collection;
  addedCaseIds: string[];
  alreadyInCaseIds: string[];
}

/** A featured mark as readers see it. */
export interface FeaturedMarkRecord {
  caseId: string;
  reason: string;
  featuredAt: Date;
  featuredById: string | null;
}

/** One entry of a collection as this viewer may see it. `case` is null when the case is no longer published. */
export interface EntryRecord {
  collectionId: string;
  caseId: string;
  /** 1 = first. */
  position: number;
  reason: string;
  addedAt: Date;
  caseTitle: string;
  caseStatus: CaseStatus;
  case: CaseView | null;
}

interface EntryRow {
  collection_id: string;
  case_id: string;
  position: number;
  reason: string;
  added_at: Date | string;
  title: string;
  status: CaseStatus;
  department_id: string;
  author_id: string | null;
}

const factsOfRow = (r: Pick<EntryRow, "status" | "department_id" | "author_id">): CaseFacts => ({
  status: r.status,
  departmentId: r.department_id,
  authorId: r.author_id,
});

const snapshot = (c: Collection) => ({ title: c.title, description: c.description, fiscalYear: c.fiscalYear ?? null, status: c.status });

/**
 * Curation (issue 5): featured marks and 好事例集. Every write: shared zod validation, authorisation
 * (collection.policy), one transaction with its audit row. A collection's entries are read in one
 * query for any number of collections and their cases hydrated in one batch (three statements), so
 * a list of collections costs the same whatever its length.
 */
export class CollectionService {
  constructor(private readonly em: EntityManager) {}

  // ── Featured marks ──────────────────────────────────────────────────────────────────────────

  async feature(viewer: Viewer | null, raw: unknown): Promise<FeaturedMarkRecord> {
    const actor = this.requireCurator(viewer);
    const parsed = featureCaseInputSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { caseId, reason } = parsed.data;
    return this.em.transactional(async (tx) => {
      await this.collectableCase(tx, caseId);
      const existing = await tx.findOne(FeaturedCase, { case: caseId });
      const before = existing ? { reason: existing.reason } : null;
      const mark =
        existing ??
        tx.create(FeaturedCase, { case: tx.getReference(Case, caseId), reason, featuredBy: tx.getReference(User, actor.userId) });
      mark.reason = reason;
      if (existing) mark.featuredBy = tx.getReference(User, actor.userId, { wrapped: true });
      tx.persist(mark);
      recordAudit(tx, {
        actorId: actor.userId,
        action: existing ? "case.feature.update" : "case.feature",
        subjectType: "Case",
        subjectId: caseId,
        before,
        after: { reason },
      });
      await tx.flush();
      return { caseId, reason: mark.reason, featuredAt: mark.featuredAt, featuredById: actor.userId };
    });
  }

  async unfeature(viewer: Viewer | null, caseId: string): Promise<boolean> {
    const actor = this.requireCurator(viewer);
    if (!isUuid(caseId)) throw notFound("好事例");
    return this.em.transactional(async (tx) => {
      const mark = await tx.findOne(FeaturedCase, { case: caseId });
      if (!mark) return false;
      recordAudit(tx, { actorId: actor.userId, action: "case.unfeature", subjectType: "Case", subjectId: caseId, before: { reason: mark.reason } });
      tx.remove(mark);
      await tx.flush();
      return true;
    });
  }

  /** Featured marks of the given cases (one query); callers only pass cases the viewer may read. */
  async featuredMarks(caseIds: readonly string[]): Promise<Map<string, FeaturedMarkRecord>> {
    const ids = [...new Set(caseIds)].filter((id) => isUuid(id));
    if (!ids.length) return new Map();
    const rows = await this.em.execute<{ case_id: string; reason: string; featured_at: Date | string; featured_by_id: string | null }[]>(
      "select case_id, reason, featured_at, featured_by_id from featured_cases where case_id in (?)",
      [ids],
    );
    return new Map(
      rows.map((r) => [r.case_id, { caseId: r.case_id, reason: r.reason, featuredAt: new Date(r.featured_at), featuredById: r.featured_by_id }]),
    );
  }

  /** 注目の好事例: featured cases that are published, most recently featured first. */
  async featuredCases(page: { first: number; offset: number }): Promise<{ total: number; items: (FeaturedMarkRecord & { case: CaseView })[] }> {
    const limit = clampPage(page.first);
    const [rows, [count]] = await Promise.all([
      this.em.execute<{ case_id: string; reason: string; featured_at: Date | string; featured_by_id: string | null }[]>(
        `select f.case_id, f.reason, f.featured_at, f.featured_by_id from featured_cases f join cases c on c.id = f.case_id
          where c.status = 'PUBLISHED' order by f.featured_at desc, f.case_id limit ? offset ?`,
        [limit, Math.max(page.offset, 0)],
      ),
      this.em.execute<{ n: string | number }[]>(
        "select count(*) as n from featured_cases f join cases c on c.id = f.case_id where c.status = 'PUBLISHED'",
      ),
    ]);
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.case_id));
    return {
      total: Number(count?.n ?? 0),
      items: rows.flatMap((r) => {
        const view = views.get(r.case_id);
        return view
          ? [{ caseId: r.case_id, reason: r.reason, featuredAt: new Date(r.featured_at), featuredById: r.featured_by_id, case: view }]
          : [];
      }),
    };
  }

  // ── Collections: reads ─────────────────────────────────────────────────────────────────────

  async list(viewer: Viewer | null, status: CollectionStatus | undefined, page: { first: number; offset: number }): Promise<{ total: number; items: Collection[] }> {
    // Drafts are the curators'; everyone else sees published collections whatever they ask for.
    const where = isCurator(viewer) ? (status ? { status } : {}) : { status: "PUBLISHED" as const };
    const [items, total] = await this.em.findAndCount(Collection, where, {
      orderBy: isCurator(viewer) && !status ? { updatedAt: "desc", id: "asc" } : { publishedAt: "desc", updatedAt: "desc", id: "asc" },
      limit: clampPage(page.first),
      offset: Math.max(page.offset, 0),
    });
    return { total, items };
  }

  /** A collection the viewer may read, or null (not found and not allowed look the same). */
  async findVisible(viewer: Viewer | null, id: string): Promise<Collection | null> {
    if (!isUuid(id)) return null;
    const c = await this.em.findOne(Collection, id);
    return c && collectionPolicy.canRead(viewer, c) ? c : null;
  }

  /**
   * The entries of many collections as `viewer` may see them, in order: one query for the entries
   * (with their cases' status and owner), one batch of three for the published cases.
   */
  async entriesFor(viewer: Viewer | null, collectionIds: readonly string[]): Promise<Map<string, EntryRecord[]>> {
    const ids = [...new Set(collectionIds)];
    const out = new Map<string, EntryRecord[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await this.em.execute<EntryRow[]>(
      `select e.collection_id, e.case_id, e.position, e.reason, e.added_at, c.title, c.status, c.department_id, c.author_id
         from collection_entries e join cases c on c.id = e.case_id
        where e.collection_id in (?) order by e.collection_id, e.position, e.added_at`,
      [ids],
    );
    const visible = rows.filter((r) => collectionPolicy.canSeeEntry(viewer, factsOfRow(r)));
    const views = await loadPublishedCaseViews(
      this.em,
      visible.filter((r) => r.status === "PUBLISHED").map((r) => r.case_id),
    );
    for (const r of visible) {
      const list = out.get(r.collection_id)!;
      list.push({
        collectionId: r.collection_id,
        caseId: r.case_id,
        position: list.length + 1,
        reason: r.reason,
        addedAt: new Date(r.added_at),
        caseTitle: r.title,
        caseStatus: r.status,
        case: views.get(r.case_id) ?? null,
      });
    }
    return out;
  }

  /** For each case, the collections containing it that the viewer may read (one query). */
  async collectionsContaining(viewer: Viewer | null, caseIds: readonly string[]): Promise<Map<string, Collection[]>> {
    const ids = [...new Set(caseIds)].filter((id) => isUuid(id));
    const out = new Map<string, Collection[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const entries = await this.em.find(
      CollectionEntry,
      { case: { $in: ids }, ...(isCurator(viewer) ? {} : { collection: { status: "PUBLISHED" } }) },
      { populate: ["collection"], orderBy: { collection: { title: "asc" } } },
    );
    for (const e of entries) out.get(e.case.id)?.push(e.collection.getEntity());
    return out;
  }

  // ── Collections: writes ────────────────────────────────────────────────────────────────────

  async create(viewer: Viewer | null, raw: unknown): Promise<Collection> {
    const actor = this.requireCurator(viewer);
    const input = parseWith(collectionInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = tx.create(Collection, {
        title: input.title,
        description: input.description,
        fiscalYear: input.fiscalYear ?? null,
        createdBy: tx.getReference(User, actor.userId),
      });
      tx.persist(c);
      await tx.flush();
      recordAudit(tx, { actorId: actor.userId, action: "collection.create", subjectType: "Collection", subjectId: c.id, after: snapshot(c) });
      await tx.flush();
      return c;
    });
  }

  async update(viewer: Viewer | null, id: string, version: number, raw: unknown): Promise<Collection> {
    const actor = this.requireCurator(viewer);
    const input = parseWith(collectionInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, id, version);
      const before = snapshot(c);
      c.title = input.title;
      c.description = input.description;
      c.fiscalYear = input.fiscalYear ?? null;
      await tx.flush();
      recordAudit(tx, { actorId: actor.userId, action: "collection.update", subjectType: "Collection", subjectId: c.id, before, after: snapshot(c) });
      await tx.flush();
      return c;
    });
  }

  async remove(viewer: Viewer | null, id: string, version: number): Promise<boolean> {
    const actor = this.requireCurator(viewer);
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, id, version);
      const caseIds = (await tx.find(CollectionEntry, { collection: c.id }, { orderBy: { position: "asc" } })).map((e) => e.case.id);
      recordAudit(tx, { actorId: actor.userId, action: "collection.delete", subjectType: "Collection", subjectId: c.id, before: { ...snapshot(c), caseIds } });
      await tx.nativeDelete(CollectionEntry, { collection: c.id });
      tx.remove(c);
      await tx.flush();
      return true;
    });
  }

  async addEntry(viewer: Viewer | null, raw: unknown): Promise<Collection> {
    const actor = this.requireCurator(viewer);
    const input = parseWith(collectionEntryInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, input.collectionId, null);
      await this.collectableCase(tx, input.caseId);
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
    const actor = this.requireCurator(viewer);
    const input = parseWith(collectionEntriesInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, input.collectionId, null);
      const rows = await tx.execute<{ id: string; status: CaseStatus; department_id: string; author_id: string | null }[]>(
        "select id, status, department_id, author_id from cases where id in (?) for share",
        [input.caseIds],
      );
      const found = new Map(rows.map((r) => [r.id, r]));
      const problems = input.caseIds.flatMap((id, i) => {
        const row = found.get(id);
        if (!row) return [{ path: `caseIds.${i}`, message: "この好事例は見つかりません。" }];
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
    const actor = this.requireCurator(viewer);
    const input = parseWith(collectionEntryInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, input.collectionId, null);
      const entry = await tx.findOne(CollectionEntry, { collection: c.id, case: input.caseId });
      if (!entry) throw notFound("好事例集の項目");
      const before = { caseId: input.caseId, reason: entry.reason };
      entry.reason = input.reason;
      touch(c);
      recordAudit(tx, {
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
    const actor = this.requireCurator(viewer);
    if (!isUuid(caseId)) throw notFound("好事例集の項目");
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, collectionId, null);
      const entries = await tx.find(CollectionEntry, { collection: c.id }, { orderBy: { position: "asc" } });
      const gone = entries.find((e) => e.case.id === caseId);
      if (!gone) throw notFound("好事例集の項目");
      tx.remove(gone);
      entries.filter((e) => e !== gone).forEach((e, i) => (e.position = i));
      touch(c);
      recordAudit(tx, {
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
    const actor = this.requireCurator(viewer);
    const input = parseWith(collectionOrderInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, input.collectionId, input.version);
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

  async setPublished(viewer: Viewer | null, id: string, version: number, published: boolean): Promise<Collection> {
    const actor = this.requireCurator(viewer);
    return this.em.transactional(async (tx) => {
      const c = await this.locked(tx, id, version);
      const from = c.status;
      if (published) {
        const [row] = await tx.execute<{ n: string | number }[]>(
          "select count(*) as n from collection_entries e join cases k on k.id = e.case_id where e.collection_id = ? and k.status = 'PUBLISHED'",
          [c.id],
        );
        if (Number(row?.n ?? 0) === 0) {
          throw badInput([{ path: "entries", message: "公開中の好事例を1件以上入れてから公開してください。" }], "好事例集が空です");
        }
        c.status = "PUBLISHED";
        c.publishedAt ??= new Date();
      } else {
        c.status = "DRAFT";
      }
      if (from === c.status) return c;
      recordAudit(tx, {
        actorId: actor.userId,
        action: published ? "collection.publish" : "collection.unpublish",
        subjectType: "Collection",
        subjectId: c.id,
        before: { status: from },
        after: { status: c.status },
      });
      await tx.flush();
      return c;
    });
  }

  // ── Home page ─────────────────────────────────────────────────────────────────────────────

  /** 新着: the most recently published cases. */
  async newCases(first: number): Promise<CaseView[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      "select id from cases where status = 'PUBLISHED' order by published_at desc nulls last, created_at desc, id limit ?",
      [clampPage(first)],
    );
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.id));
    return rows.flatMap((r) => views.get(r.id) ?? []);
  }

  /**
   * よく取り入れられている好事例: published cases ranked by the number of 課 trying or having adopted
   * them (the adoption ledger's COUNTED_ADOPTION_STATUSES), then by the latest such change.
   */
  async mostAdopted(first: number): Promise<{ case: CaseView; adoptionCount: number }[]> {
    const rows = await this.em.execute<{ case_id: string; n: string | number }[]>(
      `select a.case_id, count(*) as n from adoptions a join cases c on c.id = a.case_id
        where c.status = 'PUBLISHED' and a.status in (?)
        group by a.case_id order by count(*) desc, max(a.updated_at) desc, a.case_id limit ?`,
      [[...COUNTED_ADOPTION_STATUSES], clampPage(first)],
    );
    const views = await loadPublishedCaseViews(this.em, rows.map((r) => r.case_id));
    return rows.flatMap((r) => {
      const view = views.get(r.case_id);
      return view ? [{ case: view, adoptionCount: Number(r.n) }] : [];
    });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  private requireCurator(viewer: Viewer | null): Viewer {
    const v = requireViewer(viewer);
    if (!collectionPolicy.canCurate(v)) throw forbidden("好事例の選定と好事例集の編集は事務局が行います。");
    return v;
  }

  /** The case, locked against a concurrent archive, and published (only published cases are curated). */
  private async collectableCase(tx: EntityManager, caseId: string): Promise<void> {
    const [row] = await tx.execute<{ status: CaseStatus; department_id: string; author_id: string | null }[]>(
      "select status, department_id, author_id from cases where id = ? for share",
      [caseId],
    );
    if (!row) throw notFound("好事例");
    if (!collectionPolicy.canCollectCase(factsOfRow(row))) {
      throw new AppError("CONFLICT", "公開中の好事例だけを選べます。");
    }
  }

  /** The collection, locked for this transaction; CONFLICT when `version` is given and stale. */
  private async locked(tx: EntityManager, id: string, version: number | null): Promise<Collection> {
    if (!isUuid(id)) throw notFound("好事例集");
    const rows = await tx.execute<{ id: string }[]>("select id from collections where id = ? for update", [id]);
    if (!rows.length) throw notFound("好事例集");
    const c = await tx.findOneOrFail(Collection, id, { refresh: true });
    if (version !== null && c.version !== version) {
      throw new AppError("CONFLICT", "ほかの人がこの好事例集を更新しました。画面を読み込み直してから、もう一度操作してください。");
    }
    return c;
  }
}

/** Any change to a collection's entries is a change of the collection: its version moves on. */
function touch(c: Collection): void {
  c.updatedAt = new Date();
}

function clampPage(first: number): number {
  return Math.min(Math.max(Math.trunc(first), 0), MAX_PAGE);
}

function parseWith<T>(schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  return parsed.data;
}

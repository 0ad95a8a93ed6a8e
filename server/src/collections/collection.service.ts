import type { EntityManager } from "@mikro-orm/postgresql";
import type { FilterQuery } from "@mikro-orm/core";
import { collectionInputSchema, type CaseSharing, type CaseStatus, type CollectionScope, type CollectionStatus, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { isCurator, isHubSecretariat, badInput, forbidden, requireViewer, type Viewer } from "../kernel/index.js";
import { type CaseView, loadPublishedCaseViews } from "../cases/index.js";
import { openOrganisationIds, readershipOf } from "../organisations/index.js";
import { User } from "../users/index.js";
import { Collection, CollectionEntry } from "./collection.entity.js";
import { collectionPolicy } from "./collection.policy.js";
import { clampPage, factsOfRow, lockCollection, parseWith, requireCollectionWriter, snapshot } from "./curation.js";

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
  organisation_id: string;
  collection_id: string;
  case_id: string;
  position: number;
  reason: string;
  added_at: Date | string;
  title: string;
  status: CaseStatus;
  sharing: CaseSharing;
  department_id: string;
  author_id: string | null;
}

/**
 * 好事例集 (issue 5): reading them, and creating, editing, publishing and deleting one as a whole (its
 * entries: collection-entry.service.ts). Every write: shared zod validation, authorisation
 * (collection.policy), one transaction with its audit row. A collection's entries are read in one
 * query for any number of collections and their cases hydrated in one batch (three statements), so
 * a list of collections costs the same whatever its length.
 */
export class CollectionService {
  constructor(private readonly em: EntityManager) {}

  // ── Reads ──────────────────────────────────────────────────────────────────────────────────

  async list(
    viewer: Viewer | null,
    status: CollectionStatus | undefined,
    page: { first: number; offset: number },
    scope?: CollectionScope,
  ): Promise<{ total: number; items: Collection[] }> {
    // Drafts are the curators' (an organisation's its secretariat's, COMMONS ones the 広域事務局's);
    // everyone else sees published collections whatever they ask for. Published COMMONS collections
    // are everyone's (collection.policy canReadCommons).
    const published: FilterQuery<Collection>[] = [];
    if (scope !== "COMMONS") published.push({ scope: "ORGANISATION", organisation: { $in: openOrganisationIds(await readershipOf(this.em, viewer)) }, status: "PUBLISHED" });
    if (scope !== "ORGANISATION") published.push({ scope: "COMMONS", status: "PUBLISHED" });
    const drafts: FilterQuery<Collection>[] = [];
    if (status !== "PUBLISHED") {
      if (viewer && isCurator(viewer) && scope !== "COMMONS") drafts.push({ scope: "ORGANISATION", organisation: viewer.organisationId, status: "DRAFT" });
      if (isHubSecretariat(viewer) && scope !== "ORGANISATION") drafts.push({ scope: "COMMONS", status: "DRAFT" });
    }
    const curating = drafts.length > 0;
    const where: FilterQuery<Collection> = { $or: [...(status === "DRAFT" && curating ? [] : published), ...drafts] };
    const [items, total] = await this.em.findAndCount(Collection, where, {
      orderBy: curating && !status ? { updatedAt: "desc", id: "asc" } : { publishedAt: "desc", updatedAt: "desc", id: "asc" },
      limit: clampPage(page.first),
      offset: Math.max(page.offset, 0),
    });
    return { total, items };
  }

  /** A collection the viewer may read, or null (not found and not allowed look the same). */
  async findVisible(viewer: Viewer | null, id: string): Promise<Collection | null> {
    if (!isUuid(id)) return null;
    const c = await this.em.findOne(Collection, id);
    if (!c) return null;
    if (c.scope === "COMMONS") return collectionPolicy.canReadCommons(viewer, c) ? c : null;
    const open = openOrganisationIds(await readershipOf(this.em, viewer));
    return collectionPolicy.canReadIn(viewer, { status: c.status, organisationId: c.organisation.id }, open) ? c : null;
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
      `select e.collection_id, e.case_id, e.position, e.reason, e.added_at, c.title, c.organisation_id, c.status, c.sharing, c.department_id, c.author_id
         from collection_entries e join cases c on c.id = e.case_id
        where e.collection_id in (?) order by e.collection_id, e.position, e.added_at`,
      [ids],
    );
    const readership = await readershipOf(this.em, viewer);
    const visible = rows.filter((r) =>
      collectionPolicy.canSeeEntry(viewer, { ...factsOfRow(r), publicReading: readership.publicOrganisationIds.includes(r.organisation_id) }),
    );
    // Entries whose case the reader may not read (another organisation's 庁内限定 one, say) are not shown (canSeeEntry) and never
    // hydrated, in a COMMONS collection too: a case made 庁内限定 after it was added is gone for other organisations.
    const views = await loadPublishedCaseViews(
      this.em,
      visible.filter((r) => r.status === "PUBLISHED").map((r) => r.case_id),
      readership,
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
      {
        case: { $in: ids },
        collection: {
          $or: [
            { scope: "ORGANISATION", organisation: { $in: openOrganisationIds(await readershipOf(this.em, viewer)) }, status: "PUBLISHED" },
            // Drafts: the viewer's own organisation's curators only.
            ...(viewer && isCurator(viewer) ? [{ scope: "ORGANISATION" as const, organisation: viewer.organisationId }] : []),
            // COMMONS ones: published for everyone, drafts for the 広域事務局. The case itself is
            // asked about by someone who can read it (the field hangs off a case they read).
            { scope: "COMMONS", ...(isHubSecretariat(viewer) ? {} : { status: "PUBLISHED" as const }) },
          ],
        },
      },
      { populate: ["collection"], orderBy: { collection: { title: "asc" } } },
    );
    for (const e of entries) out.get(e.case.id)?.push(e.collection.getEntity());
    return out;
  }

  // ── Writes ─────────────────────────────────────────────────────────────────────────────────

  async create(viewer: Viewer | null, raw: unknown): Promise<Collection> {
    const actor = requireViewer(viewer);
    const input = parseWith(collectionInputSchema, raw);
    if (!collectionPolicy.canCreate(actor, input.scope)) {
      throw forbidden(input.scope === "COMMONS" ? "全国の好事例集は広域事務局が作ります。" : "好事例の選定と好事例集の編集は事務局が行います。");
    }
    return this.em.transactional(async (tx) => {
      const c = tx.create(Collection, {
        organisation: actor.organisationId,
        scope: input.scope,
        title: input.title,
        description: input.description,
        fiscalYear: input.fiscalYear ?? null,
        createdBy: tx.getReference(User, actor.userId),
      });
      tx.persist(c);
      await tx.flush();
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "collection.create", subjectType: "Collection", subjectId: c.id, after: snapshot(c) });
      await tx.flush();
      return c;
    });
  }

  async update(viewer: Viewer | null, id: string, version: number, raw: unknown): Promise<Collection> {
    const actor = requireCollectionWriter(viewer);
    const input = parseWith(collectionInputSchema, raw);
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, id, version);
      const before = snapshot(c);
      c.title = input.title;
      c.description = input.description;
      c.fiscalYear = input.fiscalYear ?? null;
      await tx.flush();
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "collection.update", subjectType: "Collection", subjectId: c.id, before, after: snapshot(c) });
      await tx.flush();
      return c;
    });
  }

  async remove(viewer: Viewer | null, id: string, version: number): Promise<boolean> {
    const actor = requireCollectionWriter(viewer);
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, id, version);
      const caseIds = (await tx.find(CollectionEntry, { collection: c.id }, { orderBy: { position: "asc" } })).map((e) => e.case.id);
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "collection.delete", subjectType: "Collection", subjectId: c.id, before: { ...snapshot(c), caseIds } });
      await tx.nativeDelete(CollectionEntry, { collection: c.id });
      tx.remove(c);
      await tx.flush();
      return true;
    });
  }

  async setPublished(viewer: Viewer | null, id: string, version: number, published: boolean): Promise<Collection> {
    const actor = requireCollectionWriter(viewer);
    return this.em.transactional(async (tx) => {
      const c = await lockCollection(tx, actor, id, version);
      const from = c.status;
      if (published) {
        const commonsOnly = c.scope === "COMMONS" ? " and k.sharing = 'COMMONS'" : "";
        const [row] = await tx.execute<{ n: string | number }[]>(
          `select count(*) as n from collection_entries e join cases k on k.id = e.case_id where e.collection_id = ? and k.status = 'PUBLISHED'${commonsOnly}`,
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
        organisationId: actor.organisationId,
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
}

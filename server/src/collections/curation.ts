import type { EntityManager } from "@mikro-orm/postgresql";
import { type CaseSharing, type CaseStatus, isUuid } from "@kb/shared";
import type { CaseFacts } from "../cases/index.js";
import { AppError, badInputFromZod, forbidden, isHubSecretariat, notFound, requireViewer, type Viewer } from "../kernel/index.js";
import { Collection } from "./collection.entity.js";
import { collectionPolicy } from "./collection.policy.js";

/**
 * What the curation services (featured-case, collection, collection-entry, home-feed) share: page
 * limits, input parsing, the curator check and the row locks every write takes.
 */

const MAX_PAGE = 100;

export function clampPage(first: number): number {
  return Math.min(Math.max(Math.trunc(first), 0), MAX_PAGE);
}

export function parseWith<T>(schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  return parsed.data;
}

export const factsOfRow = (r: { organisation_id: string; status: CaseStatus; sharing: CaseSharing; department_id: string; author_id: string | null }): CaseFacts => ({
  organisationId: r.organisation_id,
  status: r.status,
  sharing: r.sharing,
  departmentId: r.department_id,
  authorId: r.author_id,
});

export function requireCurator(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!collectionPolicy.canCurate(v)) throw forbidden("好事例の選定と好事例集の編集は事務局が行います。");
  return v;
}

/** Writes on collections: an organisation's secretariat, or the 広域事務局 (its COMMONS ones; `lockCollection` tells which). */
export function requireCollectionWriter(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!collectionPolicy.canCurate(v) && !isHubSecretariat(v)) throw forbidden("好事例の選定と好事例集の編集は事務局が行います。");
  return v;
}

/**
 * The case, locked against a concurrent archive, and published (only published cases are curated).
 * Into a COMMONS collection: a commons case of any organisation; a 庁内限定 one never (CONFLICT when
 * it is the actor's own organisation's, not found when another's: nothing of it is told).
 */
export async function collectableCase(tx: EntityManager, actor: Viewer, caseId: string, collection?: Collection): Promise<void> {
  if (!isUuid(caseId)) throw notFound("好事例");
  if (collection?.scope === "COMMONS") {
    const [row] = await tx.execute<{ organisation_id: string; status: CaseStatus; sharing: CaseSharing }[]>(
      "select organisation_id, status, sharing from cases where id = ? and (organisation_id = ? or (status = 'PUBLISHED' and sharing = 'COMMONS')) for share",
      [caseId, actor.organisationId],
    );
    if (!row) throw notFound("好事例");
    if (!collectionPolicy.canCollectIntoCommons(row)) throw new AppError("CONFLICT", "全国の好事例集には、公開中で自治体間で共有している好事例だけを入れられます。");
    return;
  }
  // Another organisation's case is not found, as a missing one.
  const [row] = await tx.execute<{ organisation_id: string; status: CaseStatus; sharing: CaseSharing; department_id: string; author_id: string | null }[]>(
    "select organisation_id, status, sharing, department_id, author_id from cases where id = ? and organisation_id = ? for share",
    [caseId, actor.organisationId],
  );
  if (!row) throw notFound("好事例");
  if (!collectionPolicy.canCollectCase(factsOfRow(row))) {
    throw new AppError("CONFLICT", "公開中の好事例だけを選べます。");
  }
}

/** The collection, locked for this transaction; CONFLICT when `version` is given and stale. */
export async function lockCollection(tx: EntityManager, actor: Viewer, id: string, version: number | null): Promise<Collection> {
  if (!isUuid(id)) throw notFound("好事例集");
  // Another organisation's collection is not found, as a missing one; a COMMONS one is the 広域事務局's.
  const rows = await tx.execute<{ id: string }[]>(
    "select id from collections where id = ? and ((scope = 'ORGANISATION' and organisation_id = ? and ?::boolean) or (scope = 'COMMONS' and ?::boolean)) for update",
    [id, actor.organisationId, collectionPolicy.canCurate(actor), isHubSecretariat(actor)],
  );
  if (!rows.length) throw notFound("好事例集");
  const c = await tx.findOneOrFail(Collection, id, { refresh: true });
  if (version !== null && c.version !== version) {
    throw new AppError("CONFLICT", "ほかの人がこの好事例集を更新しました。画面を読み込み直してから、もう一度操作してください。");
  }
  return c;
}

/** Any change to a collection's entries is a change of the collection: its version moves on. */
export function touch(c: Collection): void {
  c.updatedAt = new Date();
}

export const snapshot = (c: Collection) => ({ title: c.title, description: c.description, fiscalYear: c.fiscalYear ?? null, status: c.status, scope: c.scope });

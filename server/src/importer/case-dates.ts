import type { EntityManager } from "@mikro-orm/postgresql";
import { parseInterchangeDate, publicationDateInFiscalYear, type InterchangeCase } from "@kb/shared";
import type { Case } from "../cases/index.js";

/**
 * An imported case carries its own dates, not the day of the import: `publishedAt` and
 * `updatedAt` from the line when it gives them, else a publication date within its 年度
 * (publicationDateInFiscalYear) — so the seeds and a migrated archive show honest 公開日, 最終更新 and
 * 最終確認, and 新着 (ordered by publication) does not open with a 令和3年度 case.
 */

/** The publication date to store for `target` once `record` is applied (status not yet changed). */
export function importedPublishedAt(record: InterchangeCase, target: Case, now: Date): Date | null | undefined {
  if (record.publishedAt) return parseInterchangeDate(record.publishedAt);
  if (record.status !== "PUBLISHED") return target.publishedAt;
  // Already published: a re-import keeps the date it was published on.
  if (target.status === "PUBLISHED" && target.publishedAt) return target.publishedAt;
  return publicationDateInFiscalYear(record.fiscalYear, now);
}

/**
 * Sets `updated_at` of the imported cases the line dates: its `updatedAt`, or for a new case its
 * publication date (it has not changed since). A changed case without `updatedAt` keeps today's
 * date: it did change today. One statement, after the last flush of the chunk (a later flush would
 * stamp the time again: `Case.updatedAt` has `onUpdate`).
 */
export async function applyImportedUpdatedAt(
  tx: EntityManager,
  changed: readonly { target: Case; record: InterchangeCase; created: boolean }[],
): Promise<void> {
  const rows = changed.flatMap(({ target, record, created }) => {
    const at = record.updatedAt ? parseInterchangeDate(record.updatedAt) : created ? target.publishedAt : null;
    return at ? [{ id: target.id, at: at.toISOString() }] : [];
  });
  if (!rows.length) return;
  await tx.execute(
    "update cases c set updated_at = v.at from jsonb_to_recordset(?::jsonb) as v(id uuid, at timestamptz) where c.id = v.id",
    [JSON.stringify(rows)],
  );
}

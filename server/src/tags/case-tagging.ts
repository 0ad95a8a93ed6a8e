import type { EntityManager } from "@mikro-orm/postgresql";
import { recordEvent } from "../kernel/index.js";
import { casesRetagged } from "./tag.events.js";

/**
 * Set-based changes of which cases carry a tag, for the vocabulary tools (accepted proposals, bulk
 * tagging, merges and their undo). Call inside the transaction that makes the change.
 *
 * A change of a case's tags is an edit of the case: each changed case gets a new version (so an edit
 * form opened before it is refused with CONFLICT instead of silently putting the old tags back), a
 * revision whose snapshot holds the new tag list, and the fact CasesRetagged (its search document
 * carries tag names). All of it in a handful of statements, whatever the number of cases.
 */

/** Puts the tag on the cases that lack it; returns the cases that changed. */
export async function addTagToCases(tx: EntityManager, tagId: string, caseIds: readonly string[]): Promise<string[]> {
  if (!caseIds.length) return [];
  const rows = await tx.execute<{ case_id: string }[]>(
    `insert into case_tags (case_id, tag_id)
       select c.id, ? from cases c where c.id in (?)
     on conflict do nothing
     returning case_id`,
    [tagId, [...caseIds]],
  );
  return rows.map((r) => r.case_id);
}

/** Takes the tag off the cases that carry it; returns the cases that changed. */
export async function removeTagFromCases(tx: EntityManager, tagId: string, caseIds: readonly string[]): Promise<string[]> {
  if (!caseIds.length) return [];
  const rows = await tx.execute<{ case_id: string }[]>("delete from case_tags where tag_id = ? and case_id in (?) returning case_id", [
    tagId,
    [...caseIds],
  ]);
  return rows.map((r) => r.case_id);
}

/** Cases that carry the tag (any status). */
export async function casesWithTag(tx: EntityManager, tagId: string): Promise<string[]> {
  const rows = await tx.execute<{ case_id: string }[]>("select case_id from case_tags where tag_id = ? order by case_id", [tagId]);
  return rows.map((r) => r.case_id);
}

/**
 * After the tag rows of `caseIds` changed: new version and revision for each case (editor: the
 * actor), and the fact CasesRetagged. The caller flushes (or its transaction does).
 */
export async function recordCaseTagChanges(tx: EntityManager, caseIds: readonly string[], actorId: string | null): Promise<void> {
  const ids = [...new Set(caseIds)];
  if (!ids.length) return;
  await tx.execute(
    `with bumped as (
       update cases set version = version + 1, updated_at = now() where id in (?)
       returning id, version, kind, title, summary, background, actions, results, tips, fiscal_year, effects, details
     )
     insert into case_revisions (id, case_id, version, editor_id, snapshot, created_at)
     select gen_random_uuid(), b.id, b.version, ?::uuid,
            jsonb_build_object(
              'kind', b.kind, 'title', b.title, 'summary', b.summary, 'background', b.background,
              'actions', b.actions, 'results', b.results, 'tips', b.tips, 'fiscalYear', b.fiscal_year,
              'tags', coalesce((select jsonb_agg(t.name order by ct.ctid)
                                  from case_tags ct join tags t on t.id = ct.tag_id where ct.case_id = b.id), '[]'::jsonb),
              'effects', b.effects, 'details', b.details),
            now()
       from bumped b`,
    [ids, actorId],
  );
  recordEvent(tx, casesRetagged({ caseIds: ids }));
}
